"""reference_load: fills every table, writes each value once however often it runs, keeps admin choices."""

import pytest
from django.core.management import call_command

from canbo.core.management.commands.load_reference import Command
from canbo.core.text import name_sort_key
from canbo.people.models import Ethnicity, EthnicityAlias, QualificationLevel, Religion
from canbo.posts.models import ManagementCategory, Title
from canbo.reference import catalog
from canbo.reference.loader import reference_load
from canbo.reference.normalize import _ALIAS_MAX_LENGTH, ethnicity_key

pytestmark = pytest.mark.django_db

MODELS = (Ethnicity, EthnicityAlias, Religion, QualificationLevel, ManagementCategory, Title)


def table_sizes():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_it_loads_every_list(loaded):
    assert loaded["ethnicities"] == 56 + 54 == Ethnicity.objects.count()
    assert loaded["religions"] == 17 == Religion.objects.count()
    assert loaded["management_categories"] == 5 == ManagementCategory.objects.count()
    assert loaded["titles"] == len(catalog.titles()) == Title.objects.count()
    assert loaded["qualification_levels"] == QualificationLevel.objects.count()
    assert loaded["ethnicity_aliases"] == EthnicityAlias.objects.count()
    assert Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_1979).count() == 56
    assert Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_2008).count() == 54


def test_it_is_idempotent(loaded):
    before = table_sizes()
    assert reference_load() == loaded
    assert table_sizes() == before


def test_it_restores_shipped_values_but_keeps_is_active(loaded):
    Title.objects.filter(code="GIAM_DOC_SO").update(name="Sửa tay", is_sole=False, is_active=False)
    Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_1979, code="08").update(name="X", sort_key="")
    reference_load()
    title = Title.objects.get(code="GIAM_DOC_SO")
    assert (title.name, title.is_sole, title.is_active) == ("Giám đốc Sở", True, False)
    hmong = Ethnicity.objects.get(code_system=catalog.CODE_SYSTEM_1979, code="08")
    assert (hmong.name, hmong.sort_key) == ("HMông", name_sort_key("HMông"))


def test_it_sets_sort_keys_and_folded_aliases(loaded):
    assert not Ethnicity.objects.filter(sort_key="").exists()
    for alias in EthnicityAlias.objects.select_related("ethnicity"):
        assert alias.alias_folded == ethnicity_key(alias.alias)
        assert alias.ethnicity.code_system == catalog.CODE_SYSTEM_1979


def test_the_alias_key_fits_the_column():
    assert EthnicityAlias._meta.get_field("alias_folded").max_length == _ALIAS_MAX_LENGTH


def test_kinh_and_the_added_codes_are_not_minorities(loaded):
    non_minority = Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_1979, is_minority=False)
    assert sorted(non_minority.values_list("code", flat=True)) == ["01", "55", "56"]


def test_only_the_default_code_system_is_offered(loaded):
    assert not Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_2008, is_active=True).exists()
    assert Ethnicity.objects.filter(code_system=catalog.CODE_SYSTEM_1979, is_active=False).count() == 0


def test_titles_point_to_their_management_category(loaded):
    categories = dict(Title.objects.values_list("code", "management_category__code"))
    assert categories["BI_THU_TINH_UY"] == "BCT"
    assert categories["TRUONG_PHONG_HUYEN"] == "BTV_HUYEN"
    assert categories["BI_THU_DANG_UY_XA"] == "BTV_TINH"
    assert not Title.objects.filter(management_category__isnull=True).exists()


def test_the_command_prints_the_counts(db, capsys):
    call_command(Command())
    out = capsys.readouterr().out
    assert "titles: " in out and "ethnicities: 110" in out
    assert Title.objects.exists()

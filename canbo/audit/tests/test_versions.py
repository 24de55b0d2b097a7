"""No lost updates: a save over a newer version than the one loaded is refused, shows what changed since,
and overwrites nothing; a deliberate second save goes in."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.forms import CheckboxInput
from django.urls import reverse

from canbo.access.models import Role
from canbo.audit.chain import verify
from canbo.audit.versions import StaleVersion
from canbo.core import testing as make
from canbo.org import services as org_services
from canbo.org.choices import BodyKind, Level
from canbo.org.models import ElectedBody
from canbo.people import services as people_services
from canbo.people.models import FamilyMember, Person
from canbo.posts import services as posts_services

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def setting() -> dict[str, Any]:
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    hang = make.person("Nguyễn Thị Hằng")
    post = make.assign(hang, dept, make.title(), D(2020, 1, 1))
    return {
        "root": root,
        "dept": dept,
        "hang": hang,
        "post": post,
        "first": make.make_user("nguoi-mot", role=Role.SPECIALIST),
        "second": make.make_user("nguoi-hai", role=Role.SPECIALIST),
    }


def test_the_second_save_of_the_same_version_is_refused_with_what_changed(setting: Any) -> None:
    hang = setting["hang"]
    loaded = Person.objects.get(pk=hang.pk).version
    people_services.person_update(
        actor=setting["first"], person=hang, data={"other_names": "Hằng Nga"}, version=loaded
    )
    with pytest.raises(StaleVersion) as conflict:
        people_services.person_update(
            actor=setting["second"], person=hang, data={"other_names": "Cô Hằng"}, version=loaded
        )
    hang.refresh_from_db()
    assert hang.other_names == "Hằng Nga" and hang.version == loaded + 1
    error = conflict.value
    assert (error.loaded, error.current) == (loaded, loaded + 1)
    [change] = error.changes
    assert (change.field, change.then, change.now, change.by) == ("other_names", "—", "Hằng Nga", "nguoi-mot")
    assert "Hằng Nga" in " ".join(error.messages)
    assert list(verify()) == []


def test_a_save_without_a_loaded_version_still_takes_the_next_one(setting: Any) -> None:
    hang = setting["hang"]
    people_services.person_update(actor=setting["first"], person=hang, data={"other_names": "A"})
    people_services.person_update(actor=setting["first"], person=hang, data={"other_names": "B"})
    assert Person.objects.get(pk=hang.pk).version == 3


def test_an_unchanged_save_neither_conflicts_nor_bumps(setting: Any) -> None:
    hang = setting["hang"]
    people_services.person_update(actor=setting["first"], person=hang, data={"other_names": "A"}, version=1)
    people_services.person_update(actor=setting["second"], person=hang, data={"other_names": "A"}, version=1)
    assert Person.objects.get(pk=hang.pk).version == 2


def _records(setting: Any) -> list[tuple[Any, Any, dict[str, Any], dict[str, Any]]]:
    """(update service, keyword of the row, the row, first data, second data) for every versioned record."""
    hang, actor = setting["hang"], setting["first"]
    qualification = people_services.qualification_create(
        actor=actor,
        person=hang,
        data={"level": make.level(), "field": "Luật", "obtained_on": D(2010, 6, 1)},
    )
    member = people_services.family_member_create(
        actor=actor, person=hang, data={"relation": "bo", "full_name": "Nguyễn Văn Cha", "birth_year": 1950}
    )
    body = ElectedBody.objects.create(
        org_unit=setting["root"], kind=BodyKind.PARTY_EXECUTIVE, level=Level.PROVINCE, name="Ban Chấp hành"
    )
    term = org_services.term_create(
        actor=None, body=body, data={"name": "2020–2025", "valid_from": D(2020, 10, 15)}
    )
    seat = org_services.membership_create(
        actor=actor, person=hang, data={"term": term, "valid_from": D(2020, 10, 15)}
    )
    return [
        (people_services.qualification_update, "qualification", qualification, {"field": "Luật kinh tế"}),
        (people_services.family_member_update, "member", member, {"full_name": "Nguyễn Văn Bố"}),
        (posts_services.assignment_update, "assignment", setting["post"], {"valid_to": D(2024, 12, 31)}),
        (org_services.unit_update, "unit", setting["dept"], {"name": "Sở Nội vụ tỉnh"}),
        (org_services.membership_update, "membership", seat, {"valid_to": D(2024, 12, 31)}),
    ]


def test_every_versioned_record_refuses_a_stale_save(setting: Any) -> None:
    for update, keyword, row, data in _records(setting):
        loaded = type(row).objects.get(pk=row.pk).version
        update(actor=setting["first"], data=data, version=loaded, **{keyword: row})
        before = type(row).objects.filter(pk=row.pk).values().get()
        with pytest.raises(StaleVersion) as conflict:
            update(actor=setting["second"], data=data, version=loaded, **{keyword: row})
        assert type(row).objects.filter(pk=row.pk).values().get() == before, keyword
        assert conflict.value.current == loaded + 1, keyword


def test_an_import_style_bulk_save_takes_the_next_version(setting: Any) -> None:
    from canbo.audit.bulk import bulk_save
    from canbo.audit.services import snapshot
    from canbo.core.bulk import BULK_UPDATED, BulkResult

    member = people_services.family_member_create(
        actor=setting["first"], person=setting["hang"], data={"relation": "bo", "full_name": "Ông A"}
    )
    before = snapshot(member)
    member.full_name = "Ông B"
    result = BulkResult(instances=[member], statuses=[BULK_UPDATED])
    bulk_save(
        actor=None, model=FamilyMember, result=result, befores=[before], person_of=lambda m: m.person_id
    )
    assert FamilyMember.objects.get(pk=member.pk).version == 2
    with pytest.raises(StaleVersion):
        people_services.family_member_update(
            actor=setting["second"], member=member, data={"full_name": "Ông C"}, version=1
        )


# ------------------------------------------------------------------------------------------------ web


def form_data(response: Any) -> dict[str, Any]:
    """What a browser would post back from the form as rendered (every field's current value)."""
    data: dict[str, Any] = {}
    for field in response.context["form"]:
        widget = field.field.widget
        value = field.value()
        if isinstance(widget, CheckboxInput):
            if value:
                data[field.html_name] = "on"
            continue
        shown = widget.format_value(value) if hasattr(widget, "format_value") else value
        data[field.html_name] = "" if shown is None else shown
    return data


def test_two_sessions_edit_the_same_person(client: Any, setting: Any, django_user_model: Any) -> None:
    from django.test import Client

    hang = setting["hang"]
    url = reverse("web:person_update", args=[hang.pk])
    first, second = Client(), client
    first.force_login(setting["first"])
    second.force_login(setting["second"])
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    assert mine["version"] == theirs["version"] == "1"
    saved = first.post(url, {**mine, "other_names": "Hằng Nga"})
    assert saved.status_code == 302, saved.context["form"].errors if saved.context else saved
    refused = second.post(url, {**theirs, "other_names": "Cô Hằng"})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "đã được người khác sửa" in page
    assert re.search(r"<td>—</td><td><strong>Hằng Nga</strong></td>", page)
    hang.refresh_from_db()
    assert hang.other_names == "Hằng Nga"  # nothing of the second session was written
    # The refreshed form carries the current version: a deliberate second save goes in.
    again = form_data(refused)
    assert again["version"] == "2" and again["other_names"] == "Cô Hằng"
    assert second.post(url, again).status_code == 302
    hang.refresh_from_db()
    assert (hang.other_names, hang.version) == ("Cô Hằng", 3)

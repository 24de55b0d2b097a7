"""Person records: validation in Vietnamese, nothing saved on bad input, derived search and sort columns."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.audit.models import AuditEvent
from canbo.core import testing as make
from canbo.core.dates import DatePrecision
from canbo.people.choices import QualificationKind
from canbo.people.models import Person, Qualification
from canbo.people.services import person_create, person_update, qualification_create

pytestmark = pytest.mark.django_db
D = dt.date
# 010 = Lào Cai's registration code; 1 = woman born in the 20th century; 80 = born 1980.
VALID_ID = "010180001234"


def base(**extra):
    return {
        "full_name": "Nguyễn Thị Hằng",
        "birth_date": D(1980, 5, 17),
        "sex": "nu",
        "ethnicity": make.ethnicity(),
        "religion": make.religion(),
        **extra,
    }


def test_it_creates_a_person_with_search_and_sort_columns_and_an_audit_row():
    person = person_create(actor=None, data=base(full_name="  Nguyễn   Thị Hằng ", national_id=VALID_ID))
    assert person.full_name == "Nguyễn Thị Hằng"
    assert person.search_text == "nguyen thi hang"
    assert person.sort_key
    assert AuditEvent.objects.filter(
        object_type="people.person", action="create", person_id=person.pk
    ).exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("birth_date", D(2999, 1, 1), "Ngày sinh không được sau ngày hôm nay."),
        ("birth_date", D(1920, 1, 1), "Năm sinh không được trước năm 1930."),
        ("national_id", "12345", "12"),
        ("national_id", "01018000123A", "12"),
        ("sex", "x", "giới tính"),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(field, value, message):
    with pytest.raises(ValidationError) as err:
        person_create(actor=None, data=base(**{field: value}))
    assert field in err.value.message_dict
    assert message.lower() in " ".join(err.value.message_dict[field]).lower() or field == "sex"
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_national_id_must_agree_with_birth_year_and_sex():
    with pytest.raises(ValidationError) as err:
        person_create(actor=None, data=base(national_id="010085001234"))  # says born 1985
    assert "national_id" in err.value.message_dict


def test_national_id_is_unique_with_a_vietnamese_message():
    person_create(actor=None, data=base(national_id=VALID_ID))
    with pytest.raises(ValidationError) as err:
        person_create(actor=None, data=base(full_name="Lê Thị Hằng", national_id=VALID_ID))
    assert "national_id" in err.value.message_dict
    assert Person.objects.count() == 1


def test_partial_birth_date_is_stored_without_invented_days():
    person = person_create(
        actor=None, data=base(birth_date=D(1975, 8, 19), birth_date_precision=DatePrecision.YEAR)
    )
    assert person.birth_date == D(1975, 1, 1)
    assert person.birth_date_display == "1975"


def test_update_records_before_and_after_and_skips_noop():
    person = person_create(actor=None, data=base())
    person_update(actor=None, person=person, data={"other_names": "Hằng Nga"})
    person_update(actor=None, person=person, data={"other_names": "Hằng Nga"})
    events = AuditEvent.objects.filter(action="update", person_id=person.pk)
    assert events.count() == 1
    assert events.get().changes["other_names"] == ["", "Hằng Nga"]


def test_update_with_bad_input_changes_nothing():
    person = person_create(actor=None, data=base())
    with pytest.raises(ValidationError):
        person_update(actor=None, person=person, data={"other_names": "X", "party_joined_on": D(1970, 1, 1)})
    person.refresh_from_db()
    assert person.other_names == ""


def test_party_official_date_cannot_precede_admission():
    with pytest.raises(ValidationError) as err:
        person_create(actor=None, data=base(party_joined_on=D(2005, 5, 1), party_official_on=D(2005, 1, 1)))
    assert "Ngày chính thức không được trước ngày vào Đảng." in str(err.value)


def test_qualification_takes_its_kind_from_the_level_and_refuses_future_dates():
    person = person_create(actor=None, data=base())
    master = make.level(QualificationKind.EDUCATION, "THS", "Thạc sĩ", 7)
    q = qualification_create(
        actor=None,
        person=person,
        data={"level": master, "obtained_on": D(2012, 6, 1), "field": "Quản lý công"},
    )
    assert q.kind == QualificationKind.EDUCATION
    with pytest.raises(ValidationError):
        qualification_create(actor=None, person=person, data={"level": master, "obtained_on": D(2999, 1, 1)})
    assert Qualification.objects.count() == 1

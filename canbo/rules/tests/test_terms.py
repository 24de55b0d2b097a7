"""Appointment terms, reappointment notices, extension to retirement, the age at appointment."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canbo.core import testing as make
from canbo.rules.services import appointment_file_record
from canbo.rules.terms import (
    FAIL,
    PASS,
    UNKNOWN,
    appointment_age_check,
    appointment_term_end,
    assignment_term,
    extension_instead_of_reappointment,
    reappointment_notice_due,
    term_end,
    terms_ending,
)
from canbo.rules.workdays import is_working_day, working_days_between

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_term_is_five_years_to_the_day_before(shipped):
    assert term_end(D(2021, 3, 1), years=5) == D(2026, 2, 28)
    assert term_end(D(2020, 2, 29), years=5) == D(2025, 2, 27)
    end, version = appointment_term_end(D(2024, 3, 15))
    assert end == D(2029, 3, 14) and "138/2020" in version.citation
    end, version = appointment_term_end(D(2026, 3, 15))
    assert end == D(2031, 3, 14) and "170/2025" in version.citation


def test_the_notice_rule_in_force_when_the_term_ends_is_used(shipped):
    # Under QĐ 105 (until 17/08/2022): 90 calendar days.
    due, version = reappointment_notice_due(D(2022, 3, 31))
    assert due == D(2021, 12, 31) and "105" in version.source
    # Under QĐ 377 (from 08/10/2025): 90 working days, Tết 2027 and the holidays skipped.
    due, version = reappointment_notice_due(D(2027, 6, 30))
    assert "377" in version.source
    assert is_working_day(due) and working_days_between(due, D(2027, 6, 29)) == 90
    assert due < D(2027, 6, 30) - dt.timedelta(days=90)


def test_extension_when_under_two_years_remain(shipped):
    yes, version = extension_instead_of_reappointment(D(2026, 2, 28), D(2028, 2, 27))
    assert yes and version.parameters["years"] == 2
    no, _ = extension_instead_of_reappointment(D(2026, 2, 28), D(2028, 2, 29))
    assert not no


@pytest.mark.parametrize(
    ("received", "exception", "status"),
    [
        (D(2026, 1, 1), "", PASS),  # exactly 60 months to the end of 31/12/2030
        (D(2026, 1, 2), "", FAIL),
        (D(2026, 1, 2), "Văn bản 12-CV/TU của Ban Thường vụ", PASS),
        (None, "", UNKNOWN),
        (D(2021, 7, 1), "", UNKNOWN),  # before KL 08-KL/TW took effect: no rule in force
    ],
)
def test_first_appointment_needs_sixty_months_to_retirement(shipped, received, exception, status):
    check = appointment_age_check(retirement_date=D(2030, 12, 31), received_on=received, exception=exception)
    assert check.status == status
    assert check.message


def test_missing_retirement_date_is_unknown(shipped):
    check = appointment_age_check(retirement_date=None, received_on=D(2026, 1, 1))
    assert check.status == UNKNOWN and "nghỉ hưu" in check.message


def test_terms_ending_lists_appointments_in_scope(shipped):
    root = make.unit("Tỉnh", kind="administration")
    dept = make.unit("Sở Nội vụ", parent=root)
    head = make.title("Giám đốc Sở", rank="head", leadership=True, sole=True)
    staff = make.title()
    director = make.person("Trần Văn An", birth_date=D(1966, 5, 10))
    make.assign(director, dept, head, D(2021, 6, 1))
    clerk = make.person("Lê Văn Bình", birth_date=D(1980, 1, 1))
    make.assign(clerk, dept, staff, D(2021, 6, 1))
    admin = make.make_user("root", is_superuser=True)
    rows = terms_ending(user=admin, start=D(2026, 1, 1), end=D(2026, 12, 31), on=D(2026, 1, 1))
    assert [row.assignment.person_id for row in rows] == [director.pk]
    row = rows[0]
    assert row.term_ends_on == D(2026, 5, 31) and not row.term_end_recorded
    assert row.retirement_date == D(2028, 5, 31)  # 62 from 2028
    assert row.extension is False and "377" in row.notice_citation
    assert row.notice_due is not None and working_days_between(row.notice_due, D(2026, 5, 30)) == 90
    assert row.notice_overdue(D(2026, 5, 1)) and not row.notice_overdue(D(2025, 12, 1))
    outsider = make.make_user("outsider")
    assert terms_ending(user=outsider, start=D(2026, 1, 1), end=D(2026, 12, 31), on=D(2026, 1, 1)) == []
    with CaptureQueriesContext(connection) as one:
        terms_ending(user=admin, start=D(2026, 1, 1), end=D(2026, 12, 31), on=D(2026, 1, 1))
    for index in range(5):
        other = make.person(f"Nguyễn Văn Số{index}", birth_date=D(1970, 1, 1))
        make.assign(other, make.unit(f"Sở {index}", parent=root), head, D(2021, 7, 1))
    with CaptureQueriesContext(connection) as six:
        assert len(terms_ending(user=admin, start=D(2026, 1, 1), end=D(2026, 12, 31), on=D(2026, 1, 1))) == 6
    assert len(six) == len(one)  # no query per row


def test_an_appointment_file_records_the_reception_date(shipped):
    dept = make.unit()
    head = make.title("Giám đốc Sở", rank="head", leadership=True, sole=True)
    person = make.person("Trần Văn An", birth_date=D(1966, 5, 10))
    post = make.assign(person, dept, head, D(2024, 6, 1))
    file = appointment_file_record(actor=None, assignment=post, data={"received_on": D(2024, 3, 1)})
    status = assignment_term(post)
    assert status.term_ends_on == D(2029, 5, 31)
    check = appointment_age_check(retirement_date=D(2028, 5, 31), received_on=file.received_on)
    assert check.status == FAIL
    with pytest.raises(Exception) as exc:
        appointment_file_record(actor=None, assignment=post, data={"received_on": D(2024, 7, 1)})
    assert "Ngày nhận hồ sơ" in " ".join(exc.value.messages)
    with pytest.raises(Exception) as exc:  # a field the record does not take is named, not ignored
        appointment_file_record(actor=None, assignment=post, data={"received": D(2024, 3, 1)})
    assert "received" in exc.value.message_dict
    post.refresh_from_db()
    assert appointment_file_record(actor=None, assignment=post, data={}).received_on == D(2024, 3, 1)


def test_late_reappointments_on_a_hand_built_history(shipped):
    from canbo.rules.services import reappointment_notice_record
    from canbo.rules.terms import late_reappointments

    root = make.unit("Tỉnh", kind="administration")
    head = make.title("Giám đốc Sở", rank="head", leadership=True, sole=True)
    staff = make.title()

    def appointed(name, start, born=None, **extra):
        who = make.person(name, birth_date=born or D(1975, 1, 1))
        return make.assign(who, make.unit(f"Sở của {name}", parent=root), head, start, **extra)

    expired = appointed("Trần Văn An", D(2021, 3, 1))  # term ended 28/02/2026, still in post
    no_notice = appointed("Lê Văn Bình", D(2021, 9, 1))  # term ends 31/08/2026, notice due in spring
    on_time = appointed("Phạm Văn Cường", D(2021, 9, 1))
    reappointment_notice_record(actor=None, assignment=on_time, data={"notified_on": D(2026, 3, 2)})
    notified_late = appointed("Hoàng Văn Dũng", D(2021, 9, 1))
    reappointment_notice_record(actor=None, assignment=notified_late, data={"notified_on": D(2026, 6, 10)})
    retiring = appointed(
        "Vũ Văn Em", D(2021, 9, 1), born=D(1965, 1, 20)
    )  # retires 31/07/2026, before the end
    renewed = make.person("Đặng Văn Phúc", birth_date=D(1975, 1, 1))
    renewed_unit = make.unit("Sở Xây dựng", parent=root)
    make.assign(renewed, renewed_unit, head, D(2016, 1, 1), D(2020, 12, 31))
    make.assign(renewed, renewed_unit, head, D(2021, 1, 1), term_ends_on=D(2026, 12, 31))
    clerk = make.person("Ngô Văn Giang", birth_date=D(1975, 1, 1))
    make.assign(clerk, make.unit("Văn phòng", parent=root), staff, D(2015, 1, 1))

    admin = make.make_user("root", is_superuser=True)
    on = D(2026, 6, 15)
    late = {status.assignment.pk: reasons for status, reasons in late_reappointments(user=admin, on=on)}
    assert set(late) == {expired.pk, no_notice.pk, notified_late.pk}
    assert "Hết thời hạn bổ nhiệm ngày 28/02/2026" in late[expired.pk][0]
    assert "Quá hạn thông báo" in late[no_notice.pk][0] and "377-QĐ/TW" in late[no_notice.pk][0]
    assert "Thông báo muộn: ngày 10/06/2026" in late[notified_late.pk][0]
    assert on_time.pk not in late and retiring.pk not in late
    outsider = make.make_user("outsider")
    assert late_reappointments(user=outsider, on=on) == []

"""The term lists count in SQL: term ends and notice deadlines computed by the database match the Python
rules day for day, and each counter agrees with its list on a hand-built history in one COUNT query."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import DateField, Value
from django.test.utils import CaptureQueriesContext

from canbo.core import testing as make
from canbo.rules.models import RuleVersion
from canbo.rules.selectors import RuleBook
from canbo.rules.services import reappointment_notice_record, rules_load
from canbo.rules.terms import TermEnd, notice_due_pieces, reappointment_notice_due, term_end
from canbo.rules.workdays import working_calendar
from canbo.worklists.registry import get_worklist

pytestmark = pytest.mark.django_db
D = dt.date
TERM_LISTS = ("terms_ending", "reappointment_notices", "late_reappointments")


@pytest.fixture
def shipped(db):
    return rules_load()


def test_the_sql_term_end_matches_the_python_one(shipped):
    starts = [D(2020, 2, 29), D(2021, 1, 31), D(2021, 3, 1), D(2021, 12, 31), D(2024, 2, 29), D(2019, 8, 30)]
    starts += [
        D(2020, month, day) for month in range(1, 13) for day in (1, 15, 28, 30) if (month, day) != (2, 30)
    ]
    annotations = {
        f"d{index}": TermEnd(Value(start, output_field=DateField()), years=years)
        for index, (start, years) in enumerate((s, y) for s in starts for y in (1, 5))
    }
    row = RuleVersion.objects.annotate(**annotations).values(*annotations)[:1].get()
    expected = {
        f"d{index}": term_end(start, years=years)
        for index, (start, years) in enumerate((s, y) for s in starts for y in (1, 5))
    }
    assert row == expected
    assert row["d0"] == D(2021, 2, 27) and row["d1"] == D(2025, 2, 27)  # 29/02/2020: +1 and +5 years


def test_notice_deadline_pieces_match_the_rule_every_day(shipped):
    """Two years across QĐ 80 → QĐ 377 (08/10/2025) and the 2025–2026 swaps: the same deadline each day."""
    book, calendar = RuleBook.load(), working_calendar()
    start, end = D(2025, 1, 1), D(2026, 12, 31)
    pieces = notice_due_pieces(start, end, book=book, calendar=calendar)
    day = start
    while day <= end:
        found = [due for first, last, due in pieces if first <= day <= last]
        expected = reappointment_notice_due(day, calendar=calendar, book=book)
        assert found == [expected[0]], day
        day += dt.timedelta(days=1)
    assert len(pieces) < 600  # one piece per working day, not per calendar day


@pytest.fixture
def history(shipped):
    """The hand-built history of test_terms plus terms ending in the windows, in two departments."""
    root = make.unit("Tỉnh", kind="administration")
    head = make.title("Giám đốc Sở", rank="head", leadership=True, sole=True)
    staff = make.title()
    mine = make.unit("Sở Nội vụ", parent=root)
    user = make.make_user("noivu", role="specialist", unit=mine)
    admin = make.make_user("root", is_superuser=True)

    def appointed(name, start, born=None, parent=root, **extra):
        who = make.person(name, birth_date=born or D(1975, 1, 1), managing_unit=parent)
        return make.assign(who, make.unit(f"Phòng của {name}", parent=parent), head, start, **extra)

    for parent in (root, mine):
        tag = "" if parent == root else " NV"
        appointed(f"Trần Văn An{tag}", D(2021, 3, 1), parent=parent)  # term ended 28/02/2026, still held
        appointed(f"Lê Văn Bình{tag}", D(2021, 9, 1), parent=parent)  # ends 31/08/2026, no notice
        on_time = appointed(f"Phạm Văn Cường{tag}", D(2021, 9, 1), parent=parent)
        reappointment_notice_record(actor=None, assignment=on_time, data={"notified_on": D(2026, 3, 2)})
        late = appointed(f"Hoàng Văn Dũng{tag}", D(2021, 9, 1), parent=parent)
        reappointment_notice_record(actor=None, assignment=late, data={"notified_on": D(2026, 6, 10)})
        appointed(f"Vũ Văn Em{tag}", D(2021, 9, 1), born=D(1965, 1, 20), parent=parent)  # retires first
        appointed(f"Đỗ Văn Phong{tag}", D(2022, 2, 1), parent=parent)  # ends 31/01/2027
        appointed(f"Bùi Văn Giang{tag}", D(2020, 11, 30), parent=parent)  # ended 29/11/2025, still held
        appointed(f"Ngô Văn Hải{tag}", D(2024, 1, 1), parent=parent, term_ends_on=D(2026, 10, 31))
        clerk = make.person(f"Lý Văn Khoa{tag}", birth_date=D(1975, 1, 1), managing_unit=parent)
        make.assign(clerk, make.unit(f"Văn phòng{tag}", parent=parent), staff, D(2015, 1, 1))
    return {"user": user, "admin": admin}


@pytest.mark.parametrize("code", TERM_LISTS)
@pytest.mark.parametrize("on", [D(2026, 6, 15), D(2026, 1, 10), D(2025, 9, 1)])
def test_each_term_count_equals_its_rows(history, code, on):
    item = get_worklist(code)
    for user in (history["user"], history["admin"]):
        rows = item.rows(user, on=on)
        assert item.count(user, on=on) == len(rows), (code, on)
        assert all(row.reason for row in rows)  # every row the SQL chose has its reason in words
    assert len(item.rows(history["admin"], on=on)) >= len(item.rows(history["user"], on=on))


def test_the_lists_hold_the_expected_people(history):
    on = D(2026, 6, 15)
    names = {
        code: sorted(row.person.full_name for row in get_worklist(code).rows(history["user"], on=on))
        for code in TERM_LISTS
    }
    assert names["late_reappointments"] == [
        "Bùi Văn Giang NV",
        "Hoàng Văn Dũng NV",
        "Lê Văn Bình NV",
        "Trần Văn An NV",
    ]
    assert names["terms_ending"] == [
        "Hoàng Văn Dũng NV",
        "Lê Văn Bình NV",
        "Ngô Văn Hải NV",
        "Phạm Văn Cường NV",
        "Vũ Văn Em NV",
    ]
    assert names["reappointment_notices"] == ["Lê Văn Bình NV", "Ngô Văn Hải NV", "Đỗ Văn Phong NV"]
    notice_rows = get_worklist("reappointment_notices").rows(history["user"], on=on)
    assert all("/thong-bao-bo-nhiem-lai/" in row.extra["action_url"] for row in notice_rows)


@pytest.mark.parametrize("code", TERM_LISTS)
def test_each_term_count_is_one_count_query(history, code):
    """The counter builds no rows: one COUNT over the appointments, beside the fixed reads of the rule book,
    the calendar and the retirement table's freshness check — the same number whatever the rows."""
    item = get_worklist(code)
    on = D(2026, 6, 15)
    with CaptureQueriesContext(connection) as queries:
        item.count(history["admin"], on=on)
    counted = [q["sql"] for q in queries.captured_queries if "posts_assignment" in q["sql"]]
    assert len(counted) == 1 and counted[0].upper().startswith("SELECT COUNT(")
    assert len(queries.captured_queries) <= 8

"""The conduct worklists are registered and list the right people with the rule's citation."""

import datetime as dt

import pytest

from canbo.conduct.models import AnnualRating
from canbo.conduct.services import discipline_record_create
from canbo.core import testing as make
from canbo.worklists.registry import get_worklist

pytestmark = pytest.mark.django_db
D = dt.date


def test_conduct_worklists_list_people_with_the_reason_and_citation(shipped):
    user = make.make_user(role="specialist")
    where, boss = make.unit(), make.title("Giám đốc", leadership=True)
    leader, failing = make.person("Trần Văn An"), make.person("Lê Văn Bình")
    make.assign(leader, where, boss, D(2022, 1, 1))
    make.assign(failing, where, make.title(), D(2022, 1, 1))
    for year in (2024, 2025):
        AnnualRating.objects.create(person=failing, year=year, level="KHTNV")
    discipline_record_create(
        actor=None,
        person=failing,
        data={
            "form": "khien_trach",
            "system": "party",
            "decision_number": "5-QĐ/UBKT",
            "decision_date": D(2024, 5, 1),
            "valid_from": D(2024, 5, 1),
        },
    )
    on = D(2026, 1, 15)
    missing = get_worklist("political_standard_missing").rows(user, on=on)
    assert [r.person for r in missing] == [leader]
    failed = get_worklist("not_completed_consecutive").rows(user, on=on)
    assert [r.person for r in failed] == [failing] and "2024–2025" in failed[0].reason
    ending = get_worklist("discipline_bars_ending").rows(user, on=on)
    assert [(r.person, r.day) for r in ending] == [(failing, D(2026, 4, 30))]
    assert "377-QĐ/TW" in ending[0].citation
    assert get_worklist("excellent_cap_exceeded").rows(user, on=on) == []

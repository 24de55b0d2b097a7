"""Shipped values checked against the texts found (issue 6 item 8), and bad input through the page and the
command: a clear Vietnamese error, a non-zero exit, nothing stored."""

import datetime as dt
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from canbo.access.models import Grant, Role
from canbo.conduct.selectors import bar_ends_on
from canbo.core import testing as make
from canbo.core.dates import today
from canbo.rules.models import RuleVersion
from canbo.rules.selectors import rule_in_force
from canbo.rules.services import DATA_DIR, rules_load

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("form", "start", "last_day", "source"),
    [
        # QĐ 105 (19/12/2017): at least one year for any measure from reprimand up.
        ("canh_cao", D(2019, 3, 1), D(2020, 2, 29), "105-QĐ/TW"),
        # Luật CBCC Art 82(2)-(3) as amended in 2019, from 01/07/2020: 12 months, 24 for demotion and removal.
        ("canh_cao", D(2021, 3, 1), D(2022, 2, 28), "52/2019"),
        ("cach_chuc", D(2021, 3, 1), D(2023, 2, 28), "52/2019"),
        # QĐ 80 (18/08/2022): 12 months reprimand, 30 warning, 60 removal.
        ("khien_trach", D(2023, 1, 10), D(2024, 1, 9), "80-QĐ/TW"),
        ("canh_cao", D(2023, 1, 10), D(2025, 7, 9), "80-QĐ/TW"),
        ("cach_chuc", D(2023, 1, 10), D(2028, 1, 9), "80-QĐ/TW"),
        # Administrative measures QĐ 80 does not name keep the civil-service law's periods.
        ("giang_chuc", D(2023, 1, 10), D(2025, 1, 9), "52/2019"),
    ],
)
def test_discipline_bars_per_period(shipped, form, start, last_day, source):
    class Record:
        pass

    record = Record()
    record.form, record.valid_from = form, start
    version = rule_in_force("discipline.bar", on=start)
    assert bar_ends_on(record, version) == ("months", last_day)
    assert source in version.citation


def test_loading_over_an_older_split_keeps_what_is_stored_and_says_so(db, capsys):
    """A database loaded from an earlier release holds 2020–2025 as one version: the new split is not
    forced in (it would overlap); the command reports it and exits normally."""
    versions = json.loads((DATA_DIR / "rule_versions_conduct.json").read_text(encoding="utf-8"))
    older = next(v for v in versions if v["rule"] == "discipline.bar" and v["valid_from"] == "2020-07-01")
    RuleVersion.objects.create(
        **{
            **older,
            "valid_from": D(2020, 7, 1),
            "valid_to": D(2025, 10, 7),
            "parameters": older["parameters"],
        }
    )
    counts = rules_load()
    assert counts["rule_versions_conflicting"] == 1
    kept = RuleVersion.objects.get(rule="discipline.bar", valid_from=D(2020, 7, 1))
    assert kept.valid_to == D(2025, 10, 7)
    assert not RuleVersion.objects.filter(rule="discipline.bar", valid_from=D(2022, 8, 18)).exists()
    call_command("rules", "load")
    assert "trùng thời gian" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("birth", "words"),
    [("1920", "1930"), ("1920-05-17", "1930"), (f"{today().year + 1}", "sau ngày hôm nay")],
)
def test_the_command_refuses_births_outside_1930_to_today(shipped, birth, words):
    with pytest.raises(CommandError) as exc:
        call_command("rules", "retirement", "--sex", "nam", "--birth", birth)
    assert exc.value.returncode == 2
    assert words in str(exc.value)


def test_an_overlapping_version_through_the_page_is_refused_and_nothing_stored(client, shipped):
    user = make.make_user("quan-tri")
    Grant.objects.create(user=user, role=Role.ADMIN, unit=None, valid_from=D(2020, 1, 1))
    client.force_login(user)
    before = list(RuleVersion.objects.values_list("pk", "valid_from", "valid_to"))
    page = client.post(
        reverse("rules:rule_version_create"),
        {
            "rule": "reappointment.notice",
            "valid_from": "01/01/2025",
            "valid_to": "",
            "parameters": json.dumps({"days": 60, "working_days": True}),
            "source": "Quy định 999-QĐ/TW",
            "article": "Điều 5",
            "confidence": "V",
        },
    )
    assert page.status_code == 200
    assert "Trùng thời gian với phiên bản khác" in page.content.decode()
    assert list(RuleVersion.objects.values_list("pk", "valid_from", "valid_to")) == before

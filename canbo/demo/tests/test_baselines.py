"""The seeds' baseline rows come out of the demo's raw records, through the indicator engine, at any scale."""

from __future__ import annotations

import pytest

from canbo.demo.generator import DemoSummary
from canbo.demo.provinces import PROVINCES
from canbo.org.models import OrgUnit
from canbo.programmes.engine import compute_programme
from canbo.programmes.models import Programme

pytestmark = pytest.mark.django_db


def _rows(code: str) -> dict[str, tuple[tuple[int | None, int | None], tuple[int, int]]]:
    programme = Programme.objects.get(code=code)
    assert programme.baseline_date is not None
    results = compute_programme(programme, as_of=programme.baseline_date)
    return {
        r.indicator.code: (
            (r.numerator, r.denominator),
            (r.indicator.baseline_numerator, r.indicator.baseline_denominator),
        )
        for r in results
        if r.indicator.baseline_numerator is not None
    }


@pytest.mark.parametrize("code", ["LC-18", "HG-NQ"])
def test_every_baseline_pair_comes_out_of_the_records(demo: DemoSummary, code: str) -> None:
    rows = _rows(code)
    assert rows, code
    if code == "LC-18":  # seats in elected bodies, not only posts
        assert rows["LC-3"][0] == (750, 3199) and rows["LC-4"][0] == (1460, 4495)
    wrong = {indicator: found for indicator, (found, seed) in rows.items() if found != seed}
    assert wrong == {}, {k: (v, rows[k][1]) for k, v in wrong.items()}


def test_each_programme_points_at_its_own_province(demo: DemoSummary) -> None:
    roots = {p.root_id: p for p in demo.provinces}
    assert {p.code for p in demo.provinces} == {spec.code for spec in PROVINCES}
    for spec in PROVINCES:
        programme = Programme.objects.get(code=spec.programme)
        root = OrgUnit.objects.get(pk=programme.territory_id)
        assert root.parent_id is None
        assert roots[root.pk].code == spec.code


def test_calibration_found_every_seed_denominator(demo: DemoSummary) -> None:
    for spec in PROVINCES:
        for rule in spec.rules:
            assert demo.calibration[rule.code] == (rule.count, rule.total), rule.code


def test_hg_carries_the_resolutions_commune_staff_figure(demo: DemoSummary) -> None:
    hg = next(p for p in demo.provinces if p.code == "02")
    assert hg.baseline.staff_commune == 4_111
    assert hg.baseline.btv_managed == 384
    assert hg.baseline.leaders == 2_943

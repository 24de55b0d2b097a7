"""The worklist registry: one call registers a list; rows come back soonest first."""

import datetime as dt
from types import SimpleNamespace

import pytest

from canbo.worklists import registry
from canbo.worklists.registry import Row, get_worklist, worklist


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))


def test_decorator_registers_and_sorts_rows(clean_registry):
    a, b, c = (SimpleNamespace(pk=n) for n in (1, 2, 3))

    @worklist("test_list", "Danh sách thử", rule="retirement.age", order=999)
    def rows(user, *, on):
        return [
            Row(c, None, "không ngày"),
            Row(b, on, "hôm nay"),
            Row(a, on - dt.timedelta(days=1), "hôm qua"),
        ]

    item = get_worklist("test_list")
    assert item is not None and item.title == "Danh sách thử"
    assert [r.person.pk for r in item.rows(None, on=dt.date(2025, 1, 2))] == [1, 2, 3]
    assert registry.worklists()[-1] is item


def test_same_code_twice_is_refused(clean_registry):
    worklist("dup_list", "Một", rule="retirement.age")(lambda user, *, on: [])
    with pytest.raises(ValueError):
        worklist("dup_list", "Hai", rule="retirement.age")(lambda user, *, on: [])

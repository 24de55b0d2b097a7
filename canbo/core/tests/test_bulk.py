"""core.bulk: the remembered field checks give what clean_fields gives, row after row; the collector pause."""

import gc

from canbo.core.bulk import bulk_field_errors, gc_paused
from canbo.people.models import Person


def _errors_by_django(person: Person) -> dict[str, list[str]]:
    from django.core.exceptions import ValidationError

    keys = [f.name for f in Person._meta.concrete_fields if f.is_relation]
    try:
        person.clean_fields(exclude=keys)
    except ValidationError as exc:
        return exc.message_dict
    return {}


def test_repeated_values_are_checked_alike():
    rows = [
        {"full_name": "Nguyễn Thị Hằng", "sex": "F"},
        {"full_name": "Nguyễn Thị Hằng", "sex": "F"},  # the same values again: remembered
        {"full_name": "x" * 300, "sex": "?"},  # too long, not a choice
        {"full_name": "x" * 300, "sex": "?"},  # refused again: refusals are not remembered
        {"full_name": "", "sex": "M"},
    ]
    for values in rows:
        ours, django = Person(**values), Person(**values)
        found = bulk_field_errors(ours)
        expected = _errors_by_django(django)
        for name in ("full_name", "sex"):
            assert found.get(name) == expected.get(name), (values, name)
        assert (ours.full_name, ours.sex) == (django.full_name, django.sex)


def test_gc_paused_nests_and_restores():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still open
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a collector that was off stays off
    finally:
        gc.enable()

"""Property tests: the normalisers refuse bad input only with ValidationError, and built ids always validate."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canbo.core.dates import today
from canbo.people.choices import QualificationKind
from canbo.reference import catalog
from canbo.reference.normalize import (
    match_ethnicity,
    match_level,
    match_religion,
    match_sex,
    national_id_for,
    parse_partial_date,
    validate_national_id,
)

DB_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Arbitrary text, plus text built from the characters these fields are made of, so that near misses occur.
near_text = st.text(alphabet="0123456789/-. :'ABCĐHKMNTSbcdghikmnrstuyàâăêôơưạảấầếệồớờợụủứừữĩỹ", max_size=24)
any_text = st.one_of(st.text(max_size=40), near_text)
spreadsheet_cell = st.one_of(
    any_text,
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)


def only_validation_errors(func, *args, **kwargs):
    try:
        func(*args, **kwargs)
    except ValidationError as exc:
        assert exc.messages and all(isinstance(m, str) and m for m in exc.messages)


@given(value=spreadsheet_cell)
def test_dates_raise_only_validation_errors(value):
    only_validation_errors(parse_partial_date, value)


@given(value=spreadsheet_cell)
def test_sex_raises_only_validation_errors(value):
    only_validation_errors(match_sex, value)


@given(value=st.one_of(any_text, st.integers(), st.floats()))
def test_national_ids_raise_only_validation_errors(value):
    only_validation_errors(validate_national_id, value)


@given(value=st.from_regex(r"\A0[0-9]{11}\Z"), birth=st.dates(), sex=st.sampled_from(["nam", "nu"]))
def test_national_id_consistency_checks_raise_only_validation_errors(value, birth, sex):
    only_validation_errors(validate_national_id, value, birth_date=birth, sex=sex)


@given(
    province=st.sampled_from(sorted(catalog.id_province_codes())),
    sex=st.sampled_from(["nam", "nu"]),
    birth=st.dates(min_value=dt.date(1900, 1, 1), max_value=today()),
    serial=st.integers(min_value=0, max_value=999_999),
)
def test_built_ids_validate_and_decode_back(province, sex, birth, serial):
    number = national_id_for(province, sex, birth.year, serial)
    assert validate_national_id(number, birth_date=birth, sex=sex) == number


@pytest.mark.django_db
@DB_SETTINGS
@given(text=any_text)
def test_ethnicity_and_religion_raise_only_validation_errors(loaded, text):
    only_validation_errors(match_ethnicity, text)
    only_validation_errors(match_ethnicity, text, code_system=catalog.CODE_SYSTEM_2008)
    only_validation_errors(match_religion, text)


@pytest.mark.django_db
@DB_SETTINGS
@given(kind=st.sampled_from(QualificationKind.values), text=any_text)
def test_levels_raise_only_validation_errors(loaded, kind, text):
    only_validation_errors(match_level, kind, text)

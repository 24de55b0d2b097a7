"""The 12-digit personal identification number: form, province code, and agreement with birth date and sex."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from canbo.reference import catalog
from canbo.reference.normalize import decode_national_id, national_id_for, validate_national_id

D = dt.date


@pytest.mark.parametrize(
    ("value", "birth_date", "sex"),
    [
        ("010180001234", D(1980, 5, 17), "nu"),  # Lào Cai, woman born 1980
        ("001085012345", D(1985, 3, 5), "nam"),  # Hà Nội, man born 1985
        ("096199000001", D(1999, 12, 31), "Nữ"),  # Cà Mau; sex read from usual spelling
        ("001205012345", D(2005, 1, 1), "nam"),  # 21st century man: digit 2
        ("079305999999", D(2005, 6, 1), "nu"),  # 21st century woman: digit 3
        ("001 085 012 345", None, None),  # spaces are ignored
        ("0010850\u00a012345", None, None),  # so are non-breaking ones
    ],
)
def test_valid_numbers_pass(value, birth_date, sex):
    assert validate_national_id(value, birth_date=birth_date, sex=sex) == value.replace(" ", "").replace(
        "\u00a0", ""
    )


def test_numbers_from_spreadsheet_cells_get_their_leading_zeros_back():
    assert validate_national_id(1085012345) == "001085012345"
    assert validate_national_id(1085012345.0) == "001085012345"


def test_decode_reads_province_sex_and_birth_year():
    info = decode_national_id("010180001234")
    assert (info.province_code, info.province_name, info.sex, info.birth_year, info.serial) == (
        "010",
        "Lào Cai",
        "nu",
        1980,
        "001234",
    )


@pytest.mark.parametrize(
    ("value", "code", "fragment"),
    [
        ("", "required", "Chưa nhập"),
        ("00108501234", "length", "đang có 11"),
        ("0010850123456", "length", "đang có 13"),
        ("00108501234A", "not_digits", "chỉ được gồm chữ số"),
        ("CCCD00108501", "not_digits", "chỉ được gồm chữ số"),
        ("001-085-012-345", "not_digits", "chỉ được gồm chữ số"),
        ("099085012345", "province", "“099”"),
        ("003085012345", "province", "“003”"),
        ("000085012345", "province", "“000”"),
        ("001499012345", "future", "2199"),
    ],
)
def test_malformed_numbers_are_refused_with_a_reason(value, code, fragment):
    with pytest.raises(ValidationError) as exc_info:
        validate_national_id(value)
    assert exc_info.value.error_list[0].code == code
    assert fragment in " ".join(exc_info.value.messages)


def test_a_century_digit_that_disagrees_with_the_birth_year_is_explained():
    with pytest.raises(ValidationError) as exc_info:
        validate_national_id("001005012345", birth_date=D(2005, 4, 1), sex="nam")
    (message,) = exc_info.value.messages
    assert "chữ số thứ 4 là “0”" in message and "1900–1999" in message and "2005" in message
    assert "phải là 2" in message


def test_without_sex_the_century_message_offers_both_digits():
    with pytest.raises(ValidationError, match="phải là 0 hoặc 1"):
        validate_national_id("001285012345", birth_date=D(1985, 1, 1))


def test_a_sex_digit_that_disagrees_is_explained():
    with pytest.raises(ValidationError) as exc_info:
        validate_national_id("001085012345", sex="nu")
    (message,) = exc_info.value.messages
    assert "chữ số thứ 4 là “0”" in message and "giới tính khai là nữ" in message


def test_a_birth_year_that_disagrees_is_explained():
    with pytest.raises(ValidationError) as exc_info:
        validate_national_id("001086012345", birth_date=D(1985, 1, 1))
    (message,) = exc_info.value.messages
    assert "chữ số thứ 5–6 là “86”" in message and "“85”" in message


def test_every_disagreement_is_reported_at_once():
    with pytest.raises(ValidationError) as exc_info:
        validate_national_id("001286012345", birth_date=D(1985, 1, 1), sex="nu")
    assert {error.code for error in exc_info.value.error_list} == {"century", "birth_year", "sex"}


def test_an_unreadable_sex_is_refused():
    with pytest.raises(ValidationError, match="giới tính"):
        validate_national_id("001085012345", sex="?")


@pytest.mark.parametrize("code", sorted(catalog.id_province_codes()))
def test_numbers_built_for_every_province_validate(code):
    for sex, year in (("nam", 1950), ("nu", 1975), ("nam", 2001), ("nu", 2010)):
        number = national_id_for(code, sex, year, 42)
        assert validate_national_id(number, birth_date=D(year, 6, 15), sex=sex) == number


def test_builder_accepts_short_province_codes_and_pads_the_serial():
    assert national_id_for("1", "Nữ", 1980, 7) == "001180000007"
    assert national_id_for(96, "nam", 2003, 999_999) == "096203999999"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("099", "nam", 1980, 1), "province"),
        (("001", "?", 1980, 1), "sex"),
        (("001", "nam", 1899, 1), "1900"),
        (("001", "nam", 1980, 1_000_000), "6 digits"),
        (("001", "nam", 1980, -1), "6 digits"),
    ],
)
def test_builder_refuses_impossible_arguments(args, fragment):
    with pytest.raises(ValueError, match=fragment):
        national_id_for(*args)

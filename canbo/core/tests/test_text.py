"""Vietnamese folding, sort order and formatting."""

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from canbo.core.dates import DatePrecision, age_on, format_partial
from canbo.core.formatting import format_date, format_number, format_percent
from canbo.core.text import collation_key, fold, person_sort_key, split_name


def test_fold_strips_diacritics_case_and_spaces():
    assert fold("  Nguyễn   Thị HẰNG ") == "nguyen thi hang"
    assert fold("Đặng Đức Đạt") == "dang duc dat"
    assert fold(None) == ""


def test_fold_composed_and_decomposed_forms_match():
    decomposed = "Nguye\u0302\u0303n"  # e + circumflex + tilde, as some keyboards type it
    assert fold(decomposed) == fold("Nguyễn") == "nguyen"


def test_given_names_sort_in_vietnamese_alphabet():
    names = ["Phạm Thị Dung", "Lê Văn Đức", "Hoàng Văn Ân", "Trần Thị An", "Vũ Thị Anh", "Nguyễn Văn Bình"]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == [
        "Trần Thị An",
        "Vũ Thị Anh",
        "Hoàng Văn Ân",
        "Nguyễn Văn Bình",
        "Phạm Thị Dung",
        "Lê Văn Đức",
    ]


def test_tones_sort_in_dictionary_order():
    syllables = ["Hạ", "Há", "Hã", "Hả", "Hà", "Ha"]
    assert sorted(syllables, key=collation_key) == ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ"]


def test_same_given_name_sorts_by_family_name():
    names = ["Trần Văn Hùng", "Bùi Thị Hằng", "Nguyễn Thị Hằng", "Lý Hằng"]
    assert sorted(names, key=person_sort_key) == [
        "Bùi Thị Hằng",
        "Lý Hằng",
        "Nguyễn Thị Hằng",
        "Trần Văn Hùng",
    ]


def test_vowel_letters_order():
    assert sorted(["ơ", "o", "ô", "ư", "u", "ă", "a", "â", "ê", "e", "đ", "d"], key=collation_key) == [
        "a",
        "ă",
        "â",
        "d",
        "đ",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
    ]


@given(st.text(max_size=40))
def test_sort_key_is_total_and_ascii(text):
    key = person_sort_key(text)
    assert key.isascii()


def test_split_name():
    assert split_name("Nguyễn  Thị Thu Hằng") == ("Nguyễn", "Thị Thu", "Hằng")
    assert split_name("Hằng") == ("", "", "Hằng")


def test_number_and_percent_formats():
    assert format_number(30483) == "30.483"
    assert format_number(1234567.891, 2) == "1.234.567,89"
    assert format_percent(2.5700934) == "2,57%"
    assert format_percent(100) == "100,00%"
    assert format_number(-1500) == "-1.500"


def test_dates_and_partial_dates():
    assert format_date(dt.date(2020, 12, 11)) == "11/12/2020"
    assert format_partial(dt.date(1985, 3, 1), DatePrecision.MONTH) == "03/1985"
    assert format_partial(dt.date(1985, 1, 1), DatePrecision.YEAR) == "1985"


def test_age_turns_on_birthday():
    assert age_on(dt.date(1980, 12, 11), dt.date(2020, 12, 10)) == 39
    assert age_on(dt.date(1980, 12, 11), dt.date(2020, 12, 11)) == 40

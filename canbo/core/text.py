"""Vietnamese text helpers: diacritic folding for search, collation keys for sorting, name parts."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")

# Vietnamese alphabetical order; f, j, w, z appear in foreign and minority names and sort as in Latin.
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
# Dictionary order of tones: level, grave, hook, tilde, acute, dot (Hoàng Phê's Từ điển tiếng Việt).
_TONE_MARKS = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306": "ă", "\u0302": "^", "\u031b": "ơ"}  # breve, circumflex, horn
_LETTER_CODE = {letter: chr(ord("A") + index) for index, letter in enumerate(_ALPHABET)}
_SEP = " "  # sorts below every letter and tone code in a binary collation


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d) and collapse spaces, for diacritic-insensitive search."""
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


def normalize_spaces(text: str | None) -> str:
    """Trim and collapse runs of white space; NFC-normalise so equal names compare equal."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _letters_and_tone(word: str) -> tuple[str, int]:
    """Split one syllable into its base letters (with vowel marks) and its tone number."""
    tone = 0
    letters: list[str] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
            continue
        if ch in _BASE_MARKS and letters:
            base = letters[-1]
            mark = _BASE_MARKS[ch]
            if mark == "ă" and base == "a":
                letters[-1] = "ă"
            elif mark == "^" and base in "aeo":
                letters[-1] = {"a": "â", "e": "ê", "o": "ô"}[base]
            elif mark == "ơ" and base in "ou":
                letters[-1] = {"o": "ơ", "u": "ư"}[base]
            continue
        if unicodedata.combining(ch):
            continue
        letters.append(ch)
    return "".join(letters), tone


@functools.lru_cache(maxsize=1 << 16)
def collation_key(text: str | None) -> str:
    """A string whose binary order is Vietnamese dictionary order: letters first, then tones.

    Remembered per text (names and places repeat: an import of 30.000 people asks for a few thousand
    distinct ones many times over)."""
    words = normalize_spaces(text).replace("Đ", "đ").split(" ") if text else []
    primary: list[str] = []
    tones: list[str] = []
    for word in words:
        letters, tone = _letters_and_tone(word)
        primary.append("".join(_LETTER_CODE.get(ch, ch if ch in "0123456789" else "") for ch in letters))
        tones.append(str(tone))
    return _SEP.join(primary) + _SEP + _SEP + "".join(tones)


def split_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into family name, middle name(s) and given name."""
    parts = normalize_spaces(full_name).split(" ")
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def person_sort_key(full_name: str) -> str:
    """Sort key for people: given name first, then family and middle names, as Vietnamese lists do."""
    family, middle, given = split_name(full_name)
    rest = " ".join(part for part in (family, middle) if part)
    return collation_key(given) + _SEP + _SEP + collation_key(rest)


def name_sort_key(name: str) -> str:
    """Sort key for units, places and code lists: plain Vietnamese dictionary order."""
    return collation_key(name)

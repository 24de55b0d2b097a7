"""Locality names: the kind word in front of a name, and the folded key that search compares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from canbo.core.text import fold, normalize_spaces

# Official kinds, as written mid-sentence ("xã Bản Phiệt"); two-word kinds first so they win.
KINDS = ("thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã")

# Folded kind words and the abbreviations met in records, each mapped to the folded official kind.
_KIND_WORDS = {
    "thanh pho": "thanh pho",
    "thu do": "thanh pho",
    "tp": "thanh pho",
    "thi xa": "thi xa",
    "tx": "thi xa",
    "thi tran": "thi tran",
    "tt": "thi tran",
    "dac khu": "dac khu",
    "tinh": "tinh",
    "huyen": "huyen",
    "h": "huyen",
    "quan": "quan",
    "q": "quan",
    "phuong": "phuong",
    "p": "phuong",
    "xa": "xa",
    "x": "xa",
}
_KIND_PATTERN = re.compile(
    r"^(" + "|".join(sorted(_KIND_WORDS, key=len, reverse=True)) + r")(?: (.+))?$",
)
# Short forms of a few province names that records use without a kind word.
_ALIASES: dict[str, tuple[str, str | None]] = {
    "hcm": ("ho chi minh", "thanh pho"),
    "tphcm": ("ho chi minh", "thanh pho"),
    "sai gon": ("ho chi minh", "thanh pho"),
    "hn": ("ha noi", "thanh pho"),
    "tphn": ("ha noi", "thanh pho"),
    "brvt": ("ba ria vung tau", "tinh"),
    # Thừa Thiên Huế became the centrally run city of Huế on 01/01/2025, before the lists' snapshot.
    "thua thien hue": ("hue", None),
    "tth": ("hue", None),
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_NUMBER = re.compile(r"\b0+(\d)")
_GLUED_NUMBER = re.compile(r"\b(q|p|quan|phuong)(\d+)\b")  # "Q1", "P14", "phuong3"


def search_key(text: str | None) -> str:
    """Fold a name for comparison: no case, diacritics, punctuation or leading zeros ("Phường 01" → "phuong 1")."""
    key = _NOT_ALNUM.sub(" ", fold(text)).strip()
    key = _GLUED_NUMBER.sub(r"\1 \2", key)
    return _NUMBER.sub(r"\1", key)


def split_kind(full_name: str, kinds: tuple[str, ...] = KINDS) -> tuple[str, str]:
    """Split an official full name into its kind and its name: "Phường Hoàn Kiếm" → ("phường", "Hoàn Kiếm")."""
    name = normalize_spaces(full_name)
    lowered = name.lower()
    for kind in kinds:
        if lowered.startswith(kind + " "):
            return kind, name[len(kind) + 1 :]
    return "", name


@dataclass(frozen=True)
class NameVariant:
    """One reading of a piece of free text: the folded name, and the kind word it carried if any."""

    key: str
    kind: str | None = None


def name_variants(text: str) -> tuple[NameVariant, ...]:
    """Readings of one piece of an address: as written, and without a leading kind word."""
    key = search_key(text)
    if not key:
        return ()
    variants = [_aliased(NameVariant(key))]
    match = _KIND_PATTERN.match(key)
    if match and match.group(2):  # a kind word, or its abbreviation, counts only when a name follows
        variants.append(_aliased(NameVariant(match.group(2), _KIND_WORDS[match.group(1)])))
    unique: dict[NameVariant, None] = dict.fromkeys(variants)
    return tuple(unique)


def kind_key(kind: str) -> str:
    """The folded form of an official kind, comparable with NameVariant.kind."""
    return fold(kind)


def _aliased(variant: NameVariant) -> NameVariant:
    alias = _ALIASES.get(variant.key)
    if alias is None:
        return variant
    return NameVariant(alias[0], variant.kind or alias[1])

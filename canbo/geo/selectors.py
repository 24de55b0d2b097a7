"""Reads of the locality lists: units on a date, what an old unit became, and free-text search.

Localities are public reference data, so these reads take no user. "Contains" below always means the
smallest unit, valid on the date asked, that the crosswalk shows holds all of the given unit.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from canbo.core.dates import today
from canbo.core.text import collation_key

from .models import Locality, LocalityLevel, LocalityMapping
from .naming import NameVariant, kind_key, name_variants

_LEVEL_DEPTH = {LocalityLevel.PROVINCE: 0, LocalityLevel.DISTRICT: 1, LocalityLevel.COMMUNE: 2}
_MAX_STEPS = 4  # crosswalk hops followed at most (one per reform; today there is one)
_RELATED = "parent__parent"


def provinces(*, on: dt.date) -> QuerySet[Locality]:
    """Provinces and centrally run cities that existed on a date, in Vietnamese alphabetical order."""
    return Locality.objects.as_of(on).filter(level=LocalityLevel.PROVINCE).order_by("sort_key")


def children(*, parent: Locality, on: dt.date) -> QuerySet[Locality]:
    """Units directly under parent that existed on a date, in Vietnamese alphabetical order."""
    return Locality.objects.as_of(on).filter(parent=parent).order_by("sort_key")


def locality_successor(*, locality: Locality, on: dt.date) -> Locality | None:
    """The smallest unit valid on a date that contains the locality: itself, or what it became or came from."""
    return localities_on(localities=[locality], on=on)[locality.pk]


def province_of(*, locality: Locality, on: dt.date) -> Locality | None:
    """The province, with the boundaries in force on a date, that contains the locality."""
    return provinces_of(localities=[locality], on=on)[locality.pk]


def localities_on(*, localities: Iterable[Locality | int], on: dt.date) -> dict[int, Locality | None]:
    """For many localities at once, the unit valid on a date that contains each (a few queries in all)."""
    ids = {item if isinstance(item, int) else item.pk for item in localities}
    current: dict[int, Locality] = {
        unit.pk: unit for unit in Locality.objects.filter(pk__in=ids).select_related(_RELATED)
    }
    result: dict[int, Locality | None] = dict.fromkeys(ids)
    for _step in range(_MAX_STEPS):
        forward: dict[int, Locality] = {}
        backward: dict[int, Locality] = {}
        for origin, unit in current.items():
            if unit.is_valid_on(on):
                result[origin] = unit
            elif unit.valid_to is not None and unit.valid_to < on:
                forward[origin] = unit
            else:
                backward[origin] = unit
        current = {**_step_forward(forward, on), **_step_backward(backward, on)}
        if not current:
            break
    return result


def provinces_of(*, localities: Iterable[Locality | int], on: dt.date) -> dict[int, Locality | None]:
    """For many localities at once, the province valid on a date that contains each."""
    return {origin: _province(unit) for origin, unit in localities_on(localities=localities, on=on).items()}


def _province(unit: Locality | None) -> Locality | None:
    while unit is not None and unit.level != LocalityLevel.PROVINCE:
        unit = unit.parent
    return unit


def _step_forward(units: dict[int, Locality], on: dt.date) -> dict[int, Locality]:
    """What each old unit became: the deepest unit that took it whole, else the unit holding all its parts."""
    if not units:
        return {}
    links: dict[int, list[LocalityMapping]] = defaultdict(list)
    rows = LocalityMapping.objects.forward(on).filter(old__in={u.pk for u in units.values()})
    for link in rows.select_related(f"new__{_RELATED}"):
        links[link.old_id].append(link)
    found: dict[int, Locality] = {}
    for origin, unit in units.items():
        whole = [link.new for link in links[unit.pk] if not link.is_partial]
        parts = [link.new for link in links[unit.pk]]
        target = _common_ancestor(_deepest(whole)) if whole else _common_ancestor(parts)
        if target is not None:
            found[origin] = target
    return found


def _step_backward(units: dict[int, Locality], on: dt.date) -> dict[int, Locality]:
    """For a unit asked about before it existed, the unit of that time that held all its predecessors."""
    if not units:
        return {}
    links: dict[int, list[Locality]] = defaultdict(list)
    rows = LocalityMapping.objects.backward(on).filter(new__in={u.pk for u in units.values()})
    for link in rows.select_related(f"old__{_RELATED}"):
        links[link.new_id].append(link.old)
    found: dict[int, Locality] = {}
    for origin, unit in units.items():
        target = _common_ancestor(links[unit.pk])
        if target is not None:
            found[origin] = target
    return found


def _deepest(units: Sequence[Locality]) -> list[Locality]:
    depth = max(_LEVEL_DEPTH[LocalityLevel(u.level)] for u in units)
    return [u for u in units if _LEVEL_DEPTH[LocalityLevel(u.level)] == depth]


def _chain(unit: Locality) -> list[Locality]:
    chain: list[Locality] = []
    node: Locality | None = unit
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


def _common_ancestor(units: Sequence[Locality]) -> Locality | None:
    """The smallest unit that is, or is an ancestor of, every unit given; None if there is none."""
    if not units:
        return None
    chains = [_chain(unit) for unit in units]
    others = [{node.pk for node in chain} for chain in chains[1:]]
    return next((node for node in chains[0] if all(node.pk in ids for ids in others)), None)


# Free-text search


@dataclass(frozen=True)
class LocalityMatch:
    """A candidate for a piece of free text: the unit the text names, the unit it is on the date, a score."""

    locality: Locality
    named: Locality
    score: int


@dataclass(frozen=True)
class LocalitySearchResult:
    """Ranked candidates for a free-text locality; ambiguous when the best two score the same."""

    text: str
    candidates: list[LocalityMatch] = field(default_factory=list)
    ambiguous: bool = False

    @property
    def resolved(self) -> Locality | None:
        """The one locality the text designates, or None when nothing or several match equally well."""
        if not self.candidates or self.ambiguous:
            return None
        return self.candidates[0].locality


_HARD_SEPARATORS = re.compile(r"[,;\n|/]+")
_SOFT_SEPARATOR = re.compile(r"\s*[-–—]\s*")  # "Bản Phiệt - Bảo Thắng", but also "Phan Rang-Tháp Chàm"
_NOT_WORD = re.compile(r"[\W_]+")
_MAX_READINGS = 64
_MAX_PREFIX_CANDIDATES = 500
_SEARCH_BATCH = 5000  # names per query of locality_search_many (SQLite allows 32,766 parameters)
# Scores: a piece naming the unit, a later piece naming one of its parents (or naming none), a fitting
# or clashing kind word, the same diacritics as the official name, a leading piece skipped, a name that
# only starts with the words given.
_NAME, _PARENT, _NO_PARENT = 10, 6, -6
_KIND, _PARENT_KIND, _DIACRITICS, _SKIPPED, _PREFIX = 3, 2, 1, -1, -5


@dataclass(frozen=True)
class _Piece:
    """One piece of the text: its readings (with and without a kind word) and its spelling with diacritics."""

    variants: tuple[NameVariant, ...]
    spelling: str


@dataclass(frozen=True)
class _Reading:
    """One way to cut the text into pieces, smallest unit first, after skipping some leading pieces."""

    pieces: tuple[_Piece, ...]
    skipped: int


def locality_search(
    *, text: str, on: dt.date | None = None, level: str | None = None, limit: int = 20
) -> LocalitySearchResult:
    """Candidates for a free-text place ("xã Bản Phiệt, huyện Bảo Thắng, tỉnh Lào Cai"), best first.

    Case, diacritics, punctuation and kind words ("xã", "TP", "Q.") are ignored, though a kind word that
    fits, or the exact diacritics, add to the score. Pieces run from the smallest unit to the largest,
    split by commas or dashes; leading pieces that name no unit (a village, a street) are skipped. Old
    and new names are both searched; with on, each unit found is replaced by the unit that contains it
    on that day (an old commune by its new commune), so candidates are units that existed then.
    """
    readings = _readings(text)
    if not readings:
        return LocalitySearchResult(text=text)
    first_keys = {variant.key for reading in readings for variant in reading.pieces[0].variants}
    base = Locality.objects.select_related(_RELATED)
    if level is not None and on is None:
        base = base.filter(level=level)
    scores = _score(list(base.filter(search_name__in=first_keys)), readings, prefix=False)
    if not scores:  # nothing has that name: try names that start with the words given
        starts = Q()
        for key in first_keys:
            starts |= Q(search_name__startswith=key)
        found = list(base.filter(starts).order_by("level", "sort_key")[:_MAX_PREFIX_CANDIDATES])
        scores = _score(found, readings, prefix=True)
    matches = [LocalityMatch(locality=unit, named=unit, score=score) for unit, score in scores.values()]
    if on is not None:
        matches = _as_on(matches, on, level)
    day = on or today()
    ranked = sorted(
        matches,
        key=lambda match: (
            -match.score,
            not match.locality.is_valid_on(day),
            _LEVEL_DEPTH[LocalityLevel(match.locality.level)],
            match.locality.sort_key,
        ),
    )
    ambiguous = len(ranked) > 1 and ranked[0].score == ranked[1].score
    return LocalitySearchResult(text=text, candidates=ranked[:limit], ambiguous=ambiguous)


def locality_search_many(*, texts: Iterable[str]) -> dict[str, LocalitySearchResult]:
    """locality_search(text=…) for many texts: the same candidates and ranking, one query for all.

    locality_search reads one text with a few queries (some 10–25 ms); an import holds thousands of
    distinct place texts. Texts whose words name no unit exactly (the rare prefix case) go through
    locality_search itself. A test checks that both agree.
    """
    readings = {text: _readings(text) for text in set(texts)}
    keys = {
        variant.key
        for found in readings.values()
        for reading in found
        for variant in reading.pieces[0].variants
    }
    by_key: dict[str, list[Locality]] = defaultdict(list)
    ordered = sorted(keys)
    for start in range(0, len(ordered), _SEARCH_BATCH):
        batch = ordered[start : start + _SEARCH_BATCH]
        for unit in Locality.objects.select_related(_RELATED).filter(search_name__in=batch):
            by_key[unit.search_name].append(unit)
    day = today()
    results: dict[str, LocalitySearchResult] = {}
    for text, found in readings.items():
        if not found:
            results[text] = LocalitySearchResult(text=text)
            continue
        first_keys = {variant.key for reading in found for variant in reading.pieces[0].variants}
        units = sorted(
            {unit.pk: unit for key in first_keys for unit in by_key.get(key, ())}.values(),
            key=lambda unit: (unit.level, unit.sort_key, unit.pk),
        )
        scores = _score(units, found, prefix=False)
        if not scores:  # no unit has that exact name: locality_search tries names starting with it
            results[text] = locality_search(text=text)
            continue
        matches = [LocalityMatch(locality=unit, named=unit, score=score) for unit, score in scores.values()]
        ranked = sorted(
            matches,
            key=lambda match: (
                -match.score,
                not match.locality.is_valid_on(day),
                _LEVEL_DEPTH[LocalityLevel(match.locality.level)],
                match.locality.sort_key,
            ),
        )
        ambiguous = len(ranked) > 1 and ranked[0].score == ranked[1].score
        results[text] = LocalitySearchResult(text=text, candidates=ranked[:20], ambiguous=ambiguous)
    return results


def _as_on(matches: list[LocalityMatch], on: dt.date, level: str | None) -> list[LocalityMatch]:
    """Replace each unit found by the unit containing it on a date, keeping the best score per unit."""
    targets = localities_on(localities=[match.named for match in matches], on=on)
    best: dict[int, LocalityMatch] = {}
    for match in matches:
        target = targets[match.named.pk]
        if target is None or (level is not None and target.level != level):
            continue
        # A unit valid on the day outranks an old one that only leads to it, at equal score.
        if target.pk not in best or (match.score, match.named == target) > (
            best[target.pk].score,
            best[target.pk].named == target,
        ):
            best[target.pk] = LocalityMatch(locality=target, named=match.named, score=match.score)
    return list(best.values())


@functools.lru_cache(maxsize=1 << 16)
def _spelling(text: str) -> str:
    """A comparable spelling that keeps diacritics: case, punctuation and tone placement do not count.

    Remembered per text: each candidate locality's name is compared with every piece of every place."""
    return collation_key(_NOT_WORD.sub(" ", unicodedata.normalize("NFC", text)))


def _joins(pieces: list[str]) -> Iterable[list[str]]:
    """Each way to keep or drop the dashes between pieces (at most five dashes are tried)."""
    boundaries = len(pieces) - 1
    free = min(boundaries, 5)
    for chosen in itertools.product((True, False), repeat=free):
        cuts = (*chosen, *([False] * (boundaries - free)))
        joined = [pieces[0]]
        for piece, cut in zip(pieces[1:], cuts, strict=True):
            if cut:
                joined.append(piece)
            else:
                joined[-1] = f"{joined[-1]} {piece}"
        yield joined


def _readings(text: str) -> list[_Reading]:
    """Ways to read the text: commas always separate pieces, dashes may or may not."""
    per_part = []
    for part in _HARD_SEPARATORS.split(text):
        pieces = [piece for piece in _SOFT_SEPARATOR.split(part) if piece.strip()]
        if pieces:
            per_part.append(list(_joins(pieces)))
    readings: dict[_Reading, None] = {}
    for combination in itertools.islice(itertools.product(*per_part), _MAX_READINGS):
        parsed = tuple(
            _Piece(variants, _spelling(piece))
            for option in combination
            for piece in option
            if (variants := name_variants(piece))
        )
        for skipped in range(len(parsed)):
            readings[_Reading(parsed[skipped:], skipped)] = None
    return list(readings)


def _kind_score(variant: NameVariant, unit: Locality, weight: int) -> int:
    if variant.kind is None:
        return 0
    return weight if variant.kind == kind_key(unit.kind) else -weight


def _name_score(unit: Locality, piece: _Piece, *, prefix: bool) -> int | None:
    """The score of a unit for the piece meant to name it, or None if the piece does not name it."""
    scores = [
        _NAME + _kind_score(variant, unit, _KIND)
        for variant in piece.variants
        if unit.search_name == variant.key or (prefix and unit.search_name.startswith(variant.key))
    ]
    if not scores:
        return None
    same_spelling = piece.spelling in (_spelling(unit.name), _spelling(unit.full_name))
    return max(scores) + (_DIACRITICS if same_spelling else 0) + (_PREFIX if prefix else 0)


def _score(
    units: list[Locality], readings: list[_Reading], *, prefix: bool
) -> dict[int, tuple[Locality, int]]:
    """The best score of each unit over all readings whose first piece names it."""
    best: dict[int, tuple[Locality, int]] = {}
    for reading in readings:
        first, rest = reading.pieces[0], reading.pieces[1:]
        for unit in units:
            score = _name_score(unit, first, prefix=prefix)
            if score is None:
                continue
            score += _parents_score(unit, rest) + _SKIPPED * reading.skipped
            if unit.pk not in best or score > best[unit.pk][1]:
                best[unit.pk] = (unit, score)
    return best


def _parents_score(unit: Locality, pieces: Sequence[_Piece]) -> int:
    """Points for each later piece naming one of the unit's parents, in order; a loss for each that does not."""
    parents = _chain(unit)[1:]
    position, score = 0, 0
    for piece in pieces:
        for index in range(position, len(parents)):
            matches = [variant for variant in piece.variants if variant.key == parents[index].search_name]
            if matches:
                score += _PARENT + max(
                    _kind_score(variant, parents[index], _PARENT_KIND) for variant in matches
                )
                position = index + 1
                break
        else:
            score += _NO_PARENT
    return score

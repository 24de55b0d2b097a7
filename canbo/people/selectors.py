"""Reads of persons: the filtered list and the dossier, always scoped to the user and dated."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, FilteredRelation, OuterRef, Q, QuerySet
from django.http import Http404

from canbo.access.models import TIER_FIELDS, Action, Tier
from canbo.access.scopes import hidden_tiers, person_home_path, user_scope
from canbo.core.dates import active_on, birth_bounds_for_age
from canbo.core.text import fold

from .choices import QualificationKind
from .models import Ethnicity, Person, Qualification, QualificationLevel, TrainingCourse


def visible_persons(user: Any, action: str = Action.VIEW) -> QuerySet[Person]:
    """Persons the user may see (or, with action=CHANGE, change): those who belong to a unit in scope.

    The one place where people are narrowed (canbo.access.scopes decides the scope): every list, page,
    search, export, drill-down, document and API endpoint reads through here, so a person outside the
    user's grants answers "not found" exactly like one that does not exist. A person belongs to the unit
    of their latest main post, else to the managing unit on the record (person_home_path).
    """
    scope = user_scope(user, action)
    if scope.everything:
        return Person.objects.all()
    if scope.nothing:
        return Person.objects.none()
    # A person's unit is that of their latest main post, else the managing unit: so someone in scope has a
    # main post in a unit in scope or a managing unit in scope. That cheap test (a semi-join on indexed
    # columns) comes first, so the exact per-person subquery runs only for the few candidates it leaves.
    from canbo.posts.models import Assignment

    candidates = Exists(
        Assignment.objects.filter(person=OuterRef("pk"), is_concurrent=False).filter(
            scope.path_q("unit__path")
        )
    ) | scope.path_q("managing_unit__path")
    return (
        Person.objects.alias(home_path=person_home_path())
        .filter(candidates)
        .filter(scope.path_q("home_path"))
    )


@dataclass(frozen=True)
class PersonFilters:
    """What the people list is filtered by; empty values do not filter."""

    q: str = ""
    unit: Any = None  # OrgUnit: the unit and its subtree
    level: str = ""
    sex: str = ""
    age_min: int | None = None
    age_max: int | None = None
    ethnicity: Ethnicity | None = None
    minority: bool | None = None
    title: Any = None  # Title
    rank: str = ""
    leadership_only: bool = False
    management_category: Any = None  # ManagementCategory
    education_min: QualificationLevel | None = None
    political_theory_min: QualificationLevel | None = None
    state_management_min: QualificationLevel | None = None
    foreign_language_min: QualificationLevel | None = None
    it_min: QualificationLevel | None = None
    staff_category: str = ""
    include_former: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def has_qualification(level: QualificationLevel, as_of: dt.date) -> Exists:
    """Exists() for people holding, by as_of, a qualification of level's kind at its rank or higher."""
    return Exists(
        Qualification.objects.filter(
            person=OuterRef("pk"), kind=level.kind, level__rank__gte=level.rank, obtained_on__lte=as_of
        )
    )


def with_current_post(queryset: QuerySet[Person], as_of: dt.date) -> QuerySet[Person]:
    """Annotate each person with their main (non-concurrent) post on as_of, in one LEFT JOIN."""
    return queryset.annotate(
        cur=FilteredRelation(
            "assignments", condition=Q(assignments__is_concurrent=False) & active_on(as_of, "assignments__")
        ),
        cur_assignment_id=F("cur__id"),
        cur_title_name=F("cur__title__name"),
        cur_unit_id=F("cur__unit_id"),
        cur_unit_name=F("cur__unit__name"),
        cur_unit_path=F("cur__unit__path"),
    )


def person_list(*, user: Any, as_of: dt.date, filters: PersonFilters | None = None) -> QuerySet[Person]:
    """People as they stood on as_of, filtered and sorted by given name then family name."""
    filters = filters or PersonFilters()
    # Typed loosely: django-stubs does not know the "cur" FilteredRelation alias used in the lookups below.
    qs: QuerySet[Any] = with_current_post(visible_persons(user), as_of).select_related("ethnicity")
    if not filters.include_former:
        qs = qs.filter(cur__id__isnull=False)
    qs = qs.filter(birth_date__lte=as_of)
    by_id = Tier.IDENTIFICATION not in hidden_tiers(user)  # no probing of id numbers without the tier
    for token in fold(filters.q).split():
        if token.isdigit() and len(token) >= 6:
            id_match = Q(national_id__startswith=token) if by_id else Q(pk__in=[])
            qs = qs.filter(id_match | Q(code__icontains=token))
        else:
            qs = qs.filter(search_text__contains=token)
    if filters.unit is not None:
        qs = qs.filter(cur__unit__path__startswith=filters.unit.path)
    if filters.level:
        qs = qs.filter(cur__unit__level=filters.level)
    if filters.sex:
        qs = qs.filter(sex=filters.sex)
    if filters.age_min is not None or filters.age_max is not None:
        qs = qs.filter(birth_bounds_for_age(as_of, filters.age_min, filters.age_max))
    if filters.ethnicity is not None:
        qs = qs.filter(ethnicity=filters.ethnicity)
    if filters.minority is not None:
        qs = qs.filter(ethnicity__is_minority=filters.minority)
    if filters.title is not None:
        qs = qs.filter(cur__title=filters.title)
    if filters.rank:
        qs = qs.filter(cur__title__rank=filters.rank)
    if filters.leadership_only:
        qs = qs.filter(cur__title__is_leadership=True)
    if filters.management_category is not None:
        qs = qs.filter(cur__title__management_category=filters.management_category)
    if filters.staff_category:
        qs = qs.filter(staff_category=filters.staff_category)
    for level in (
        filters.education_min,
        filters.political_theory_min,
        filters.state_management_min,
        filters.foreign_language_min,
        filters.it_min,
    ):
        if level is not None:
            qs = qs.filter(has_qualification(level, as_of))
    return qs.order_by("sort_key", "birth_date", "pk")


def mask_national_id(value: str | None) -> str | None:
    """A national id with all but its last three digits hidden (None stays None)."""
    return None if not value else "•" * (len(value) - 3) + value[-3:]


def hide_sensitive(user: Any, person: Person) -> frozenset[str]:
    """Hide or mask, on this instance only, the sensitive fields of tiers the user may not see.

    Returns the hidden tiers (also set as person.hidden_tiers for templates). The instance must not be
    saved afterwards; write pages read people with the change action, whose roles see every tier.
    """
    hidden = hidden_tiers(user, person.pk)
    for tier in hidden:
        for name in TIER_FIELDS.get(tier, ()):
            if name == "national_id":
                person.national_id = mask_national_id(person.national_id)
            else:
                blank = None if getattr(Person._meta.get_field(name), "null", False) else ""
                setattr(person, name, blank)
    person.hidden_tiers = hidden  # type: ignore[attr-defined]
    return hidden


def person_get(*, user: Any, pk: Any, action: str = Action.VIEW) -> Person:
    """One person, or Http404 when it does not exist or is outside the user's scope for the action.

    Read to view, the sensitive fields of tiers the user's role lacks come hidden or masked (every page,
    document and API answer built from this person shows them so).
    """
    try:
        person = (
            visible_persons(user, action)
            .select_related(
                "ethnicity", "religion", "birthplace__parent__parent", "home_town__parent__parent"
            )
            .get(pk=int(pk))
        )
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action == Action.VIEW:
        hide_sensitive(user, person)
    return person


def highest_qualifications(persons: list[Person], as_of: dt.date) -> dict[int, dict[str, Qualification]]:
    """For each person, the highest qualification of each kind obtained by as_of (one query)."""
    result: dict[int, dict[str, Qualification]] = {person.pk: {} for person in persons}
    rows = (
        Qualification.objects.filter(person__in=[p.pk for p in persons], obtained_on__lte=as_of)
        .select_related("level")
        .order_by("person_id", "kind", "-level__rank", "-obtained_on")
    )
    for row in rows:
        result[row.person_id].setdefault(row.kind, row)
    return result


@dataclass(frozen=True)
class TrainingRow:
    """A line of form 2C item 27: a degree or certificate, or a training course (exactly one is set)."""

    qualification: Qualification | None = None
    course: TrainingCourse | None = None

    @property
    def sort_key(self) -> tuple[dt.date, dt.date, int, int]:
        """By start (a degree without one: its date), then end; a degree before a course on a tie."""
        if self.course is not None:
            return (self.course.started_on, self.course.ended_on, 1, self.course.pk)
        assert self.qualification is not None
        q = self.qualification
        return (q.started_on or q.obtained_on, q.obtained_on, 0, q.pk)


@dataclass
class Dossier:
    """Form 2C for one person as it stood on a date."""

    person: Person
    as_of: dt.date
    main_post: Any
    concurrent_posts: list[Any]
    highest: dict[str, Qualification]
    memberships_now: list[Any]
    work_history: list[Any]
    qualifications: list[Qualification]
    training_courses: list[TrainingCourse]
    family: list[Any]
    attachments: list[Any]
    nominations: list[Any]
    memberships: list[Any]
    # Item 22: the disciplinary measures decided by the date (empty when the discipline tier is hidden).
    discipline: list[Any] = field(default_factory=list)

    @property
    def is_employed(self) -> bool:
        """Whether the person held a main post on the date."""
        return self.main_post is not None

    def highest_of(self, kind: str) -> Qualification | None:
        """The highest qualification of a kind by the date."""
        return self.highest.get(kind)

    @property
    def education(self) -> Qualification | None:
        """Highest professional level (item 15.2)."""
        return self.highest.get(QualificationKind.EDUCATION)

    @property
    def political_theory(self) -> Qualification | None:
        """Political theory (item 15.3)."""
        return self.highest.get(QualificationKind.POLITICAL_THEORY)

    @property
    def state_management(self) -> Qualification | None:
        """State management (item 15.4)."""
        return self.highest.get(QualificationKind.STATE_MANAGEMENT)

    @property
    def foreign_language(self) -> Qualification | None:
        """Foreign language (item 15.5)."""
        return self.highest.get(QualificationKind.FOREIGN_LANGUAGE)

    @property
    def it(self) -> Qualification | None:
        """IT (item 15.6)."""
        return self.highest.get(QualificationKind.IT)

    @property
    def training(self) -> list[TrainingRow]:
        """Item 27 in date order: degrees and certificates (not the international-work attestation) and
        training courses."""
        rows = [
            TrainingRow(qualification=q)
            for q in self.qualifications
            if q.kind != QualificationKind.INTERNATIONAL
        ]
        rows += [TrainingRow(course=c) for c in self.training_courses]
        return sorted(rows, key=lambda row: row.sort_key)


def person_dossier(*, user: Any, person: Person, as_of: dt.date) -> Dossier:
    """Everything form 2C shows for a person, with posts and memberships as they stood on as_of."""
    person = person_get(user=user, pk=person.pk)
    history = list(
        person.assignments.filter(valid_from__lte=as_of)
        .select_related("title", "unit", "decision")
        .order_by("valid_from", "pk")
    )
    current = [a for a in history if a.is_active_on(as_of)]
    main = next((a for a in current if not a.is_concurrent), None)
    qualifications = list(
        person.qualifications.filter(obtained_on__lte=as_of)
        .select_related("level")
        .order_by("kind", "obtained_on")
    )
    highest: dict[str, Qualification] = {}
    for row in sorted(qualifications, key=lambda q: (q.kind, -q.level.rank, q.obtained_on), reverse=False):
        highest.setdefault(row.kind, row)
    memberships = list(
        person.memberships.filter(valid_from__lte=as_of).select_related("term__body").order_by("valid_from")
    )
    return Dossier(
        person=person,
        as_of=as_of,
        main_post=main,
        concurrent_posts=[a for a in current if a.is_concurrent],
        highest=highest,
        memberships_now=[m for m in memberships if m.is_active_on(as_of)],
        work_history=history,
        qualifications=qualifications,
        training_courses=list(
            person.training_courses.filter(started_on__lte=as_of).order_by("started_on", "ended_on", "pk")
        ),
        family=[] if Tier.FAMILY in person.hidden_tiers else list(person.family.all()),  # type: ignore[attr-defined]
        attachments=list(person.attachments.all()),
        nominations=list(person.nominations.select_related("term__body").filter(nominated_on__lte=as_of)),
        memberships=memberships,
        discipline=[]
        if Tier.DISCIPLINE in person.hidden_tiers  # type: ignore[attr-defined]
        else list(person.discipline_records.filter(decision_date__lte=as_of).order_by("valid_from", "pk")),
    )

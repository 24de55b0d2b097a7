"""Writing the canonical workbook from the database (`canbo export_workbook`), for a unit or the whole province.

The workbook is the import's own format, so exporting a unit and importing the file into an empty
database gives the same records. For a unit, it holds the unit's subtree, the people who ever held a
post there, sat in one of its elected bodies or were planned for one of its posts, all their records,
and every unit those records point to (with its parents), so that the file stands on its own. Rows
stream out with xlsxwriter (constant memory): a province is some 250,000 rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.db.models import Q, QuerySet

from canbo.conduct.models import AnnualRating
from canbo.core.dates import DatePrecision, format_partial
from canbo.org.models import Membership, Nomination, OrgUnit
from canbo.people.models import Person, Qualification, TrainingCourse
from canbo.posts.models import Assignment, PlanningEntry, Title

from . import schema
from .cells import vietnamese_label
from .places import code_of

_BATCH = 5000


def _label(choices: Any, value: str) -> str:
    return vietnamese_label(choices(value).label) if value else ""


def _units_for(unit: OrgUnit | None, people: QuerySet[Person] | None) -> list[OrgUnit]:
    """The units to write: all, or the subtree, the units the people's records name, and their parents."""
    if unit is None:
        return list(OrgUnit.objects.select_related("parent", "locality__parent__parent").order_by("path"))
    assert people is not None
    ids = set(OrgUnit.objects.subtree(unit).values_list("pk", flat=True))
    ids |= set(Assignment.objects.filter(person__in=people).values_list("unit_id", flat=True))
    ids |= set(Membership.objects.filter(person__in=people).values_list("term__body__org_unit_id", flat=True))
    ids |= set(Nomination.objects.filter(person__in=people).values_list("term__body__org_unit_id", flat=True))
    ids |= set(PlanningEntry.objects.filter(person__in=people).values_list("unit_id", flat=True))
    ids |= set(people.exclude(managing_unit=None).values_list("managing_unit_id", flat=True))
    paths = OrgUnit.objects.filter(pk__in=ids).values_list("path", flat=True)
    ancestors = {int(part) for path in paths for part in path.strip("/").split("/") if part}
    return list(
        OrgUnit.objects.filter(pk__in=ids | ancestors)
        .select_related("parent", "locality__parent__parent")
        .order_by("path")
    )


def _people_for(unit: OrgUnit | None) -> QuerySet[Person]:
    if unit is None:
        return Person.objects.all()
    subtree = OrgUnit.objects.subtree(unit)
    return Person.objects.filter(
        Q(assignments__unit__in=subtree)
        | Q(memberships__term__body__org_unit__in=subtree)
        | Q(nominations__term__body__org_unit__in=subtree)
        | Q(planning_entries__unit__in=subtree)
    ).distinct()


def _chunks(query: QuerySet[Any]) -> Iterator[Any]:
    yield from query.iterator(chunk_size=_BATCH)


def _ref(person: Person) -> list[Any]:
    """The person columns of a child sheet."""
    return [
        person.national_id or "",
        person.code or "",
        person.full_name,
        format_partial(person.birth_date, person.birth_date_precision),
    ]


def _period(day: dt.date | None, precision: str) -> Any:
    """A period bound as the import reads it back: a date, or "mm/yyyy" / "yyyy" when only that is known."""
    if day is None or precision == DatePrecision.DAY:
        return day
    return format_partial(day, precision)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return float(value)
    return value


def export_workbook(target: str | IO[bytes], *, unit: OrgUnit | None = None) -> dict[str, int]:
    """Write the canonical workbook of the database (or of a unit) to a path or binary file; rows per sheet."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "default_date_format": "dd/mm/yyyy"})
    header = workbook.add_format(
        {"bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E79", "text_wrap": True}
    )
    people = _people_for(unit)
    counts: dict[str, int] = {}
    titles = list(Title.objects.values_list("name", flat=True))
    duplicate_titles = {name for name in titles if titles.count(name) > 1}

    def title_text(title: Title) -> str:
        return f"{title.name} [{title.code}]" if title.name in duplicate_titles else title.name

    def sheet(spec: schema.Sheet, rows: Iterable[list[Any]]) -> None:
        worksheet = workbook.add_worksheet(spec.name)
        worksheet.write_row(0, 0, [column.header for column in spec.columns], header)
        for index, column in enumerate(spec.columns):
            worksheet.set_column(index, index, column.width)
        worksheet.freeze_panes(1, 0)
        count = 0
        for count, values in enumerate(rows, start=1):
            worksheet.write_row(count, 0, [_cell(value) for value in values])
        counts[spec.name] = count

    from canbo.org.choices import BodyKind, Level, MemberRole, NominationOutcome, Sector, UnitKind
    from canbo.people.choices import QualificationKind, Sex, StaffCategory, StudyMode, TrainingKind
    from canbo.posts.choices import ExpertiseField

    def units() -> Iterator[list[Any]]:
        for item in _units_for(unit, people):
            locality = item.locality
            yield [
                item.code,
                item.name,
                item.short_name,
                item.parent.code if item.parent else "",
                _label(Level, item.level),
                _label(Sector, item.sector),
                _label(UnitKind, item.kind),
                locality.path_names() if locality else "",
                code_of(locality) if locality else "",
                item.position,
                item.valid_from,
                item.valid_to,
            ]

    def persons() -> Iterator[list[Any]]:
        query = people.select_related(
            "ethnicity", "religion", "birthplace", "home_town", "managing_unit"
        ).order_by("sort_key", "pk")
        for person in _chunks(query):
            yield [
                person.code or "",
                person.full_name,
                person.other_names,
                format_partial(person.birth_date, person.birth_date_precision),
                _label(Sex, person.sex),
                person.ethnicity.name,
                person.religion.name,
                person.birthplace_text,
                code_of(person.birthplace) if person.birthplace else "",
                person.home_town_text,
                code_of(person.home_town) if person.home_town else "",
                person.permanent_address,
                person.current_address,
                person.national_id or "",
                person.national_id_issued_on,
                person.social_insurance_no,
                _label(StaffCategory, person.staff_category),
                person.occupation_at_recruitment,
                person.recruited_on,
                person.recruiting_agency,
                person.general_education,
                person.party_joined_on,
                person.party_official_on,
                person.mass_org_joined,
                person.army_service,
                person.honorary_title,
                person.strengths,
                person.health,
                person.notes,
                person.managing_unit.code if person.managing_unit else "",
            ]

    def work() -> Iterator[list[Any]]:
        query = (
            Assignment.objects.filter(person__in=people)
            .select_related("person", "unit", "title__management_category", "decision")
            .order_by("person__sort_key", "person_id", "valid_from", "pk")
        )
        for item in _chunks(query):
            decision = item.decision
            yield [
                *_ref(item.person),
                _period(item.valid_from, item.valid_from_precision),
                _period(item.valid_to, item.valid_to_precision),
                item.unit.code,
                item.unit.name,
                title_text(item.title),
                "Có" if item.is_concurrent else "",
                item.term_ends_on,
                decision.number if decision else "",
                decision.signed_on if decision else None,
                decision.signer if decision else "",
                decision.issuer if decision else "",
                item.description,
                item.title.management_category.name if item.title.management_category else "",
            ]

    def qualifications() -> Iterator[list[Any]]:
        query = (
            Qualification.objects.filter(person__in=people)
            .select_related("person", "level")
            .order_by("person__sort_key", "person_id", "kind", "obtained_on", "pk")
        )
        for item in _chunks(query):
            yield [
                *_ref(item.person),
                _label(QualificationKind, item.level.kind),
                item.level.name,
                item.field,
                item.language,
                item.institution,
                _label(StudyMode, item.mode),
                item.started_on,
                format_partial(item.obtained_on, item.obtained_on_precision),
                item.note,
            ]

    def body_columns(term: Any) -> list[Any]:
        body = term.body
        return [
            body.org_unit.code,
            _label(BodyKind, body.kind),
            body.name,
            term.name,
            term.valid_from,
            term.valid_to,
            term.election_date,
        ]

    def memberships() -> Iterator[list[Any]]:
        query = (
            Membership.objects.filter(person__in=people)
            .select_related("person", "term__body__org_unit")
            .order_by("person__sort_key", "person_id", "valid_from", "pk")
        )
        for item in _chunks(query):
            yield [
                *_ref(item.person),
                *body_columns(item.term),
                _label(MemberRole, item.role),
                item.valid_from,
                item.valid_to,
                item.note,
            ]

    def nominations() -> Iterator[list[Any]]:
        query = (
            Nomination.objects.filter(person__in=people)
            .select_related("person", "term__body__org_unit")
            .order_by("person__sort_key", "person_id", "nominated_on", "pk")
        )
        for item in _chunks(query):
            yield [
                *_ref(item.person),
                *body_columns(item.term),
                item.nominated_on,
                item.constituency,
                _label(NominationOutcome, item.outcome),
            ]

    def ratings() -> Iterator[list[Any]]:
        query = (
            AnnualRating.objects.filter(person__in=people)
            .select_related("person")
            .order_by("person__sort_key", "person_id", "year")
        )
        for item in _chunks(query):
            yield [*_ref(item.person), item.year, item.level, item.score]

    def training() -> Iterator[list[Any]]:
        query = (
            TrainingCourse.objects.filter(person__in=people)
            .select_related("person")
            .order_by("person__sort_key", "person_id", "started_on", "pk")
        )
        for item in _chunks(query):
            yield [
                *_ref(item.person),
                item.name,
                _label(TrainingKind, item.kind),
                item.institution,
                item.started_on,
                item.ended_on,
                item.note,
            ]

    def planning() -> Iterator[list[Any]]:
        query = (
            PlanningEntry.objects.filter(person__in=people)
            .select_related("person", "title", "unit")
            .order_by("person__sort_key", "person_id", "valid_from", "pk")
        )
        for item in _chunks(query):
            yield [
                *_ref(item.person),
                item.title.code,
                item.unit.code,
                item.term_label,
                item.valid_from,
                item.valid_to,
                item.approved_by,
                item.decision_number,
                item.decision_date,
                _label(ExpertiseField, item.expertise_field),
                "Có" if item.deep_expertise else "",
            ]

    writers = {
        "units": units,
        "people": persons,
        "work": work,
        "qualifications": qualifications,
        "memberships": memberships,
        "nominations": nominations,
        "ratings": ratings,
        "training": training,
        "planning": planning,
    }
    for spec in schema.SHEETS:
        sheet(spec, writers[spec.key]())
    workbook.close()
    return counts

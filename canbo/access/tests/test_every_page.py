"""Every page and endpoint follows the user's scope (issue 5, "How it is checked").

The URL patterns are enumerated from config/urls.py: a page or endpoint added without an entry in PAGES
(or a reason in EXEMPT) fails `test_every_url_pattern_is_covered`. For each one, three people try it: the
HR officer of district A (in scope for A's records), the HR officer of district B (another unit) and an
anonymous visitor. Outsiders get "not found" exactly like a missing id, the anonymous visitor the login
page (401/403 on the API), and nothing of the other district leaks into lists, searches and exports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from canbo.audit.models import AuditAction, AuditEvent

from .conftest import A_NAME, A_UNIT, B_NAME, B_UNIT, api_for, body_text, client_for, fingerprint

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = "01/06/2024"
# ----------------------------------------------------------------------------------------- the pages


@dataclass
class Page:
    """How to reach one URL pattern for district A's records, and for district B's.

    `url(world, side)` gives the address of side "a" or "b"'s object (for pages without an object, the same
    address for both; then `objectless` is True and the check is that nothing of the other side shows).
    """

    url: Callable[[dict[str, Any], str], str]
    objectless: bool = False
    api: bool = False
    ok: tuple[int, ...] = (200,)
    method: str = "get"
    # Pages whose body is a binary document (PDF) cannot be searched for names.
    searchable: bool = True
    xfail: str = ""
    params: dict[str, str] = field(default_factory=dict)


def _person(name: str, *extra: str) -> Callable[[dict[str, Any], str], str]:
    return lambda w, side: reverse(
        f"web:{name}", args=[w[side]["person"].pk, *(w[side][e].pk for e in extra)]
    )


def _row(name: str, key: str) -> Callable[[dict[str, Any], str], str]:
    return lambda w, side: reverse(f"web:{name}", args=[w[side][key].pk])


def _fixed(name: str, *args: Any) -> Callable[[dict[str, Any], str], str]:
    return lambda w, side: reverse(name, args=list(args))


def _programme(name: str, *extra: str) -> Callable[[dict[str, Any], str], str]:
    return lambda w, side: reverse(f"web:{name}", args=["T-1", *extra]) + f"?unit={w[side]['unit'].pk}"


def _rotation(name: str, kind: str = "") -> Callable[[dict[str, Any], str], str]:
    """A rotation page of the side's person; with `kind`, about one of their records (made on first use)."""

    def url(w: dict[str, Any], side: str) -> str:
        from canbo.rotation.models import Movement, PositionChangeExemption, SensitivePosition

        person, unit = w[side]["person"], w[side]["unit"]
        if not kind:
            return reverse(f"rotation:{name}", args=[person.pk])
        key = f"rotation_{kind}"
        if key not in w[side]:
            start = D(2020, 1, 1)
            w[side][key] = {
                "position": lambda: SensitivePosition.objects.create(
                    person=person, unit=unit, field="to_chuc_can_bo", position="Theo dõi", valid_from=start
                ),
                "exemption": lambda: PositionChangeExemption.objects.create(
                    person=person, reason="thai_san", valid_from=start
                ),
                "movement": lambda: Movement.objects.create(
                    person=person,
                    kind="dieu_dong",
                    from_unit=unit,
                    to_unit=w["root"],
                    decision="QĐ 1",
                    decided_on=start,
                    valid_from=start,
                ),
            }[kind]()
        return reverse(f"rotation:{name}", args=[person.pk, w[side][key].pk])

    return url


def _rules_record(name: str, kind: str) -> Callable[[dict[str, Any], str], str]:
    """A rules-record page of the side's person or post; the delete pages need the record (made on first use)."""

    def url(w: dict[str, Any], side: str) -> str:
        from canbo.rules.models import AppointmentFile, EarlyRetirement, ReappointmentNotice

        person, post = w[side]["person"], w[side]["post"]
        key = f"rules_{kind}"
        if name.endswith("_delete") and key not in w[side]:
            w[side][key] = {
                "early": lambda: EarlyRetirement.objects.create(
                    person=person, retires_on=D(2040, 1, 31), reason="other", basis="QĐ 1"
                ),
                "file": lambda: AppointmentFile.objects.create(assignment=post, received_on=D(2009, 12, 1)),
                "notice": lambda: ReappointmentNotice.objects.create(
                    assignment=post, notified_on=D(2014, 9, 1)
                ),
            }[kind]()
        return reverse(f"rules:{name}", args=[person.pk if kind == "early" else post.pk])

    return url


def _rating(name: str) -> Callable[[dict[str, Any], str], str]:
    """A ratings page of the side's person; the edit and delete pages need a rating (made on first use)."""

    def url(w: dict[str, Any], side: str) -> str:
        from canbo.conduct.models import AnnualRating

        person = w[side]["person"]
        if name in ("ratings", "rating_create"):
            return reverse(f"conduct:{name}", args=[person.pk])
        if "rating" not in w[side]:
            w[side]["rating"] = AnnualRating.objects.create(person=person, year=2023, level="HTTNV")
        return reverse(f"conduct:{name}", args=[person.pk, w[side]["rating"].pk])

    return url


def _planning(name: str) -> Callable[[dict[str, Any], str], str]:
    """A planning page of the side's person; the entry pages need an entry (made on first use)."""

    def url(w: dict[str, Any], side: str) -> str:
        from canbo.posts.models import PlanningEntry

        person = w[side]["person"]
        if name in ("planning_list", "planning_create"):
            return reverse(f"web:{name}", args=[person.pk])
        if "planning" not in w[side]:
            w[side]["planning"] = PlanningEntry.objects.create(
                person=person,
                title=w["title"],
                unit=w[side]["unit"],
                term_label="2025-2030",
                valid_from=D(2025, 1, 1),
            )
        return reverse(f"web:{name}", args=[person.pk, w[side]["planning"].pk])

    return url


def _conduct_record(name: str) -> Callable[[dict[str, Any], str], str]:
    """A discipline or political-standard page of the side's person; the edit and delete pages need the
    record (made on first use)."""

    def url(w: dict[str, Any], side: str) -> str:
        from canbo.conduct.models import DisciplineRecord, PoliticalStandardConclusion

        person = w[side]["person"]
        if name in ("discipline", "discipline_create", "political_standard", "political_standard_create"):
            return reverse(f"conduct:{name}", args=[person.pk])
        key = "discipline" if name.startswith("discipline") else "conclusion"
        if key not in w[side]:
            w[side][key] = {
                "discipline": lambda: DisciplineRecord.objects.create(
                    person=person,
                    form="khien_trach",
                    system="party",
                    decision_number="QĐ 7",
                    decision_date=D(2021, 3, 1),
                    valid_from=D(2021, 3, 1),
                ),
                "conclusion": lambda: PoliticalStandardConclusion.objects.create(
                    person=person, concluded_on=D(2022, 5, 10), conclusion="dat", concluded_by="BTV Tỉnh ủy"
                ),
            }[key]()
        return reverse(f"conduct:{name}", args=[person.pk, w[side][key].pk])

    return url


PAGES: dict[str, Page] = {
    # People: the list, a record, its forms, files and downloads.
    "web:home": Page(_fixed("web:home"), objectless=True),
    "web:person_list": Page(_fixed("web:person_list"), objectless=True, params={"q": ""}),
    "web:person_create": Page(_fixed("web:person_create"), objectless=True),
    "web:person_detail": Page(_person("person_detail")),
    "web:person_update": Page(_person("person_update")),
    "web:person_photo": Page(_person("person_photo"), searchable=False),
    "web:qualification_create": Page(_person("qualification_create")),
    "web:qualification_update": Page(_person("qualification_update", "qualification")),
    "web:qualification_delete": Page(_person("qualification_delete", "qualification")),
    "web:training_course_create": Page(_person("training_course_create")),
    "web:training_course_update": Page(_person("training_course_update", "course")),
    "web:training_course_delete": Page(_person("training_course_delete", "course")),
    "web:family_create": Page(_person("family_create")),
    "web:family_update": Page(_person("family_update", "relative")),
    "web:family_delete": Page(_person("family_delete", "relative")),
    "web:attachment_create": Page(_person("attachment_create")),
    "web:attachment_download": Page(_person("attachment_download", "attachment"), searchable=False),
    "web:attachment_delete": Page(_person("attachment_delete", "attachment")),
    "web:membership_create": Page(_person("membership_create")),
    "web:membership_update": Page(_person("membership_update", "seat")),
    "web:membership_delete": Page(_person("membership_delete", "seat")),
    "web:nomination_create": Page(_person("nomination_create")),
    "web:nomination_update": Page(_person("nomination_update", "nomination")),
    "web:nomination_delete": Page(_person("nomination_delete", "nomination")),
    "web:assignment_create": Page(
        lambda w, side: reverse("web:assignment_create") + f"?person={w[side]['person'].pk}", objectless=True
    ),
    "web:assignment_update": Page(_row("assignment_update", "post")),
    "web:assignment_delete": Page(_row("assignment_delete", "post")),
    "web:person_form2c_docx": Page(_person("person_form2c_docx")),
    "web:person_form2c_pdf": Page(_person("person_form2c_pdf"), searchable=False),
    "web:form2c_selection_docx": Page(
        lambda w, side: reverse("web:form2c_selection_docx") + f"?ids={w[side]['person'].pk}"
    ),
    "web:form2c_selection_pdf": Page(
        lambda w, side: reverse("web:form2c_selection_pdf") + f"?ids={w[side]['person'].pk}", searchable=False
    ),
    "web:person_list_xlsx": Page(_fixed("web:person_list_xlsx"), objectless=True),
    # Units.
    "web:unit_tree": Page(_fixed("web:unit_tree"), objectless=True),
    "web:unit_create": Page(_fixed("web:unit_create"), objectless=True),
    "web:unit_detail": Page(_row("unit_detail", "unit")),
    "web:unit_update": Page(_row("unit_update", "unit")),
    # Programmes: the dashboard for a unit, its drill-down, history and comparison, its downloads.
    "web:programme_list": Page(_fixed("web:programme_list"), objectless=True),
    "web:programme_detail": Page(_programme("programme_detail")),
    "web:programme_summary": Page(
        lambda w, side: reverse("web:programme_summary", args=["T-1"]), objectless=True
    ),
    "web:programme_units": Page(
        lambda w, side: reverse("web:programme_units", args=["T-1"]), objectless=True
    ),
    "web:programme_export": Page(
        lambda w, side: reverse("web:programme_export", args=["T-1", "xlsx"]) + f"?unit={w[side]['unit'].pk}"
    ),
    "web:indicator_people": Page(_programme("indicator_people", "T-1a")),
    "web:indicator_history": Page(_programme("indicator_history", "T-1a")),
    "web:indicator_compare": Page(_programme("indicator_compare", "T-1a")),
    # Look-ups behind the pickers.
    "web:lookup_units": Page(_fixed("web:lookup_units"), objectless=True),
    "web:lookup_people": Page(_fixed("web:lookup_people"), objectless=True),
    "web:lookup_titles": Page(_fixed("web:lookup_titles"), objectless=True),
    "web:lookup_terms": Page(_fixed("web:lookup_terms"), objectless=True),
    "web:lookup_localities": Page(_fixed("web:lookup_localities"), objectless=True),
    # Code lists: read by everyone signed in, edited only with a system-wide grant (404 otherwise).
    "web:codelist_index": Page(_fixed("web:codelist_index"), objectless=True),
    "web:codelist_detail": Page(_fixed("web:codelist_detail", "dan-toc"), objectless=True),
    "web:codelist_create": Page(_fixed("web:codelist_create", "dan-toc"), objectless=True, ok=(404,)),
    "web:codelist_update": Page(
        lambda w, side: reverse("web:codelist_update", args=["trinh-do", w["level"].pk]),
        objectless=True,
        ok=(404,),
    ),
    # The audit trail: inspectors and administrators only (an HR officer is refused).
    "web:audit_list": Page(_fixed("web:audit_list"), objectless=True, ok=(403,)),
    # Imports.
    "web:import_list": Page(_fixed("web:import_list"), objectless=True),
    "web:import_template": Page(_fixed("web:import_template"), objectless=True),
    # Security pages of the signed-in user themself.
    "security:otp_enrol": Page(_fixed("security:otp_enrol"), objectless=True),
    "security:otp_verify": Page(_fixed("security:otp_verify"), objectless=True, ok=(200, 302)),
    "security:backup_codes": Page(_fixed("security:backup_codes"), objectless=True, ok=(200, 302)),
    # Rules administration: system administrators only (404 for everyone else).
    "rules:rule_index": Page(_fixed("rules:rule_index"), objectless=True, ok=(404,)),
    "rules:rule_version_create": Page(_fixed("rules:rule_version_create"), objectless=True, ok=(404,)),
    "rules:rule_version_confirm": Page(
        _fixed("rules:rule_version_confirm", 1), objectless=True, ok=(404,), method="post"
    ),
    "rules:holiday_index": Page(_fixed("rules:holiday_index"), objectless=True, ok=(404,)),
    # Eligibility of a person for a title: the checklist page and its API twin, both of a person in scope.
    "conduct:eligibility": Page(
        lambda w, side: (
            reverse("conduct:eligibility", args=[w[side]["person"].pk]) + f"?title={w['title'].code}"
        )
    ),
    # Discipline records and political-standard conclusions of a person (tier "discipline"): the lists, and
    # adding, correcting or deleting one record.
    "conduct:discipline": Page(_conduct_record("discipline")),
    "conduct:discipline_create": Page(_conduct_record("discipline_create")),
    "conduct:discipline_update": Page(_conduct_record("discipline_update")),
    "conduct:discipline_delete": Page(_conduct_record("discipline_delete")),
    "conduct:political_standard": Page(_conduct_record("political_standard")),
    "conduct:political_standard_create": Page(_conduct_record("political_standard_create")),
    "conduct:political_standard_update": Page(_conduct_record("political_standard_update")),
    "conduct:political_standard_delete": Page(_conduct_record("political_standard_delete")),
    # The checklist fragment of the planning and appointment forms: a person or unit out of scope is not used.
    "web:eligibility_panel": Page(
        lambda w, side: (
            reverse("web:eligibility_panel")
            + f"?person={w[side]['person'].pk}&title={w['title'].pk}&unit={w[side]['unit'].pk}"
        ),
        objectless=True,
    ),
    # A person's planning (quy hoạch): the list, an entry with its checklist, adding, correcting, deleting.
    "web:planning_list": Page(_planning("planning_list")),
    "web:planning_create": Page(_planning("planning_create")),
    "web:planning_detail": Page(_planning("planning_detail")),
    "web:planning_update": Page(_planning("planning_update")),
    "web:planning_delete": Page(_planning("planning_delete")),
    # Annual ratings of a person: the list, and adding, correcting or deleting one year's rating.
    "conduct:ratings": Page(_rating("ratings")),
    "conduct:rating_create": Page(_rating("rating_create")),
    "conduct:rating_update": Page(_rating("rating_update")),
    "conduct:rating_delete": Page(_rating("rating_delete")),
    # Worklists: every signed-in user, each list narrowed to the user's scope.
    "worklists:index": Page(_fixed("worklists:index"), objectless=True),
    "worklists:detail": Page(_fixed("worklists:detail", "missing_data"), objectless=True),
    # Rotation records of a person: the overview, and adding or ending each kind of record.
    "rules:early_retirement_update": Page(_rules_record("early_retirement_update", "early")),
    "rules:early_retirement_delete": Page(_rules_record("early_retirement_delete", "early")),
    "rules:appointment_file_update": Page(_rules_record("appointment_file_update", "file")),
    "rules:appointment_file_delete": Page(_rules_record("appointment_file_delete", "file")),
    "rules:reappointment_notice_update": Page(_rules_record("reappointment_notice_update", "notice")),
    "rules:reappointment_notice_delete": Page(_rules_record("reappointment_notice_delete", "notice")),
    "rotation:records": Page(_rotation("records")),
    "rotation:position_create": Page(_rotation("position_create")),
    "rotation:position_end": Page(_rotation("position_end", "position")),
    "rotation:position_update": Page(_rotation("position_update", "position")),
    "rotation:exemption_create": Page(_rotation("exemption_create")),
    "rotation:exemption_end": Page(_rotation("exemption_end", "exemption")),
    "rotation:exemption_update": Page(_rotation("exemption_update", "exemption")),
    "rotation:movement_create": Page(_rotation("movement_create")),
    "rotation:movement_end": Page(_rotation("movement_end", "movement")),
    "rotation:movement_update": Page(_rotation("movement_update", "movement")),
    # The API.
    "api:schema": Page(_fixed("api:schema"), objectless=True, api=True),
    "api:docs": Page(_fixed("api:docs"), objectless=True, api=True),
    "api:unit-list": Page(_fixed("api:unit-list"), objectless=True, api=True),
    "api:unit-detail": Page(lambda w, side: reverse("api:unit-detail", args=[w[side]["unit"].pk]), api=True),
    "api:person-list": Page(_fixed("api:person-list"), objectless=True, api=True),
    "api:person-detail": Page(
        lambda w, side: reverse("api:person-detail", args=[w[side]["person"].pk]), api=True
    ),
    "api:person-assignments": Page(
        lambda w, side: reverse("api:person-assignments", args=[w[side]["person"].pk]), api=True
    ),
    "api:person-qualifications": Page(
        lambda w, side: reverse("api:person-qualifications", args=[w[side]["person"].pk]), api=True
    ),
    "api:person-training-courses": Page(
        lambda w, side: reverse("api:person-training-courses", args=[w[side]["person"].pk]), api=True
    ),
    "api:person-memberships": Page(
        lambda w, side: reverse("api:person-memberships", args=[w[side]["person"].pk]), api=True
    ),
    "api:person-eligibility": Page(
        lambda w, side: (
            reverse("api:person-eligibility", args=[w[side]["person"].pk]) + f"?title={w['title'].code}"
        ),
        api=True,
    ),
    "api:worklist-list": Page(_fixed("api:worklist-list"), objectless=True, api=True),
    "api:worklist-rows": Page(_fixed("api:worklist-rows", "missing_data"), objectless=True, api=True),
    "api:programme-list": Page(_fixed("api:programme-list"), objectless=True, api=True),
    "api:programme-detail": Page(_fixed("api:programme-detail", "T-1"), objectless=True, api=True),
    "api:programme-results": Page(
        lambda w, side: reverse("api:programme-results", args=["T-1"]), objectless=True, api=True
    ),
}

# Import jobs: an officer sees the jobs they uploaded (canbo.imports.selectors.visible_jobs).
for _name in ("web:import_detail", "web:import_progress", "web:import_annotated", "web:import_commit"):
    PAGES[_name] = Page(
        lambda w, side, _name=_name: reverse(_name, args=[w[side]["job"].pk]),
        method="post" if _name == "web:import_commit" else "get",
        ok=(200, 302),
        searchable=False,
    )

EXEMPT = {
    "login": "the sign-in page is public",
    "logout": "signing out needs no scope",
    "set_language": "choosing the interface language needs no scope",
    "admin:*": "Django admin: staff only, checked in test_the_admin_is_for_staff_only",
    "media": "the demo's plain media route; off in production (SERVE_MEDIA=False), see the report",
}


def url_names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    """The names of every URL pattern, with their namespaces; whole namespaces as "ns:*"."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = entry.namespace or ""
            if space == "admin":
                yield "admin:*"
                continue
            prefix = f"{namespace}{space}:" if space else namespace
            yield from url_names(entry.url_patterns, prefix)
        elif isinstance(entry, URLPattern):
            if entry.name:
                yield f"{namespace}{entry.name}"
            elif "media" in str(entry.pattern):
                yield "media"


def test_every_url_pattern_is_covered() -> None:
    names = set(url_names(get_resolver().url_patterns))
    names -= {"api:api-root"}  # the router's root view is switched off
    assert names - set(PAGES) - set(EXEMPT) == set(), "pages without a scope test: add them to PAGES"
    assert set(PAGES) - names == set(), "PAGES names URL patterns that no longer exist"


@pytest.fixture
def jobs(world: dict[str, Any]) -> dict[str, Any]:
    """One import job uploaded by each district's officer (for the import pages)."""
    from canbo.imports.models import ImportJob

    for side in ("a", "b"):
        officer = world[f"officer_{side}"]
        world[side]["job"] = ImportJob.objects.create(
            uploaded_by=officer,
            filename=f"{side}.xlsx",
            file=ContentFile(b"PK", name=f"{side}.xlsx"),
            unit_code=world[side]["unit"].code,
        )
    return world


def _fetch(page: Page, user: Any, url: str) -> Any:
    client = api_for(user) if page.api else client_for(user)
    if page.method != "get":
        return getattr(client, page.method)(url)
    query = urlencode({**page.params, "as_of": AS_OF})
    return client.get(f"{url}{'&' if '?' in url else '?'}{query}")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_outsiders_get_not_found(name: str, jobs: dict[str, Any]) -> None:
    """A's officer opens A's object; B's officer gets 404 for it and A's officer 404 for B's; no leaks."""
    page = PAGES[name]
    if page.xfail:
        pytest.xfail(page.xfail)
    w = jobs
    own = _fetch(page, w["officer_a"], page.url(w, "a"))
    assert own.status_code in page.ok, (name, own.status_code)
    if page.objectless:
        other = _fetch(page, w["officer_b"], page.url(w, "b"))
        assert other.status_code in page.ok
        if page.searchable and own.status_code == 200:
            assert B_NAME not in body_text(own) and B_UNIT not in body_text(own), name
            assert A_NAME not in body_text(other) and A_UNIT not in body_text(other), name
        return
    assert _fetch(page, w["officer_b"], page.url(w, "a")).status_code == 404, name
    assert _fetch(page, w["officer_a"], page.url(w, "b")).status_code == 404, name


@pytest.mark.parametrize("name", sorted(PAGES))
def test_anonymous_visitors_are_sent_to_sign_in(name: str, jobs: dict[str, Any]) -> None:
    page = PAGES[name]
    response = _fetch(page, None, page.url(jobs, "a"))
    if page.api:
        assert response.status_code in (401, 403), name
    else:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), name


def test_the_admin_is_for_staff_only(world: dict[str, Any]) -> None:
    for user in (None, world["officer_a"]):
        response = client_for(user).get(reverse("admin:index"))
        assert response.status_code == 302 and "/login/" in response["Location"]


# ------------------------------------------------------------------------------------- refused writes


def refusals(user: Any) -> int:
    return AuditEvent.objects.filter(actor=user, action=AuditAction.DENIED).count()


WRITE_PAGES = [
    name
    for name, page in PAGES.items()
    if not page.objectless
    and not page.api
    and not page.xfail
    and page.searchable
    and any(verb in name for verb in ("update", "delete"))
]


@pytest.mark.parametrize("name", sorted(WRITE_PAGES))
def test_writes_to_another_units_records_change_nothing(name: str, world: dict[str, Any]) -> None:
    """A's officer posts to the edit and delete pages of B's records: 404, nothing changed, recorded."""
    url = PAGES[name].url(world, "b")  # may make B's record on first use: before the fingerprint
    before = fingerprint(world)
    response = client_for(world["officer_a"]).post(url, {"full_name": "Đổi tên"})
    assert response.status_code == 404
    assert fingerprint(world) == before
    assert refusals(world["officer_a"]) == 1

"""Build the demo: two deterministic synthetic provinces, one per seed programme, in one database.

``build_demo(seed=…, scale=…)`` loads the official localities and reference lists, then for Lào Cai
(LC-18) and Hà Giang (HG-NQ) builds the unit tree (provincial agencies, the districts and their
communes until 30/06/2025, the new communes after), marks which holders of the baseline day's posts
carry which attributes so that each seed's baseline rows come out of the records (``calibration``),
fills every post on 11/12/2020, draws each person's earlier work history, plays the years since then
(retirements, reappointments, promotions, the 2025 reform) up to today, and writes everything with
bulk inserts in one transaction. The same seed on the same day gives the same database: all randomness
comes from generators seeded here (never the global ones), and the real date only says where to stop.
The scale sizes only the staff pools of provincial and district units; every post, elected seat and
commune cadre the seeds count exists at every scale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from canbo.core.dates import today as real_today
from canbo.core.text import fold, name_sort_key, person_sort_key
from canbo.geo.models import CodeSystem, Locality, LocalityLevel, LocalityMapping
from canbo.geo.services import localities_load
from canbo.org.choices import Level, SuccessionKind
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit, Term, UnitSuccession
from canbo.people.models import (
    Ethnicity,
    FamilyMember,
    Person,
    Qualification,
    QualificationLevel,
    Religion,
    TrainingCourse,
)
from canbo.posts.models import Assignment, Decision, PlanningEntry, Title
from canbo.reference.catalog import CODE_SYSTEM_1979
from canbo.reference.loader import reference_load

from . import writer
from .bodies import BodyBuilder, BodyRows
from .calibration import Outcome, calibrate
from .careers import Careers
from .dates import BASELINE, REFORM_DAY
from .development import Development, DevelopmentRows
from .names import full_name, make_faker
from .population import PersonFactory
from .provinces import PROVINCES, ProvinceSpec
from .records import Extras, Lookups, PersonRow, Places, Recorder
from .seats import BodySize
from .state import Assignment as Post
from .state import Decision as DecisionRecord
from .state import Person as PersonRecord
from .state import TitleInfo, Unit
from .structure import Catalogue, Geography, Place, Structure, build_structure
from .summary import Totals, summarize

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "canbo-demo-2025"
"""Printed on purpose: it opens the demo database only."""


class Writer(Protocol):
    """Anything with write(text)."""

    def write(self, text: str, /) -> Any: ...


class DemoError(Exception):
    """The demo cannot be built on this database as it stands."""


@dataclass
class ProvinceTotals:
    """One province's root unit and its totals on the baseline day and today."""

    code: str
    name: str
    root_id: int
    baseline: Totals
    current: Totals


@dataclass
class _Built:
    """What the generator made for one province before writing."""

    spec: ProvinceSpec
    geo: Geography
    structure: Structure
    careers: Careers
    outcome: Outcome


@dataclass
class DemoSummary:
    """What a build made: the rows per table, the totals on the baseline day and today, and timings."""

    seed: int
    scale: float
    today: dt.date
    rows: dict[str, int]
    baseline: Totals
    current: Totals
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    title_fallbacks: dict[str, int] = field(default_factory=dict)
    provinces: list[ProvinceTotals] = field(default_factory=list)
    calibration: dict[str, tuple[int, int]] = field(default_factory=dict)
    """Per seed row: (numerator marked, posts found) on the baseline day, before anything is written."""
    bodies: list[BodySize] = field(default_factory=list)
    """Every term of every elected body: its seats, the legal range it was sized in, the women planned."""
    username: str = DEMO_USERNAME
    password: str = DEMO_PASSWORD


def build_demo(
    *, seed: int = 2020, scale: float = 1.0, stdout: Writer | None = None, today: dt.date | None = None
) -> DemoSummary:
    """Load the reference data and build the demo province into an empty database; return its summary."""
    if not 0 < scale <= 2:
        raise DemoError(_("Hệ số quy mô phải lớn hơn 0 và không quá 2."))
    started = time.perf_counter()
    timings: dict[str, float] = {}
    mark = started

    def lap(name: str, message: str = "") -> None:
        nonlocal mark
        now = time.perf_counter()
        timings[name] = round(now - mark, 2)
        mark = now
        if stdout is not None and message:
            stdout.write(message + "\n")

    if writer.has_data():
        raise DemoError(_("Cơ sở dữ liệu đã có dữ liệu cán bộ, đơn vị; dùng --reset để xóa và tạo lại."))
    # The official localities are loaded once; "canbo geo_load" refreshes them (a reload costs 3 s).
    if not Locality.objects.exists():
        localities_load(stdout=stdout)
    reference_load()
    lap("reference", _("Đã nạp danh mục tham chiếu; đang dựng tổ chức và quá trình công tác…"))
    day = today or real_today()
    if day < BASELINE:
        raise DemoError(_("Ngày hôm nay phải sau ngày 11/12/2020 để tạo dữ liệu mẫu."))
    made = generate(seed=seed, scale=scale, today=day, progress=lap)
    built, catalogue, body_rows = made.built, made.catalogue, made.bodies
    people_rows, extras, people = made.people_rows, made.extras, made.people

    rows: dict[str, int] = {}
    units = [u for item in built for u in item.structure.units]
    decisions, assignment_rows = _assignments(people)
    with transaction.atomic():
        rows["units"] = writer.insert(
            OrgUnit, (_unit(u, item.geo) for item in built for u in item.structure.units)
        )
        rows["successions"] = writer.insert(UnitSuccession, _successions(units))
        rows["people"] = writer.insert(Person, (_person(r.values) for r in people_rows))
        rows["decisions"] = writer.insert(Decision, (_decision(d) for d in decisions))
        rows["assignments"] = writer.insert(Assignment, assignment_rows)
        rows["qualifications"] = writer.insert(Qualification, _numbered(extras.qualifications))
        rows["family"] = writer.insert(FamilyMember, _numbered(extras.family))
        rows["bodies"] = writer.insert(ElectedBody, body_rows.bodies)
        rows["terms"] = writer.insert(Term, body_rows.terms)
        rows["memberships"] = writer.insert(Membership, body_rows.memberships)
        rows["nominations"] = writer.insert(Nomination, body_rows.nominations)
        rows["training_courses"] = writer.insert(TrainingCourse, made.development.courses)
        rows["planning"] = writer.insert(PlanningEntry, made.development.planning)
        _programmes_load({item.spec.programme: item.structure.units[0].id for item in built})
        writer.reset_sequences(
            [
                OrgUnit,
                UnitSuccession,
                Person,
                Decision,
                Assignment,
                Qualification,
                FamilyMember,
                ElectedBody,
                Term,
                Membership,
                Nomination,
                TrainingCourse,
                PlanningEntry,
            ]
        )
        demo_user_ensure()
    lap("write")
    baseline = summarize(BASELINE)
    current = summarize(day)
    provinces = []
    for item in built:
        root = item.structure.units[0]
        provinces.append(
            ProvinceTotals(
                code=item.spec.code,
                name=item.geo.province.name,
                root_id=root.id,
                baseline=summarize(item.spec.baseline, root=root.path),
                current=summarize(day, root=root.path),
            )
        )
    lap("summary")
    return DemoSummary(
        seed=seed,
        scale=scale,
        today=day,
        rows=rows,
        baseline=baseline,
        current=current,
        seconds=round(time.perf_counter() - started, 1),
        timings=timings,
        title_fallbacks={f"{wanted}→{used}": n for (wanted, used), n in sorted(catalogue.fallbacks.items())},
        provinces=provinces,
        calibration={code: pair for item in built for code, pair in item.outcome.found.items()},
        bodies=body_rows.sizes,
    )


@dataclass
class Generated:
    """Everything a build makes in memory before writing: per province, then the rows of all of them."""

    built: list[_Built]
    catalogue: Catalogue
    people_rows: list[PersonRow]
    extras: Extras
    bodies: BodyRows
    people: list[PersonRecord]
    development: DevelopmentRows = field(default_factory=DevelopmentRows)
    """Knowledge-update courses and planning entries, drawn after everything else from streams of their own."""


def generate(
    *,
    seed: int,
    scale: float,
    today: dt.date,
    provinces: Sequence[ProvinceSpec] = PROVINCES,
    progress: Callable[[str, str], None] | None = None,
) -> Generated:
    """Build the provinces in memory from the reference data already loaded; write nothing.

    The same seed, scale and day give the same rows (see ``digest``). ``provinces`` may be a part of the
    list (the tests draw Lào Cai alone); the first one listed draws from the streams Lào Cai draws from."""
    day = today

    def lap(name: str, message: str = "") -> None:
        if progress is not None:
            progress(name, message)

    catalogue = _catalogue()
    built: list[_Built] = []
    next_unit, next_person = 1, 1
    numbers: dict[tuple[str, int], int] = {}
    for index, spec in enumerate(provinces):
        geo = _geography(spec)
        # Each province draws from its own streams; Lào Cai's keep the names they had with one province.
        tag = str(seed) if index == 0 else f"{seed}:{spec.segment}"
        structure = build_structure(
            geo,
            catalogue,
            random.Random(f"{tag}:structure"),
            scale=scale,
            today=day,
            segment=spec.segment,
            first_id=next_unit,
            staff=spec.staff,
            tuning=spec.tune,
        )
        outcome = calibrate(structure, spec.rules, random.Random(f"{tag}:calibration"))
        fake = make_faker(seed + 10 * index)
        factory = PersonFactory(random.Random(f"{tag}:people"), fake, first_id=next_person)
        signer_fake = make_faker(seed + 1 + 10 * index)
        careers = Careers(
            structure,
            factory,
            random.Random(f"{tag}:careers"),
            today=day,
            province_name=geo.province.name,
            signer=lambda f=signer_fake: full_name(f, female=f.random.random() < 0.15, group="kinh"),  # type: ignore[misc]
            numbers=numbers,
        )
        careers.run()
        next_unit += len(structure.units)
        next_person += len(careers.people)
        built.append(_Built(spec, geo, structure, careers, outcome))
    lap("careers", _("Đang lập hồ sơ, văn bằng, cấp ủy và HĐND…"))
    lookups = _lookups()
    national_ids: set[str] = set()
    people_rows: list[PersonRow] = []
    extras = Extras()
    body_rows = BodyRows()
    people: list[PersonRecord] = []
    for index, item in enumerate(built):
        tag = str(seed) if index == 0 else f"{seed}:{item.spec.segment}"
        recorder = Recorder(
            random.Random(f"{tag}:records"),
            make_faker(seed + 2 + 10 * index),
            _places(item.geo, item.spec),
            lookups,
            today=day,
            day=item.spec.baseline,
            national_ids=national_ids,
        )
        people_rows.extend(recorder.person_row(person) for person in item.careers.people)
        extras.qualifications.extend(recorder.extras.qualifications)
        extras.family.extend(recorder.extras.family)
        known = len(body_rows.citizens)
        BodyBuilder(
            random.Random(f"{tag}:bodies"),
            item.structure.areas,
            item.careers.people,
            today=day,
            rows=body_rows,
            fake=make_faker(seed + 3 + 10 * index),
            first_citizen=next_person,
            targets=item.spec.seats,
            day=item.spec.baseline,
        ).build()
        # Members of elected bodies outside the payroll get their record after everyone with a post.
        people_rows.extend(recorder.citizen_row(person) for person in body_rows.citizens[known:])
        people.extend(item.careers.people)
    development = DevelopmentRows()
    for index, item in enumerate(built):
        tag = str(seed) if index == 0 else f"{seed}:{item.spec.segment}"
        Development(
            random.Random(f"{tag}:development"),
            item.careers.people,
            today=day,
            province_name=item.geo.province.name,
            rows=development,
        ).build(item.structure.units)
    lap("records", _("Đang ghi vào cơ sở dữ liệu…"))
    return Generated(built, catalogue, people_rows, extras, body_rows, people, development)


def digest(made: Generated) -> str:
    """A SHA-256 over every row a build would write, in write order: equal builds give equal digests."""
    hasher = hashlib.sha256()
    _decisions, assignments = _assignments(made.people)
    units = [u for item in made.built for u in item.structure.units]
    tables: tuple[tuple[str, Iterable[object]], ...] = (
        ("units", (_unit(u, item.geo) for item in made.built for u in item.structure.units)),
        ("successions", _successions(units)),
        ("people", (r.values for r in made.people_rows)),
        ("assignments", assignments),
        ("qualifications", made.extras.qualifications),
        ("family", made.extras.family),
        ("bodies", made.bodies.bodies),
        ("terms", made.bodies.terms),
        ("memberships", made.bodies.memberships),
        ("nominations", made.bodies.nominations),
        ("training_courses", made.development.courses),
        ("planning", made.development.planning),
    )
    for name, rows in tables:
        hasher.update(name.encode())
        for row in rows:
            hasher.update(repr(sorted(row.items()) if isinstance(row, dict) else row).encode())
    return hasher.hexdigest()


def _programmes_load(roots: dict[str, int]) -> None:
    """Load the two seed programmes, each with its province as territory (a reset deleted them)."""
    if not apps.is_installed("canbo.programmes"):
        return
    from canbo.programmes.services import programmes_load

    units = OrgUnit.objects.in_bulk(list(roots.values()))
    programmes_load(territories={code: units[pk] for code, pk in roots.items()})


def demo_user_ensure() -> None:
    """Create the demo superuser, or give it back the demo password."""
    user_model = get_user_model()
    user = user_model._default_manager.filter(username=DEMO_USERNAME).first()
    if user is None:
        user_model._default_manager.create_superuser(DEMO_USERNAME, "admin@canbo.invalid", DEMO_PASSWORD)
        return
    user.set_password(DEMO_PASSWORD)
    user.is_superuser = user.is_staff = user.is_active = True
    user.save()


def demo_clear() -> list[str]:
    """Delete every person, unit, decision, elected body and what refers to them (for --reset)."""
    with transaction.atomic():
        return writer.clear()


# ------------------------------------------------------------------------------------------ inputs
def _geography(spec: ProvinceSpec) -> Geography:
    """The old province with its districts and communes, and the crosswalk to the new communes."""
    old = Locality.objects.filter(code_system=CodeSystem.QD124_2004)
    try:
        province = old.get(level=LocalityLevel.PROVINCE, code=spec.code)
    except Locality.DoesNotExist as exc:
        raise DemoError(
            _("Chưa có danh mục đơn vị hành chính của tỉnh mã %(code)s.") % {"code": spec.code}
        ) from exc
    new_province = Locality.objects.filter(
        code_system=CodeSystem.QD19_2025, level=LocalityLevel.PROVINCE, code=spec.new_code
    ).first()
    districts = list(old.filter(parent=province).order_by("code"))
    communes: dict[str, list[Place]] = defaultdict(list)
    commune_rows = (
        old.filter(parent__in=districts)
        .order_by("parent__code", "code")
        .values_list("id", "code", "kind", "name", "parent__code")
    )
    commune_ids = []
    for pk, code, kind, name, district_code in commune_rows:
        communes[district_code].append(Place(pk, code, kind, name))
        commune_ids.append(pk)
        if code == spec.extra_commune:
            # Lào Cai had 152 commune-level units on 11/12/2020 and the list of 2025 has 151: the one
            # missing was merged into this district town before 2025. It is kept as a commune of its own
            # until the reform, with the town's locality (the list has no row for it).
            communes[district_code].append(Place(pk, f"{code}A", "xã", name))
    new_of: dict[int, Place] = {}
    links = LocalityMapping.objects.filter(old_id__in=commune_ids).order_by(
        "old_id", "is_partial", "new__code"
    )
    for old_id, pk, code, kind, name in links.values_list(
        "old_id", "new_id", "new__code", "new__kind", "new__name"
    ):
        new_of.setdefault(old_id, Place(pk, code, kind, name))
    return Geography(
        province=Place(province.id, province.code, province.kind, province.name),
        new_province=Place(new_province.id, new_province.code, new_province.kind, new_province.name)
        if new_province
        else None,
        districts=[Place(d.id, d.code, d.kind, d.name) for d in districts],
        communes=dict(communes),
        new_commune_of=new_of,
    )


def _catalogue() -> Catalogue:
    titles = Title.objects.select_related("management_category").order_by("id")
    if not titles.exists():
        raise DemoError(_("Chưa có danh mục chức vụ; hãy nạp danh mục tham chiếu trước."))
    return Catalogue(
        TitleInfo(
            t.id,
            t.code,
            t.name,
            t.level,
            t.rank,
            t.is_leadership,
            t.is_sole,
            t.management_category.code if t.management_category else "",
        )
        for t in titles
    )


def _places(geo: Geography, spec: ProvinceSpec) -> Places:
    """Communes of the province and of the provinces its Kinh staff came from, with their labels."""
    from .records import ORIGIN_PROVINCES

    old = Locality.objects.filter(code_system=CodeSystem.QD124_2004, level=LocalityLevel.COMMUNE)
    origin_codes = [code for code, _weight in ORIGIN_PROVINCES if code != spec.code]
    rows = (
        old.filter(province_code__in=[spec.code, *origin_codes])
        .order_by("code")
        .values_list(
            "id",
            "province_code",
            "kind",
            "name",
            "parent_id",
            "parent__kind",
            "parent__name",
            "parent__parent__kind",
            "parent__parent__name",
        )
    )
    home: list[int] = []
    by_district: dict[int, list[int]] = defaultdict(list)
    elsewhere: dict[str, list[int]] = defaultdict(list)
    label: dict[int, str] = {}
    province_of: dict[int, str] = {}
    kind_of: dict[int, str] = {}
    for pk, province_code, kind, name, district_id, dkind, dname, pkind, pname in rows:
        label[pk] = f"{kind} {name}, {dkind} {dname}, {pkind} {pname}"
        province_of[pk] = province_code
        kind_of[pk] = kind
        if province_code == spec.code:
            home.append(pk)
            by_district[district_id].append(pk)
        else:
            elsewhere[province_code].append(pk)
    new_rows = LocalityMapping.objects.filter(old_id__in=list(label)).order_by(
        "old_id", "is_partial", "new__code"
    )
    new_of: dict[int, int] = {}
    for old_id, new_id in new_rows.values_list("old_id", "new_id"):
        new_of.setdefault(old_id, new_id)
    for pk, kind, name, pkind, pname in Locality.objects.filter(id__in=set(new_of.values())).values_list(
        "id", "kind", "name", "parent__kind", "parent__name"
    ):
        label[pk] = f"{kind} {name}, {pkind} {pname}"
    capital = geo.districts[0].id if geo.districts else 0
    return Places(
        segment=spec.segment,
        predecessor=spec.predecessor,
        province_code=spec.code,
        province_name=geo.province.name,
        home=home,
        home_by_district=dict(by_district),
        elsewhere=dict(elsewhere),
        label=label,
        province_of=province_of,
        kind_of=kind_of,
        new_of=new_of,
        capital_district=capital,
    )


def _lookups() -> Lookups:
    levels = QualificationLevel.objects.values_list("kind", "code", "id", "rank", "is_legacy")
    return Lookups(
        ethnicity=dict(Ethnicity.objects.filter(code_system=CODE_SYSTEM_1979).values_list("code", "id")),
        religion=dict(Religion.objects.values_list("code", "id")),
        levels={(kind, code): pk for kind, code, pk, _rank, _legacy in levels},
        ranks={pk: (rank, legacy) for _kind, _code, pk, rank, legacy in levels},
    )


# ------------------------------------------------------------------------------------------ rows
def _unit(unit: Unit, geo: Geography) -> dict[str, object]:
    locality = unit.area.locality_id
    if unit.area.kind == "province" and unit.valid_from >= REFORM_DAY and geo.new_province is not None:
        locality = geo.new_province.id
    return {
        "id": unit.id,
        "code": unit.code,
        "name": unit.name,
        "short_name": unit.short_name,
        "parent_id": unit.parent.id if unit.parent else None,
        "path": unit.path,
        "depth": unit.depth,
        "level": unit.level,
        "sector": unit.sector,
        "kind": unit.kind,
        "locality_id": locality,
        "position": unit.position,
        "search_name": fold(f"{unit.name} {unit.short_name}")[:400],
        "sort_key": name_sort_key(unit.name),
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def _successions(units: list[Unit]) -> list[dict[str, object]]:
    """Old commune units merged into the new commune's units; schools and health centres renamed."""
    links: list[dict[str, object]] = []
    for unit in units:
        if unit.successor is not None:
            links.append(
                {
                    "predecessor_id": unit.id,
                    "successor_id": unit.successor.id,
                    "kind": unit.succession_kind or SuccessionKind.RENAMED,
                    "effective_on": REFORM_DAY,
                }
            )
            continue
        area = unit.area
        if area.kind != "commune" or area.successor is None or unit.level != Level.COMMUNE:
            continue
        target = area.successor
        counterpart = {
            id(area.party): target.party,
            id(area.council): target.council,
            id(area.committee): target.committee,
            id(area.front): target.front,
        }.get(id(unit))
        if counterpart is None and unit.parent is not None and unit.parent.area is not area:
            counterpart = target.committee.parent if target.committee else None  # the commune itself
        if counterpart is not None:
            links.append(
                {
                    "predecessor_id": unit.id,
                    "successor_id": counterpart.id,
                    "kind": SuccessionKind.MERGED,
                    "effective_on": REFORM_DAY,
                }
            )
    return [{"id": i, **row} for i, row in enumerate(links, start=1)]


def _person(values: dict[str, object]) -> dict[str, object]:
    name = str(values["full_name"])
    return {**values, "search_text": fold(name)[:400], "sort_key": person_sort_key(name)}


def _decision(record: DecisionRecord) -> dict[str, object]:
    return {
        "id": record.id,
        "number": record.number,
        "signed_on": record.signed_on,
        "signer": record.signer,
        "issuer": record.issuer,
        "subject": record.subject[:500],
    }


def _assignments(people: list[PersonRecord]) -> tuple[list[DecisionRecord], list[dict[str, object]]]:
    """Assignment rows in person order, and the decisions they cite (numbered by date)."""
    posts: list[Post] = []
    for person in people:
        posts.extend(person.history)
        posts.extend(person.concurrent)
    posts.sort(key=lambda a: (a.person.id, a.concurrent, a.start, a.unit.id, a.title.id))
    cited: dict[int, DecisionRecord] = {}
    for post in posts:
        decision = post.renewals[-1][1] if post.renewals else post.decision
        if decision is not None:
            cited.setdefault(id(decision), decision)
    decisions = sorted(cited.values(), key=lambda d: (d.signed_on, d.issuer, d.number))
    for index, decision in enumerate(decisions, start=1):
        decision.id = index
    rows = []
    for index, post in enumerate(posts, start=1):
        decision = post.decision
        term_end = post.term_end
        description = _("Kiêm nhiệm") if post.concurrent else ""
        if post.renewals:
            day, decision, term_end = post.renewals[-1]
            description = _("Bổ nhiệm lại từ %(day)s") % {"day": day.strftime("%d/%m/%Y")}
        if term_end is not None and term_end <= post.start:
            term_end = None
        rows.append(
            {
                "id": index,
                "person_id": post.person.id,
                "title_id": post.title.id,
                "unit_id": post.unit.id,
                "valid_from": post.start,
                "valid_to": post.end,
                "is_concurrent": post.concurrent,
                "is_sole_post": post.title.is_sole,
                "decision_id": decision.id if decision else None,
                "term_ends_on": term_end,
                "description": description,
            }
        )
    return decisions, rows


def _numbered(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{"id": i, **row} for i, row in enumerate(rows, start=1)]

"""The import of one workbook: sheets bound to the canonical format, cells read, records matched to what
the database holds, and every row checked by the services' bulk variants (the rules of the web forms).

`Importer(book, actor=…, write=False).run()` is the dry run: nothing is written and the report says what
would be new, changed or unchanged, and every problem with its sheet, row, column, value and reason.
With `write=True`, the caller opens one transaction: sheets are written in dependency order (units,
people, work history, qualifications, elected bodies, nominations, ratings, training courses, planning)
while no error has been
found; once one has, the remaining sheets are still checked, without writing, so that the report is
complete, and the caller rolls the transaction back.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from canbo.access.scopes import Scope, person_home_path
from canbo.conduct.models import AnnualRating
from canbo.conduct.services import ratings_upsert
from canbo.core.bulk import (
    BULK_CREATED,
    BULK_INVALID,
    BULK_UNCHANGED,
    BULK_UPDATED,
    BulkResult,
    chunked,
    gc_paused,
    write_cache,
)
from canbo.core.dates import format_partial
from canbo.core.text import fold, normalize_spaces
from canbo.geo.models import Locality
from canbo.geo.selectors import locality_search_many
from canbo.org.choices import BodyKind
from canbo.org.models import ElectedBody, Membership, Nomination, OrgUnit, Term
from canbo.org.services import (
    elected_body_create,
    memberships_upsert,
    nominations_upsert,
    term_check,
    term_create,
    unit_check,
    unit_update,
    units_create_many,
)
from canbo.people.models import Person, Qualification, TrainingCourse
from canbo.people.services import persons_upsert, qualifications_upsert
from canbo.people.training import training_courses_upsert
from canbo.posts.models import Assignment, PlanningEntry
from canbo.posts.planning import planning_entries_upsert
from canbo.posts.services import assignments_upsert

from . import schema
from .cells import CellError, CellReader, shown, vietnamese_label
from .choices import Severity
from .models import ImportJob
from .places import Place, locality_by_code, place_from_search
from .reader import RawBook, RawSheet

HEADER_SCAN_ROWS = 15
COUNT_KEYS = ("rows", "new", "changed", "unchanged", "invalid")
_STATUS_COUNT = {
    BULK_CREATED: "new",
    BULK_UPDATED: "changed",
    BULK_UNCHANGED: "unchanged",
    BULK_INVALID: "invalid",
}
_WORK_FIELDS = (
    "valid_from",
    "valid_to",
    "title",
    "is_concurrent",
    "term_ends_on",
    "decision_number",
    "decision_signed_on",
    "decision_signer",
    "decision_issuer",
    "description",
)
_TRAINING_FIELDS = ("name", "kind", "institution", "started_on", "ended_on", "note")
_PLANNING_FIELDS = (
    "title",
    "term_label",
    "valid_from",
    "valid_to",
    "approved_by",
    "decision_number",
    "decision_date",
    "expertise_field",
    "deep_expertise",
)
_YEARS = re.compile(r"(?<![0-9])(1[89][0-9]{2}|2[0-9]{3})(?![0-9])")

Progress = Callable[[int, str], None]


@dataclass
class Problem:
    """A problem found in a workbook: where it is, the value, and why (in Vietnamese)."""

    severity: str
    sheet: str
    row: int | None
    column: str
    column_index: int | None
    value: str
    message: str

    def sort_key(self, order: dict[str, int]) -> tuple[Any, ...]:
        """Sheet order, then row, then column; problems of the whole file first."""
        return (
            order.get(self.sheet, -1),
            self.row or 0,
            self.column_index if self.column_index is not None else -1,
        )


@dataclass
class Report:
    """What a run found and did: problems, and per sheet the rows that are new, changed, unchanged or invalid."""

    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    written: bool = False

    @property
    def error_count(self) -> int:
        """How many problems stop the import."""
        return sum(1 for problem in self.problems if problem.severity == Severity.ERROR)

    @property
    def warning_count(self) -> int:
        """How many problems are warnings only."""
        return sum(1 for problem in self.problems if problem.severity == Severity.WARNING)


@dataclass
class Row:
    """One data row: its Excel row number and its cells."""

    number: int
    cells: list[Any]
    index: int = -1  # position among the binding's rows


@dataclass
class Binding:
    """A sheet of the file matched to a canonical sheet: where its header is and which column is which."""

    spec: schema.Sheet
    name: str
    header_row: int
    columns: dict[str, int]
    headers: dict[int, str]
    rows: list[Row] = field(default_factory=list)
    read_columns: dict[str, tuple[list[Any], list[Any]]] = field(default_factory=dict)  # Importer._column's

    def has(self, key: str) -> bool:
        """Whether the file has this column."""
        return key in self.columns

    def value(self, row: Row, key: str) -> Any:
        """The cell of a row in a column (None if the file lacks the column or the cell is empty)."""
        index = self.columns.get(key)
        if index is None:
            return None
        try:
            value = row.cells[index]
        except IndexError:
            return None
        if value.__class__ is str and not value.strip():
            return None
        return value

    def header(self, key: str) -> tuple[str, int | None]:
        """The header as written in the file (or the canonical one) and its column index."""
        index = self.columns.get(key)
        if index is None:
            return self.spec.column(key).header, None
        return self.headers.get(index, self.spec.column(key).header), index


def _find_header(spec: schema.Sheet, rows: list[list[Any]]) -> tuple[int, int]:
    """(row index, matches) of the row among the first ones that names the most columns of the sheet."""
    index = schema.column_index(spec)
    best, best_count = -1, 0
    for number, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = len({index[key].key for cell in row if (key := schema.header_key(cell)) in index})
        if count > best_count:
            best, best_count = number, count
    return best, best_count


def _identify(raw: RawSheet) -> schema.Sheet | None:
    """The canonical sheet of a sheet: by its name, or (a CSV file named otherwise) by its headers."""
    found = schema.sheet_for(raw.name)
    if found is not None:
        return found
    scored = [(_find_header(spec, raw.rows)[1], spec) for spec in schema.SHEETS]
    count, spec = max(scored, key=lambda item: item[0])
    required = sum(1 for column in spec.columns if column.required)
    return spec if count >= max(2, required) else None


def bind(book: RawBook) -> tuple[dict[str, Binding], list[Problem]]:
    """Match the file's sheets and columns to the canonical workbook; problems for what is missing or unknown."""
    problems: list[Problem] = []
    bindings: dict[str, Binding] = {}
    identified: set[str] = set()
    first_name: dict[str, str] = {}

    def problem(
        severity: str, sheet: str, message: str, column: str = "", column_index: int | None = None
    ) -> None:
        problems.append(Problem(severity, sheet, None, column, column_index, "", message))

    for raw in book.sheets:
        if raw.name in (schema.GUIDE_SHEET, schema.CODE_LIST_SHEET, schema.REPORT_SHEET):
            continue  # the template's own guide and lists, and the report sheet of an annotated copy
        spec = _identify(raw)
        if spec is None:
            problem(
                Severity.WARNING,
                raw.name,
                _("Bỏ qua sheet “%(sheet)s”: không phải sheet nào của mẫu nhập (%(names)s).")
                % {"sheet": raw.name, "names": ", ".join(sheet.name for sheet in schema.SHEETS)},
            )
            continue
        if spec.key in identified:
            problem(
                Severity.ERROR,
                raw.name,
                _("Sheet “%(sheet)s” trùng với sheet “%(other)s” (cùng là sheet %(name)s).")
                % {"sheet": raw.name, "other": first_name[spec.key], "name": spec.name},
            )
            continue
        identified.add(spec.key)
        first_name[spec.key] = raw.name
        header_row, matches = _find_header(spec, raw.rows)
        if matches == 0:
            if any(any(cell is not None and cell != "" for cell in row) for row in raw.rows):
                problem(
                    Severity.ERROR,
                    raw.name,
                    _("Sheet “%(sheet)s”: không tìm thấy dòng tiêu đề cột trong %(n)s dòng đầu.")
                    % {"sheet": raw.name, "n": HEADER_SCAN_ROWS},
                )
            continue
        index = schema.column_index(spec)
        columns: dict[str, int] = {}
        headers: dict[int, str] = {}
        for position, cell in enumerate(raw.rows[header_row]):
            if cell is None or not str(cell).strip():
                continue
            text = normalize_spaces(str(cell))
            headers[position] = text
            column = index.get(schema.header_key(text))
            if column is None:
                if schema.header_key(text) not in ("stt", "tt", "sothutu"):
                    problem(
                        Severity.WARNING,
                        raw.name,
                        _("Bỏ qua cột “%(column)s”: không có trong mẫu nhập.") % {"column": text},
                        text,
                        position,
                    )
                continue
            if column.key in columns:
                problem(
                    Severity.ERROR,
                    raw.name,
                    _("Cột “%(column)s” và cột “%(other)s” cùng là cột “%(name)s”; hãy giữ một cột.")
                    % {"column": text, "other": headers[columns[column.key]], "name": column.header},
                    text,
                    position,
                )
                continue
            columns[column.key] = position
        missing = [column for column in spec.columns if column.required and column.key not in columns]
        if spec.person_ref and not (
            "ref_national_id" in columns or "ref_code" in columns or {"ref_name", "ref_birth"} <= set(columns)
        ):
            problem(
                Severity.ERROR,
                raw.name,
                _(
                    "Sheet “%(sheet)s” thiếu cột để nhận ra cán bộ: cần “Số định danh cá nhân”, hoặc “Số hiệu cán bộ”, "
                    "hoặc cả “Họ và tên” và “Ngày sinh”."
                )
                % {"sheet": raw.name},
            )
            continue
        if missing:
            for column in missing:
                if spec.key == "work" and column.key == "unit" and "unit_name" in columns:
                    continue  # the unit may be found by its name
                problem(
                    Severity.ERROR,
                    raw.name,
                    _("Sheet “%(sheet)s” thiếu cột bắt buộc “%(column)s”.")
                    % {"sheet": raw.name, "column": column.header},
                    column.header,
                )
            if any(not (spec.key == "work" and c.key == "unit" and "unit_name" in columns) for c in missing):
                continue
        rows = [
            Row(number=number + 1, cells=cells)
            for number, cells in enumerate(raw.rows)
            if number > header_row and any(cell is not None and cell != "" for cell in cells)
        ]
        for position, row in enumerate(rows):
            row.index = position
        bindings[spec.key] = Binding(spec, raw.name, header_row, columns, headers, rows)
    for key in schema.REQUIRED_SHEETS:
        if key not in identified and book.kind != "csv":
            problem(
                Severity.ERROR,
                "",
                _("Tệp không có sheet “%(sheet)s” (bắt buộc). Các sheet của mẫu nhập: %(names)s.")
                % {
                    "sheet": schema.SHEETS_BY_KEY[key].name,
                    "names": ", ".join(sheet.name for sheet in schema.SHEETS),
                },
            )
    if not identified and book.kind == "csv":
        problem(
            Severity.ERROR,
            "",
            _("Không nhận ra tệp CSV là sheet nào của mẫu nhập (%(names)s): hãy đặt tên tệp theo tên sheet.")
            % {"names": ", ".join(sheet.name for sheet in schema.SHEETS)},
        )
    return bindings, problems


@functools.lru_cache(maxsize=200_000)
def _name_key(name: str) -> str:
    """A name as compared when matching people: folded, single-spaced."""
    return fold(normalize_spaces(name))


def _term_key(name: str) -> str:
    """Terms match on their years ("2020–2025" = "2020 - 2025"), or on the folded name."""
    years = _YEARS.findall(name)
    if len(years) >= 2:
        return f"{years[0]}-{years[1]}"
    return re.sub(r"[^0-9a-z]+", "", fold(name))


_PeopleIndex = dict[str, dict[Any, list[tuple[int, Any, str, str]]]]
"""Stored persons by "national_id", "code" and "name" (folded name, birth date): (pk, home town id, folded
home-town text, national id)."""


@dataclass
class _PersonRef:
    """Keys that designate a person in a row of a child sheet."""

    national_id: str = ""
    code: str = ""
    name: str = ""
    birth: dt.date | None = None


class Importer:
    """Checks (and, when asked, writes) one workbook; see the module docstring."""

    def __init__(
        self,
        book: RawBook,
        *,
        actor: Any = None,
        write: bool = False,
        scope: OrgUnit | None = None,
        grants: Scope | None = None,
        job: ImportJob | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.book = book
        self.actor = actor
        self.write = write
        self.scope = scope
        # The uploader's grants for changes (web imports): every row's unit, and every stored person a row
        # changes, must lie in them. None: not restricted (the command line).
        self.grants = grants
        self._home_paths: dict[int, str | None] = {}
        self.job = job
        self._progress = progress or (lambda percent, phase: None)
        self.report = Report()
        self.cells = CellReader()
        self._columns: dict[tuple[str, str], tuple[list[Any], list[Any]]] = {}
        self.bindings: dict[str, Binding] = {}
        self.units: dict[str, OrgUnit] = {}
        self._unit_names: dict[str, list[OrgUnit]] | None = None
        self._unit_scope: dict[str, bool] = {}
        # People: the instances this run works with, and where to find them.
        self.people_by_pk: dict[int, Person] = {}
        self.file_people: dict[tuple[str, Any], list[tuple[int, Person]]] = defaultdict(list)
        self._db_people: _PeopleIndex | None = None
        self._stored_names: dict[int, str] = {}

    # --- running -------------------------------------------------------------------------------------

    @property
    def writing(self) -> bool:
        """Whether rows are being written: asked for, and no error found so far."""
        return self.write and self.report.error_count == 0

    def run(self) -> Report:
        """Check every sheet (writing them if asked and clean) and return the report."""
        with gc_paused():
            if not self.write:
                return self._run()
            with write_cache():
                return self._run()

    def _run(self) -> Report:
        self._progress(12, _("Đối chiếu tên sheet và tiêu đề cột"))
        self.bindings, problems = bind(self.book)
        self.report.problems.extend(problems)
        for binding in self.bindings.values():
            self.report.counts[binding.spec.key] = dict.fromkeys(COUNT_KEYS, 0)
            self.report.counts[binding.spec.key]["rows"] = len(binding.rows)
        if self.report.error_count == 0 or not self.write:
            steps: list[tuple[str, int, Callable[[Binding], None]]] = [
                ("units", 15, self._units),
                ("people", 22, self._people),
                ("work", 45, self._work),
                ("qualifications", 65, self._qualifications),
                ("memberships", 82, self._memberships),
                ("nominations", 88, self._nominations),
                ("ratings", 93, self._ratings),
                ("training", 95, self._training),
                ("planning", 96, self._planning),
            ]
            for sheet_key, percent, step in steps:
                found = self.bindings.get(sheet_key)
                if found is not None:
                    self._progress(percent, _("Kiểm tra sheet %(sheet)s") % {"sheet": found.spec.name})
                    step(found)
        order = {spec.name: position for position, spec in enumerate(schema.SHEETS)}
        order.update({binding.name: order[binding.spec.name] for binding in self.bindings.values()})
        self.report.problems.sort(key=lambda problem: problem.sort_key(order))
        self.report.written = self.write and self.report.error_count == 0
        self._progress(98, _("Hoàn tất"))
        return self.report

    # --- problems ------------------------------------------------------------------------------------

    def problem(
        self,
        binding: Binding,
        row: Row | None,
        key: str | None,
        message: str,
        *,
        severity: str = Severity.ERROR,
        value: Any = None,
    ) -> None:
        """Record a problem at a row and column (key None: the whole row)."""
        header, index = binding.header(key) if key else ("", None)
        if value is None and key and row is not None:
            value = binding.value(row, key)
        self.report.problems.append(
            Problem(severity, binding.name, row.number if row else None, header, index, shown(value), message)
        )

    def _service_errors(
        self,
        binding: Binding,
        rows: Sequence[Row],
        result: BulkResult[Any],
        field_columns: Mapping[str, str | None],
        skip: Sequence[set[str]],
    ) -> None:
        """Turn a bulk result's errors into problems at the right columns; count the rows' statuses."""
        for index, errors in result.errors.items():
            row = rows[index]
            for name, messages in errors.items():
                key = field_columns.get(name, name if binding.spec.by_key.get(name) else None)
                if key in skip[index]:
                    continue  # the cell itself was already reported
                for message in dict.fromkeys(messages):
                    self.problem(binding, row, key, message)
        counts = self.report.counts[binding.spec.key]
        for status in result.statuses:
            counts[_STATUS_COUNT[status]] += 1

    def _count_invalid(self, binding: Binding, count: int) -> None:
        self.report.counts[binding.spec.key]["invalid"] += count

    # --- reading cells -------------------------------------------------------------------------------

    def read(self, binding: Binding, row: Row, key: str, bad: set[str], *, new: bool = True) -> Any:
        """The value of a cell read by its column's kind; None when empty or unreadable (then reported)."""
        raws, values = self._column(binding, key)
        raw = raws[row.index]
        if raw is None:
            column = binding.spec.column(key)
            if column.required and new and key in binding.columns:
                self.problem(binding, row, key, _("Chưa nhập “%(column)s”.") % {"column": column.header})
                bad.add(key)
            return None
        value = values[row.index]
        if isinstance(value, CellError):
            self.problem(binding, row, key, value.message, value=raw)
            bad.add(key)
            return None
        return value

    def read_into(
        self,
        binding: Binding,
        row: Row,
        keys: Sequence[str],
        data: dict[str, Any],
        bad: set[str],
        *,
        new: bool = True,
    ) -> None:
        """read() of several columns of a row, each value found stored in data under its key.

        The same checks and problems as read(), with the columns looked up once per sheet rather than
        once per cell (a province's workbook has 2.7 million cells to read).
        """
        index = row.index
        columns = binding.read_columns
        for key in keys:
            found = columns.get(key)
            if found is None:
                found = columns[key] = self._column(binding, key)
            value = found[1][index]
            if value is None:
                if found[0][index] is None:
                    column = binding.spec.column(key)
                    if column.required and new and key in binding.columns:
                        self.problem(
                            binding, row, key, _("Chưa nhập “%(column)s”.") % {"column": column.header}
                        )
                        bad.add(key)
                continue
            if isinstance(value, CellError):
                self.problem(binding, row, key, value.message, value=found[0][index])
                bad.add(key)
                continue
            data[key] = value

    def _column(self, binding: Binding, key: str) -> tuple[list[Any], list[Any]]:
        """A whole column read at once: each row's cell (None when empty) and its value or CellError.

        Each distinct cell value is read once per column; reading column by column rather than cell by
        cell takes the per-cell calls out of a province's 2.7 million reads.
        """
        found = self._columns.get((binding.name, key))
        if found is not None:
            return found
        position = binding.columns.get(key)
        raws: list[Any] = []
        if position is None:
            raws = [None] * len(binding.rows)
        else:
            for row in binding.rows:
                cells = row.cells
                cell: Any = cells[position] if position < len(cells) else None
                raws.append(None if cell.__class__ is str and not cell.strip() else cell)
        column = binding.spec.column(key)
        read: dict[tuple[type, Any], Any] = {}
        values: list[Any] = []
        for raw in raws:
            if raw is None:
                values.append(None)
                continue
            memo = (raw.__class__, raw)
            value = read.get(memo, read)
            if value is read:
                try:
                    value = self._read_cell(column, raw)
                except CellError as exc:
                    value = exc
                read[memo] = value
            values.append(value)
        found = self._columns[(binding.name, key)] = (raws, values)
        return found

    def _read_cell(self, column: schema.Column, raw: Any) -> Any:
        kind = column.kind
        if kind in (schema.TEXT, schema.PLACE, schema.PLACE_CODE):
            return self.cells.text(raw) or None
        if kind == schema.DATE:
            return self.cells.date(raw, future=column.future)
        if kind == schema.PARTIAL:
            return self.cells.partial(raw, future=column.future)
        if kind == schema.START:
            return self.cells.period_start(raw, future=column.future)
        if kind == schema.END:
            return self.cells.period_end(raw)
        if kind == schema.CHOICE:
            return self.cells.choice(column.choices, raw)
        if kind == schema.BOOL:
            return self.cells.boolean(raw)
        if kind == schema.INT:
            return self.cells.integer(raw)
        if kind == schema.YEAR:
            return self.cells.year(raw)
        if kind == schema.DECIMAL:
            return self.cells.decimal(raw)
        if kind == schema.NATIONAL_ID:
            return self.cells.national_id(raw) or None
        raise ValueError(kind)

    # --- places --------------------------------------------------------------------------------------

    def _places(self, texts: Iterable[str]) -> dict[str, Place]:
        found = locality_search_many(texts=[text for text in texts if text])
        return {text: place_from_search(result) for text, result in found.items()}

    def _place(
        self,
        binding: Binding,
        row: Row,
        text_key: str,
        code_key: str,
        places: dict[str, Place],
        bad: set[str],
    ) -> Locality | None:
        """The unit of a place: by its code if given, else by its text (ambiguous or unknown: a warning)."""
        code = binding.value(row, code_key)
        if code is not None:
            try:
                return locality_by_code(self.cells.text(code))
            except ValueError as exc:
                self.problem(binding, row, code_key, str(exc))
                bad.add(code_key)
                return None
        text = self.cells.text(binding.value(row, text_key))
        if not text:
            return None
        place = places[text]
        if place.warning:
            self.problem(binding, row, text_key, place.warning, severity=Severity.WARNING)
        return place.locality

    # --- units ---------------------------------------------------------------------------------------

    def _load_units(self) -> None:
        if not self.units:
            self.units = {unit.code: unit for unit in OrgUnit.objects.select_related("locality")}

    def _unit_in_scope(self, unit: OrgUnit) -> bool:
        if self.scope is None:
            return True
        if unit.pk is not None and unit.path:
            return unit.path.startswith(self.scope.path)
        return self._unit_scope.get(unit.code, False)

    def _units(self, binding: Binding) -> None:
        self._load_units()
        places = self._places(self.cells.text(binding.value(row, "locality")) for row in binding.rows)
        parsed: dict[str, tuple[Row, dict[str, Any], str, set[str]]] = {}
        for row in binding.rows:
            bad: set[str] = set()
            code = self.cells.text(binding.value(row, "code"))
            if not code:
                self.problem(binding, row, "code", _("Chưa nhập mã đơn vị."))
                self._count_invalid(binding, 1)
                continue
            if code in parsed:
                self.problem(
                    binding,
                    row,
                    "code",
                    _("Mã đơn vị trùng với dòng %(row)s.") % {"row": parsed[code][0].number},
                )
                self._count_invalid(binding, 1)
                continue
            new = code not in self.units
            data: dict[str, Any] = {"code": code}
            for key in (
                "name",
                "short_name",
                "level",
                "sector",
                "kind",
                "position",
                "valid_from",
                "valid_to",
            ):
                value = self.read(binding, row, key, bad, new=new)
                if value is not None:
                    data[key] = value
            locality = self._place(binding, row, "locality", "locality_code", places, bad)
            if locality is not None:
                data["locality"] = locality
            parent = self.cells.text(binding.value(row, "parent"))
            parsed[code] = (row, data, parent, bad)
        # Parents first: a unit is checked (and created) after the unit it belongs to.
        order: list[str] = []
        state: dict[str, int] = {}

        def visit(code: str, trail: tuple[str, ...]) -> None:
            if state.get(code) == 2:
                return
            if state.get(code) == 1:
                row = parsed[code][0]
                self.problem(
                    binding,
                    row,
                    "parent",
                    _("Đơn vị cấp trên tạo thành vòng lặp: %(chain)s.")
                    % {"chain": " → ".join((*trail, code))},
                )
                parsed[code][3].add("parent")
                return
            state[code] = 1
            parent = parsed[code][2]
            if parent in parsed:
                visit(parent, (*trail, code))
            state[code] = 2
            order.append(code)

        for code in parsed:
            visit(code, ())
        statuses: dict[str, str] = {}
        checked: dict[str, OrgUnit] = {}
        for code in order:
            row, data, parent_code, bad = parsed[code]
            existing = self.units.get(code)
            if parent_code:
                parent_unit = checked.get(parent_code) or self.units.get(parent_code)
                if parent_unit is None:
                    self.problem(
                        binding,
                        row,
                        "parent",
                        _("Không có đơn vị cấp trên mã “%(code)s” trong sheet Đơn vị hay trong hệ thống.")
                        % {"code": parent_code},
                    )
                    bad.add("parent")
                else:
                    data["parent"] = parent_unit
            elif existing is None and binding.has("parent"):
                data["parent"] = None
            unit = copy.copy(existing) if existing is not None else OrgUnit()
            before = _unit_values(unit) if existing is not None else None
            for name, value in data.items():
                setattr(unit, name, value)
            self._unit_scope[code] = self._scope_of(unit)
            if not self._unit_scope[code]:
                self.problem(
                    binding,
                    row,
                    "code",
                    _("Đơn vị “%(code)s” nằm ngoài phạm vi đơn vị %(scope)s của lượt nhập này.")
                    % {"code": code, "scope": self.scope.code if self.scope else ""},
                )
                bad.add("code")
            elif not self._granted(unit):
                self.problem(binding, row, "code", self._outside_grants(code))
                bad.add("code")
            errors = unit_check(unit=unit)
            for name, messages in errors.items():
                column_key = name if name in binding.spec.by_key else None
                if column_key in bad:
                    continue
                for message in messages:
                    self.problem(binding, row, column_key, message)
            checked[code] = unit
            if errors or bad:
                statuses[code] = BULK_INVALID
            elif before is None:
                statuses[code] = BULK_CREATED
            else:
                statuses[code] = BULK_UPDATED if _unit_values(unit) != before else BULK_UNCHANGED
        counts = self.report.counts[binding.spec.key]
        for status in statuses.values():
            counts[_STATUS_COUNT[status]] += 1
        if self.writing:
            saved: dict[str, OrgUnit] = {}
            # New units go in one batch per level of the new subtrees (a batch's parents are saved by then);
            # changed units follow one by one (a move re-paths the unit's subtree, new units included).
            created = [code for code in order if statuses[code] == BULK_CREATED]
            generation: dict[str, int] = {}
            for code in created:
                parent_code = parsed[code][2]
                generation[code] = generation[parent_code] + 1 if parent_code in generation else 0
            for level in sorted(set(generation.values())):
                codes = [code for code in created if generation[code] == level]
                rows = []
                for code in codes:
                    _row, data, parent_code, _bad = parsed[code]
                    if data.get("parent") is not None:
                        data["parent"] = saved.get(parent_code) or self.units[parent_code]
                    rows.append(data)
                try:
                    saved.update(zip(codes, units_create_many(actor=self.actor, rows=rows), strict=True))
                except ValidationError as exc:
                    self._unit_write_failed(binding, parsed[codes[0]][0], exc)
                    return
            for code in order:
                row, data, parent_code, _bad = parsed[code]
                if statuses[code] == BULK_CREATED:
                    continue
                if statuses[code] != BULK_UPDATED:
                    saved[code] = self.units[code]
                    continue
                if data.get("parent") is not None:
                    data["parent"] = saved.get(parent_code) or self.units[parent_code]
                try:
                    saved[code] = unit_update(actor=self.actor, unit=self.units[code], data=data)
                except ValidationError as exc:
                    self._unit_write_failed(binding, row, exc)
                    return
            self.units.update(saved)
        else:
            self.units.update(checked)
        self._unit_names = None

    def _unit_write_failed(self, binding: Binding, row: Row, exc: ValidationError) -> None:
        """Report what the database-side checks of a unit's write refused (the checks above let it through)."""
        for name, messages in exc.message_dict.items():
            for message in messages:
                self.problem(binding, row, name if name in binding.spec.by_key else None, message)

    def _scope_of(self, unit: OrgUnit) -> bool:
        if self.scope is None:
            return True
        node: OrgUnit | None = unit
        while node is not None:
            if node.pk == self.scope.pk or (node.pk is not None and node.path.startswith(self.scope.path)):
                return True
            if node.pk is None and node.code in self._unit_scope:
                return self._unit_scope[node.code]
            node = node.parent if node.parent_id or _cached_parent(node) else None
        return False

    def _unit_for(self, binding: Binding, row: Row, bad: set[str], code_key: str = "unit") -> OrgUnit | None:
        """The unit a row names by code (sheet Đơn vị or database), or else by its exact name."""
        self._load_units()
        code = self.cells.text(binding.value(row, code_key))
        if code:
            unit = self.units.get(code)
            if unit is None:
                self.problem(
                    binding,
                    row,
                    code_key,
                    _("Không có đơn vị mã “%(code)s” trong sheet Đơn vị hay trong hệ thống.")
                    % {"code": code},
                )
                bad.add(code_key)
                return None
        else:
            name = self.cells.text(binding.value(row, "unit_name")) if binding.has("unit_name") else ""
            if not name:
                self.problem(binding, row, code_key, _("Chưa nhập mã đơn vị."))
                bad.add(code_key)
                return None
            if self._unit_names is None:
                self._unit_names = defaultdict(list)
                for candidate in self.units.values():
                    self._unit_names[_name_key(candidate.name)].append(candidate)
            found = self._unit_names.get(_name_key(name), [])
            if len(found) != 1:
                message = (
                    _("Không có đơn vị tên “%(name)s”; hãy ghi mã đơn vị.")
                    if not found
                    else _("Có %(n)s đơn vị tên “%(name)s”; hãy ghi mã đơn vị.")
                )
                self.problem(binding, row, "unit_name", message % {"name": name, "n": len(found)})
                bad.add("unit")
                return None
            unit = found[0]
        if not self._unit_in_scope(unit):
            self.problem(
                binding,
                row,
                code_key,
                _("Đơn vị “%(code)s” nằm ngoài phạm vi đơn vị %(scope)s của lượt nhập này.")
                % {"code": unit.code, "scope": self.scope.code if self.scope else ""},
            )
            bad.add(code_key)
            return None
        if not self._granted(unit):
            self.problem(binding, row, code_key, self._outside_grants(unit.code))
            bad.add(code_key)
            return None
        return unit

    # --- the uploader's grants -----------------------------------------------------------------------

    def _granted(self, unit: OrgUnit) -> bool:
        """Whether a unit (saved, or new in this file under a saved one) lies in the uploader's grants."""
        if self.grants is None or self.grants.everything:
            return True
        node: OrgUnit | None = unit
        while node is not None:
            if node.pk is not None:
                return self.grants.covers(node.path)
            # A new unit lies where its parent lies (a new root unit: nowhere a unit grant reaches).
            node = node.parent if _cached_parent(node) else None
        return False

    @staticmethod
    def _outside_grants(code: str) -> str:
        return _("Đơn vị “%(code)s” nằm ngoài phạm vi bạn được phân quyền.") % {"code": code}

    def _load_home_paths(self, pks: Iterable[int]) -> None:
        """The unit path each stored person belongs to (their latest main post, else the managing unit)."""
        if self.grants is None or self.grants.everything:
            return
        missing = sorted({pk for pk in pks if pk not in self._home_paths})
        for batch in chunked(missing):
            self._home_paths.update(
                Person.objects.filter(pk__in=batch)
                .annotate(home_path=person_home_path())
                .values_list("pk", "home_path")
            )

    def _person_granted(self, pk: int) -> bool:
        """Whether a stored person belongs to a unit in the uploader's grants."""
        if self.grants is None or self.grants.everything:
            return True
        self._load_home_paths([pk])
        return self.grants.covers(self._home_paths.get(pk))

    # --- people --------------------------------------------------------------------------------------

    def _load_people_index(self) -> _PeopleIndex:
        """Every stored person's keys: national id, code, and (name, birth date) with the home town."""
        if self._db_people is None:
            index: _PeopleIndex = {
                "national_id": defaultdict(list),
                "code": defaultdict(list),
                "name": defaultdict(list),
            }
            rows = Person.objects.values_list(
                "pk", "national_id", "code", "full_name", "birth_date", "home_town_id", "home_town_text"
            )
            for pk, national_id, code, name, birth, home_id, home_text in rows.iterator(chunk_size=5000):
                entry = (pk, home_id, fold(home_text), national_id or "")
                self._stored_names[pk] = name
                if national_id:
                    index["national_id"][national_id].append(entry)
                if code:
                    index["code"][code].append(entry)
                index["name"][(_name_key(name), birth)].append(entry)
            self._db_people = index
        return self._db_people

    def _fetch_people(self, pks: Iterable[int]) -> None:
        """Load stored persons not yet in hand, in a few queries."""
        missing = sorted({pk for pk in pks if pk not in self.people_by_pk})
        for batch in chunked(missing):
            self.people_by_pk.update(Person.objects.in_bulk(batch))

    def _people(self, binding: Binding) -> None:
        index = self._load_people_index()
        texts: set[str] = set()
        for row in binding.rows:
            for key in ("birthplace", "home_town"):
                texts.add(self.cells.text(binding.value(row, key)))
        places = self._places(texts)
        latest_posts = self._latest_main_posts()
        derived: dict[int, OrgUnit] = {}
        parsed: list[tuple[Row, dict[str, Any], set[str], int | None]] = []
        seen: dict[tuple[str, Any], Row] = {}
        claimed: dict[int, Row] = {}
        plain_fields = (
            "code",
            "full_name",
            "other_names",
            "sex",
            "ethnicity",
            "religion",
            "permanent_address",
            "current_address",
            "national_id",
            "national_id_issued_on",
            "social_insurance_no",
            "staff_category",
            "occupation_at_recruitment",
            "recruited_on",
            "recruiting_agency",
            "general_education",
            "party_joined_on",
            "party_official_on",
            "mass_org_joined",
            "army_service",
            "honorary_title",
            "strengths",
            "health",
            "notes",
        )
        for row in binding.rows:
            bad: set[str] = set()
            national_id = self.cells.national_id(binding.value(row, "national_id"))
            code = self.cells.text(binding.value(row, "code"))
            name = self.cells.text(binding.value(row, "full_name"))
            home_text = self.cells.text(binding.value(row, "home_town"))
            home = self._place(binding, row, "home_town", "home_town_code", places, bad)
            birth_value = None
            if binding.value(row, "birth_date") is not None:
                try:
                    birth_value = self.cells.partial(binding.value(row, "birth_date"))
                except CellError:
                    birth_value = None
            birth = birth_value[0] if birth_value else None
            existing = self._match_person(
                binding, row, index, national_id, code, name, birth, home, home_text
            )
            if existing is not None and existing in claimed:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này và dòng %(row)s cùng là một cán bộ đã có trong hệ thống.")
                    % {"row": claimed[existing].number},
                )
                self._count_invalid(binding, 1)
                continue
            duplicate = self._duplicate_in_file(
                binding, row, seen, national_id, code, name, birth, home, home_text
            )
            if duplicate:
                self._count_invalid(binding, 1)
                continue
            if existing is not None:
                claimed[existing] = row
            new = existing is None
            data: dict[str, Any] = {}
            managing, explicit = self._managing_unit(
                binding, row, bad, latest_posts, national_id, code, name, birth
            )
            if managing is not None and (explicit or existing is None):
                data["managing_unit"] = managing
            elif managing is not None:
                derived[len(parsed)] = managing  # kept only if the stored person has none
            if (
                existing is None
                and managing is None
                and "managing_unit" not in bad
                and self.grants is not None
                and not self.grants.everything
            ):
                self.problem(
                    binding,
                    row,
                    "managing_unit",
                    _(
                        "Chưa rõ cán bộ thuộc đơn vị nào: hãy ghi “Đơn vị quản lý hồ sơ” (mã đơn vị trong phạm vi "
                        "bạn được phân quyền) hoặc ghi chức vụ của cán bộ ở sheet Quá trình công tác."
                    ),
                )
                bad.add("managing_unit")
            self.read_into(binding, row, plain_fields, data, bad, new=new)
            birth_read = self.read(binding, row, "birth_date", bad, new=new)
            if birth_read is not None:
                data["birth_date"], data["birth_date_precision"] = birth_read
            if home is not None:
                data["home_town"] = home
            if home_text:
                data["home_town_text"] = home_text
            birthplace_text = self.cells.text(binding.value(row, "birthplace"))
            birthplace = self._place(binding, row, "birthplace", "birthplace_code", places, bad)
            if birthplace is not None:
                data["birthplace"] = birthplace
            if birthplace_text:
                data["birthplace_text"] = birthplace_text
            parsed.append((row, data, bad, existing))
        self._fetch_people(pk for _row, _data, _bad, pk in parsed if pk is not None)
        self._load_home_paths(pk for _row, _data, _bad, pk in parsed if pk is not None)
        for position, unit in derived.items():
            pk = parsed[position][3]
            if pk is not None and self.people_by_pk[pk].managing_unit_id is None:
                parsed[position][1]["managing_unit"] = unit
        for row, _data, bad, pk in parsed:
            if pk is not None and not self._person_granted(pk):
                self.problem(
                    binding,
                    row,
                    None,
                    _(
                        "Cán bộ này đã có trong hệ thống và thuộc đơn vị nằm ngoài phạm vi bạn được phân quyền."
                    ),
                )
                bad.add("full_name")
        rows = [(self.people_by_pk[pk] if pk is not None else None, data) for _row, data, _bad, pk in parsed]
        result = persons_upsert(actor=self.actor, rows=rows, write=self.writing)
        for position, (_row, _data, bad, _pk) in enumerate(parsed):
            if bad & {"managing_unit", "full_name"}:
                result.statuses[position] = BULK_INVALID  # a unit or scope problem found above
        field_columns = {
            "birth_date_precision": "birth_date",
            "birthplace_text": "birthplace",
            "home_town_text": "home_town",
        }
        self._service_errors(binding, [p[0] for p in parsed], result, field_columns, [p[2] for p in parsed])
        for (row, _data, _bad, _pk), person in zip(parsed, result.instances, strict=True):
            if person.pk is not None:
                self.people_by_pk[person.pk] = person
            for person_key in self._person_keys(person):
                self.file_people[person_key].append((row.number, person))

    def _latest_main_posts(self) -> dict[tuple[str, Any], tuple[dt.date, str]]:
        """The unit code of each person's latest main post in the sheet Quá trình công tác, by person key.

        Keys are ("national_id", id), ("code", code) and ("name", (folded name, birth date)), as the rows of
        that sheet name their person; rows with an unreadable start, no unit code or marked concurrent are
        skipped (the sheet's own check reports them).
        """
        work = self.bindings.get("work")
        latest: dict[tuple[str, Any], tuple[dt.date, str]] = {}
        if work is None or not work.has("unit"):
            return latest
        for row, ref in zip(work.rows, self._refs(work), strict=True):
            unit_code = self.cells.text(work.value(row, "unit"))
            raw_start = work.value(row, "valid_from")
            if not unit_code or raw_start is None:
                continue
            try:
                start = self.cells.period_start(raw_start)
                concurrent = work.value(row, "is_concurrent")
                if concurrent is not None and self.cells.boolean(concurrent):
                    continue
            except CellError:
                continue
            keys: list[tuple[str, Any]] = []
            if ref.national_id:
                keys.append(("national_id", ref.national_id))
            if ref.code:
                keys.append(("code", ref.code))
            if ref.name and ref.birth:
                keys.append(("name", (_name_key(ref.name), ref.birth)))
            for key in keys:
                if key not in latest or latest[key][0] <= start:
                    latest[key] = (start, unit_code)
        return latest

    def _managing_unit(
        self,
        binding: Binding,
        row: Row,
        bad: set[str],
        latest_posts: dict[tuple[str, Any], tuple[dt.date, str]],
        national_id: str,
        code: str,
        name: str,
        birth: dt.date | None,
    ) -> tuple[OrgUnit | None, bool]:
        """The unit keeping a person's dossier, and whether the file names it: the column Đơn vị quản lý hồ sơ,
        else the unit of the person's latest main post in this file (None when the file gives neither).

        A unit written in the column is stored; a blank cell of the column keeps the stored value (or, for a
        new person, means "not known"), as everywhere else. Only a file without the column gets the unit
        from the work history, and then only to fill a person's empty managing unit (a file may carry only
        some of a person's posts).
        """
        if binding.has("managing_unit"):
            if binding.value(row, "managing_unit") is None:
                return None, False
            return self._unit_for(binding, row, bad, code_key="managing_unit"), True
        keys: list[tuple[str, Any]] = []
        if national_id:
            keys.append(("national_id", national_id))
        if code:
            keys.append(("code", code))
        if name and birth:
            keys.append(("name", (_name_key(name), birth)))
        for key in keys:
            found = latest_posts.get(key)
            if found is not None:
                # An unknown or out-of-scope unit is reported on the work-history row that names it.
                unit = self.units.get(found[1])
                if unit is None or not self._unit_in_scope(unit) or not self._granted(unit):
                    return None, False
                return unit, False
        return None, False

    @staticmethod
    def _person_keys(person: Person) -> list[tuple[str, Any]]:
        keys: list[tuple[str, Any]] = [("name", (_name_key(person.full_name), person.birth_date))]
        if person.national_id:
            keys.append(("national_id", person.national_id))
        if person.code:
            keys.append(("code", person.code))
        return keys

    def _match_person(
        self,
        binding: Binding,
        row: Row,
        index: _PeopleIndex,
        national_id: str,
        code: str,
        name: str,
        birth: dt.date | None,
        home: Locality | None,
        home_text: str,
    ) -> int | None:
        """The stored person a row of Cán bộ is: by national id, else code, else name + birth date + home town."""
        if national_id and index["national_id"].get(national_id):
            pk = index["national_id"][national_id][0][0]
            self._warn_other_name(binding, row, pk, name)
            return pk
        if code and index["code"].get(code):
            return index["code"][code][0][0]
        if not name or birth is None:
            return None
        candidates = [
            entry
            for entry in index["name"].get((_name_key(name), birth), [])
            if not (national_id and entry[3] and entry[3] != national_id)  # another id: another person
        ]
        same_home = [
            pk
            for pk, home_id, stored_text, _id in candidates
            if (home is not None and home_id == home.pk) or (home_text and stored_text == fold(home_text))
        ]
        if len(same_home) == 1:
            return same_home[0]
        if candidates:
            self.problem(
                binding,
                row,
                "full_name",
                _(
                    "Có thể trùng với %(n)s cán bộ đã có cùng họ tên và ngày sinh (mã %(ids)s) nhưng khác quê quán; "
                    "dòng này sẽ tạo cán bộ mới. Nếu là cùng một người, hãy ghi số định danh cá nhân."
                )
                % {"n": len(candidates), "ids": ", ".join(str(c[0]) for c in candidates[:5])},
                severity=Severity.WARNING,
            )
        return None

    def _warn_other_name(self, binding: Binding, row: Row, pk: int, name: str) -> None:
        if not name:
            return
        stored = self._stored_names[pk]  # read with the index: no query per row
        if _name_key(stored) != _name_key(name):
            self.problem(
                binding,
                row,
                "full_name",
                _(
                    "Số định danh cá nhân này là của cán bộ “%(stored)s” đã có; họ tên sẽ được sửa thành “%(name)s”."
                )
                % {"stored": stored, "name": name},
                severity=Severity.WARNING,
            )

    def _duplicate_in_file(
        self,
        binding: Binding,
        row: Row,
        seen: dict[tuple[str, Any], Row],
        national_id: str,
        code: str,
        name: str,
        birth: dt.date | None,
        home: Locality | None,
        home_text: str,
    ) -> bool:
        """Report a row that repeats an earlier row's person (an error) or may repeat it (a warning)."""
        keys: list[tuple[tuple[str, Any], str, str]] = []
        if national_id:
            keys.append(
                (
                    ("national_id", national_id),
                    "national_id",
                    _("Trùng số định danh cá nhân với dòng %(row)s."),
                )
            )
        if code:
            keys.append((("code", code), "code", _("Trùng số hiệu cán bộ với dòng %(row)s.")))
        home_key = home.pk if home is not None else fold(home_text)
        if name and birth and not national_id and not code:
            keys.append(
                (
                    ("person", (_name_key(name), birth, home_key)),
                    "full_name",
                    _("Trùng với dòng %(row)s (cùng họ tên, ngày sinh và quê quán).")
                    + " "
                    + _("Nếu là hai người khác nhau, hãy ghi số định danh cá nhân."),
                )
            )
        for key, column, message in keys:
            if key in seen:
                self.problem(binding, row, column, message % {"row": seen[key].number})
                return True
        for key, _column, _message in keys:
            seen[key] = row
        if name and birth:
            maybe = ("maybe", (_name_key(name), birth))
            if maybe in seen:
                self.problem(
                    binding,
                    row,
                    "full_name",
                    _("Có thể trùng với dòng %(row)s (cùng họ tên và ngày sinh).")
                    % {"row": seen[maybe].number},
                    severity=Severity.WARNING,
                )
            else:
                seen[maybe] = row
        return False

    # --- the person of a row in a child sheet --------------------------------------------------------

    def _refs(self, binding: Binding) -> list[_PersonRef]:
        refs = []
        for row in binding.rows:
            birth = None
            raw_birth = binding.value(row, "ref_birth")
            if raw_birth is not None:
                try:
                    birth = self.cells.partial(raw_birth)[0]
                except CellError:
                    birth = None
            refs.append(
                _PersonRef(
                    national_id=self.cells.national_id(binding.value(row, "ref_national_id")),
                    code=self.cells.text(binding.value(row, "ref_code")),
                    name=self.cells.text(binding.value(row, "ref_name")),
                    birth=birth,
                )
            )
        return refs

    def _people_for(self, binding: Binding) -> list[Person | None]:
        """The person of each row of a child sheet (the sheet Cán bộ first, then the database); None if not found."""
        index = self._load_people_index()
        refs = self._refs(binding)
        wanted: list[int] = []
        for ref in refs:
            for kind, key in (("national_id", ref.national_id), ("code", ref.code)):
                if key and not self.file_people.get((kind, key)):
                    wanted.extend(entry[0] for entry in index[kind].get(key, ())[:1])
            if ref.name and ref.birth and not ref.national_id and not ref.code:
                found = index["name"].get((_name_key(ref.name), ref.birth), [])
                if len(found) == 1:
                    wanted.append(found[0][0])
        self._fetch_people(wanted)
        self._load_home_paths(wanted)
        people: list[Person | None] = []
        for row, ref in zip(binding.rows, refs, strict=True):
            people.append(self._person_of(binding, row, ref, index))
        return people

    def _person_of(self, binding: Binding, row: Row, ref: _PersonRef, index: _PeopleIndex) -> Person | None:
        for kind, key, column in (
            ("national_id", ref.national_id, "ref_national_id"),
            ("code", ref.code, "ref_code"),
        ):
            if not key:
                continue
            in_file = self.file_people.get((kind, key))
            if in_file:
                if not self._usable(binding, row, *in_file[0]):
                    return None
                person = in_file[0][1]
            elif index[kind].get(key):
                person = self.people_by_pk[index[kind][key][0][0]]
                if not self._stored_person_granted(binding, row, person, column):
                    return None
            else:
                message = (
                    _("Không có cán bộ số định danh “%(key)s” trong sheet Cán bộ hay trong hệ thống.")
                    if kind == "national_id"
                    else _("Không có cán bộ số hiệu “%(key)s” trong sheet Cán bộ hay trong hệ thống.")
                )
                self.problem(binding, row, column, message % {"key": key})
                return None
            if ref.name and _name_key(ref.name) != _name_key(person.full_name):
                self.problem(
                    binding,
                    row,
                    "ref_name",
                    _("Họ tên “%(name)s” khác họ tên của cán bộ mang số này (“%(stored)s”).")
                    % {"name": ref.name, "stored": person.full_name},
                    severity=Severity.WARNING,
                )
            return person
        if not (ref.name and ref.birth):
            self.problem(
                binding,
                row,
                None,
                _(
                    "Không xác định được cán bộ: hãy ghi số định danh cá nhân, hoặc số hiệu cán bộ, "
                    "hoặc họ tên và ngày sinh."
                ),
            )
            return None
        name_key = (_name_key(ref.name), ref.birth)
        in_file = self.file_people.get(("name", name_key), [])
        if len(in_file) == 1:
            return in_file[0][1] if self._usable(binding, row, *in_file[0]) else None
        if len(in_file) > 1:
            self.problem(
                binding,
                row,
                "ref_name",
                _(
                    "Sheet Cán bộ có %(n)s người cùng họ tên và ngày sinh này (dòng %(rows)s); hãy ghi số định danh cá nhân."
                )
                % {"n": len(in_file), "rows": ", ".join(str(number) for number, _p in in_file)},
            )
            return None
        stored = index["name"].get(name_key, [])
        if len(stored) == 1:
            person = self.people_by_pk[stored[0][0]]
            return person if self._stored_person_granted(binding, row, person, "ref_name") else None
        if stored:
            self.problem(
                binding,
                row,
                "ref_name",
                _("Hệ thống có %(n)s cán bộ cùng họ tên và ngày sinh này; hãy ghi số định danh cá nhân.")
                % {"n": len(stored)},
            )
            return None
        self.problem(
            binding,
            row,
            "ref_name",
            _("Không có cán bộ “%(name)s”, sinh %(birth)s, trong sheet Cán bộ hay trong hệ thống.")
            % {"name": ref.name, "birth": format_partial(ref.birth)},
        )
        return None

    def _stored_person_granted(self, binding: Binding, row: Row, person: Person, column: str) -> bool:
        """Whether a stored person a row changes lies in the uploader's grants (else the row is an error)."""
        if self._person_granted(person.pk):
            return True
        self.problem(
            binding,
            row,
            column,
            _("Cán bộ “%(name)s” thuộc đơn vị nằm ngoài phạm vi bạn được phân quyền.")
            % {"name": person.full_name},
        )
        return False

    def _usable(self, binding: Binding, row: Row, number: int, person: Person) -> bool:
        """Whether a person of the sheet Cán bộ can anchor other rows (its birth date was readable)."""
        if isinstance(person.birth_date, dt.date):
            return True
        self.problem(
            binding,
            row,
            None,
            _("Cán bộ của dòng này có lỗi ở sheet Cán bộ (dòng %(row)s); hãy sửa dòng đó trước.")
            % {"row": number},
        )
        return False

    def _existing(
        self, model: type[Any], people: Iterable[Person | None], related: Sequence[str] = ()
    ) -> list[Any]:
        """Stored rows of a child model for the stored persons among people (one query per 5,000 persons)."""
        pks = sorted({person.pk for person in people if person is not None and person.pk is not None})
        found: list[Any] = []
        for batch in chunked(pks):
            query = model.objects.filter(person_id__in=batch)
            if related:
                query = query.select_related(*related)
            found.extend(query)
        for item in found:
            person = self.people_by_pk.get(item.person_id)
            if person is not None:
                item.person = person
        return found

    @staticmethod
    def _match_stored(
        keyed: Sequence[tuple[Any, ...]], primary: dict[Any, list[Any]], secondary: dict[Any, list[Any]]
    ) -> list[Any]:
        """The stored row each file row corrects: by its natural key, else by a looser key naming one row on both sides.

        keyed items end with (natural key, loose key); a stored row is given to one file row at most.
        """
        chosen: list[Any] = [None] * len(keyed)
        used: set[int] = set()
        for position, item in enumerate(keyed):
            for stored in primary.get(item[-2], ()):
                if stored.pk not in used:
                    chosen[position] = stored
                    used.add(stored.pk)
                    break
        loose_count: dict[Any, int] = defaultdict(int)
        for item in keyed:
            loose_count[item[-1]] += 1
        for position, item in enumerate(keyed):
            if chosen[position] is not None or loose_count[item[-1]] != 1:
                continue
            candidates = [stored for stored in secondary.get(item[-1], ()) if stored.pk not in used]
            if len(candidates) == 1 and len(secondary.get(item[-1], ())) == 1:
                chosen[position] = candidates[0]
                used.add(candidates[0].pk)
        return chosen

    # --- work history --------------------------------------------------------------------------------

    def _work(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            unit = self._unit_for(binding, row, bad)
            data: dict[str, Any] = {}
            self.read_into(binding, row, _WORK_FIELDS, data, bad)
            # A start or end written as a month or a year keeps that precision (form 2C prints "03/2015").
            if "valid_from" in data:
                data["valid_from_precision"] = self.cells.partial(binding.value(row, "valid_from"))[1]
            if "valid_to" in data:
                data["valid_to_precision"] = self.cells.partial(binding.value(row, "valid_to"), future=True)[
                    1
                ]
            category = self.read(binding, row, "management_category", bad)
            title = data.get("title")
            if category is not None and title is not None and title.management_category_id != category.pk:
                self.problem(
                    binding,
                    row,
                    "management_category",
                    _(
                        "Theo danh mục, chức vụ “%(title)s” thuộc diện “%(expected)s”; diện quản lý đi theo chức vụ, "
                        "cột này chỉ để đối chiếu và không được lưu."
                    )
                    % {
                        "title": title.name,
                        "expected": title.management_category.name if title.management_category else "—",
                    },
                    severity=Severity.WARNING,
                )
            if person is None or unit is None or "valid_from" not in data or title is None:
                self._count_invalid(binding, 1)
                continue
            data["unit"] = unit
            key = (_key(person), _key(unit), title.pk, data["valid_from"])
            if key in seen:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này trùng với dòng %(row)s (cùng cán bộ, đơn vị, chức vụ và ngày bắt đầu).")
                    % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            loose = (_key(person), data["valid_from"], bool(data.get("is_concurrent", False)))
            keyed.append((row, person, data, bad, key, loose))
        stored = self._existing(Assignment, (item[1] for item in keyed), ("title", "unit"))
        primary: dict[Any, list[Any]] = defaultdict(list)
        secondary: dict[Any, list[Any]] = defaultdict(list)
        for item in stored:
            primary[(("pk", item.person_id), ("pk", item.unit_id), item.title_id, item.valid_from)].append(
                item
            )
            secondary[(("pk", item.person_id), item.valid_from, item.is_concurrent)].append(item)
        matched = self._match_stored(keyed, primary, secondary)
        rows = [(existing, item[1], item[2]) for existing, item in zip(matched, keyed, strict=True)]
        result = assignments_upsert(actor=self.actor, rows=rows, write=self.writing)
        field_columns = {"decision": "decision_number", "is_sole_post": "title", "person": None}
        self._service_errors(binding, [k[0] for k in keyed], result, field_columns, [k[3] for k in keyed])

    # --- qualifications ------------------------------------------------------------------------------

    def _qualifications(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            data: dict[str, Any] = {}
            kind = self.read(binding, row, "kind", bad)
            if kind is not None and binding.value(row, "level") is not None:
                try:
                    data["level"] = self.cells.level(kind, binding.value(row, "level"))
                except CellError as exc:
                    self.problem(binding, row, "level", exc.message)
                    bad.add("level")
            elif kind is not None:
                self.problem(binding, row, "level", _("Chưa nhập “%(column)s”.") % {"column": "Trình độ"})
                bad.add("level")
            self.read_into(
                binding, row, ("field", "language", "institution", "mode", "started_on", "note"), data, bad
            )
            obtained = self.read(binding, row, "obtained_on", bad)
            if obtained is not None:
                data["obtained_on"], data["obtained_on_precision"] = obtained
            if person is None or "level" not in data or "obtained_on" not in data:
                self._count_invalid(binding, 1)
                continue
            level = data["level"]
            key = (_key(person), level.pk, data["obtained_on"])
            if key in seen:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này trùng với dòng %(row)s (cùng cán bộ, trình độ và ngày cấp).")
                    % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            keyed.append((row, person, data, bad, key, (_key(person), level.pk)))
        stored = self._existing(Qualification, (item[1] for item in keyed), ("level",))
        primary: dict[Any, list[Any]] = defaultdict(list)
        secondary: dict[Any, list[Any]] = defaultdict(list)
        for item in stored:
            primary[(("pk", item.person_id), item.level_id, item.obtained_on)].append(item)
            secondary[(("pk", item.person_id), item.level_id)].append(item)
        matched = self._match_stored(keyed, primary, secondary)
        rows = [(existing, item[1], item[2]) for existing, item in zip(matched, keyed, strict=True)]
        result = qualifications_upsert(actor=self.actor, rows=rows, write=self.writing)
        field_columns = {"obtained_on_precision": "obtained_on", "kind": "level"}
        self._service_errors(binding, [k[0] for k in keyed], result, field_columns, [k[3] for k in keyed])

    # --- elected bodies ------------------------------------------------------------------------------

    def _load_bodies(self) -> None:
        if not hasattr(self, "_bodies"):
            self._bodies: dict[tuple[Any, str], ElectedBody] = {
                (("pk", body.org_unit_id), body.kind): body for body in ElectedBody.objects.all()
            }
            self._terms: dict[tuple[Any, str], Term] = {
                (_key(term.body), _term_key(term.name)): term for term in Term.objects.select_related("body")
            }
            self._term_rows: dict[tuple[Any, str], Row] = {}
            self._new_bodies: list[ElectedBody] = []
            self._new_terms: list[tuple[Term, Binding, Row]] = []

    def _term_for(self, binding: Binding, row: Row, bad: set[str]) -> Term | None:
        """The term a row names (its body and term found, or made new for this import)."""
        self._load_bodies()
        unit = self._unit_for(binding, row, bad)
        kind = self.read(binding, row, "body_kind", bad)
        name = self.cells.text(binding.value(row, "term"))
        if not name:
            self.problem(binding, row, "term", _("Chưa nhập “%(column)s”.") % {"column": "Nhiệm kỳ"})
            return None
        if unit is None or kind is None:
            return None
        body_key = (_key(unit), kind)
        body = self._bodies.get(body_key)
        if body is None:
            body_name = self.cells.text(binding.value(row, "body_name"))
            parent_body = (
                self._bodies.get((_key(unit), BodyKind.PARTY_EXECUTIVE))
                if kind == BodyKind.PARTY_STANDING
                else None
            )
            body = ElectedBody(
                org_unit=unit,
                kind=kind,
                level=unit.level,
                name=body_name or f"{vietnamese_label(BodyKind(kind).label)} {unit.name}",
                parent_body=parent_body,
            )
            self._bodies[body_key] = body
            self._new_bodies.append(body)
        term_key = (_key(body), _term_key(name))
        term = self._terms.get(term_key)
        start = self.read(binding, row, "term_from", bad)
        end = self.read(binding, row, "term_to", bad)
        election = self.read(binding, row, "election_date", bad)
        if term is None:
            if start is None:
                if "term_from" not in bad:
                    self.problem(
                        binding,
                        row,
                        "term_from",
                        _(
                            "Chưa có nhiệm kỳ “%(term)s” của %(body)s; hãy ghi “Nhiệm kỳ từ ngày” (và nếu có, "
                            "“Nhiệm kỳ đến ngày”, “Ngày bầu cử”) để tạo nhiệm kỳ."
                        )
                        % {"term": name, "body": body.name},
                    )
                return None
            term = Term(body=body, name=name, valid_from=start, valid_to=end, election_date=election)
            errors = term_check(term=term)
            for field_name, messages in errors.items():
                column = {
                    "valid_from": "term_from",
                    "valid_to": "term_to",
                    "election_date": "election_date",
                }.get(field_name, "term")
                for message in messages:
                    self.problem(binding, row, column, message)
            self._terms[term_key] = term
            self._term_rows[term_key] = row
            self._new_terms.append((term, binding, row))
            return None if errors else term
        first = self._term_rows.get(term_key)
        if first is not None and (start, end, election) != (
            term.valid_from,
            term.valid_to,
            term.election_date,
        ):
            if any(value is not None for value in (start, end, election)):
                self.problem(
                    binding,
                    row,
                    "term_from",
                    _("Ngày của nhiệm kỳ “%(term)s” ghi khác với dòng %(row)s; dùng theo dòng %(row)s.")
                    % {"term": name, "row": first.number},
                    severity=Severity.WARNING,
                )
        elif first is None and start is not None and start != term.valid_from:
            self.problem(
                binding,
                row,
                "term_from",
                _("Nhiệm kỳ “%(term)s” đã có, bắt đầu từ %(start)s; giữ ngày đã có.")
                % {"term": term.name, "start": format_partial(term.valid_from)},
                severity=Severity.WARNING,
            )
        return term

    def _save_bodies(self) -> None:
        """Create the bodies and terms this import introduces (few rows: through the single-row services)."""
        if not self.writing or not hasattr(self, "_bodies"):
            return
        ordered = sorted(self._new_bodies, key=lambda body: body.kind != BodyKind.PARTY_EXECUTIVE)
        for body in ordered:
            if body.pk is not None:
                continue
            parent = body.parent_body
            saved = elected_body_create(
                actor=self.actor,
                data={
                    "org_unit": body.org_unit,
                    "kind": body.kind,
                    "level": body.level,
                    "name": body.name,
                    "parent_body": parent if parent is None or parent.pk else None,
                },
            )
            body.pk = saved.pk
            body._state.adding = False
        for term, binding, row in self._new_terms:
            if term.pk is not None:
                continue
            try:
                saved_term = term_create(
                    actor=self.actor,
                    body=term.body,
                    data={
                        "name": term.name,
                        "valid_from": term.valid_from,
                        "valid_to": term.valid_to,
                        "election_date": term.election_date,
                    },
                )
            except ValidationError as exc:
                for messages in exc.message_dict.values():
                    for message in messages:
                        self.problem(binding, row, "term", message)
                return
            term.pk = saved_term.pk
            term._state.adding = False
        # Saved rows are now found by their ids.
        self._bodies = {(_key(body.org_unit), body.kind): body for body in self._bodies.values()}
        self._terms = {(_key(term.body), _term_key(term.name)): term for term in self._terms.values()}
        self._term_rows = {
            (_key(term.body), _term_key(term.name)): row for term, _binding, row in self._new_terms
        }
        self._new_bodies = [body for body in self._new_bodies if body.pk is None]
        self._new_terms = [item for item in self._new_terms if item[0].pk is None]

    def _memberships(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            term = self._term_for(binding, row, bad)
            data: dict[str, Any] = {}
            self.read_into(binding, row, ("role", "valid_from", "valid_to", "note"), data, bad)
            if person is None or term is None or "valid_from" not in data:
                self._count_invalid(binding, 1)
                continue
            data["term"] = term
            key = (_key(person), _key(term), data["valid_from"])
            if key in seen:
                self.problem(
                    binding, row, None, _("Dòng này trùng với dòng %(row)s.") % {"row": seen[key].number}
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            keyed.append((row, person, data, bad, key, (_key(person), _key(term))))
        self._save_bodies()
        stored = self._existing(Membership, (item[1] for item in keyed), ("term",))
        primary: dict[Any, list[Any]] = defaultdict(list)
        secondary: dict[Any, list[Any]] = defaultdict(list)
        for item in stored:
            primary[(("pk", item.person_id), ("pk", item.term_id), item.valid_from)].append(item)
            secondary[(("pk", item.person_id), ("pk", item.term_id))].append(item)
        matched = self._match_stored(keyed, primary, secondary)
        rows = [(existing, item[1], item[2]) for existing, item in zip(matched, keyed, strict=True)]
        result = memberships_upsert(actor=self.actor, rows=rows, write=self.writing)
        self._service_errors(binding, [k[0] for k in keyed], result, {"term": "term"}, [k[3] for k in keyed])

    def _nominations(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            term = self._term_for(binding, row, bad)
            data: dict[str, Any] = {}
            self.read_into(binding, row, ("nominated_on", "constituency", "outcome"), data, bad)
            if person is None or term is None or "nominated_on" not in data:
                self._count_invalid(binding, 1)
                continue
            data["term"] = term
            key = (_key(person), _key(term))
            if key in seen:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này trùng với dòng %(row)s (cùng cán bộ và nhiệm kỳ).")
                    % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            keyed.append((row, person, data, bad, key))
        self._save_bodies()
        stored = {
            (("pk", item.person_id), ("pk", item.term_id)): item
            for item in self._existing(Nomination, (item[1] for item in keyed), ("term",))
        }
        rows = [(stored.get(key), person, data) for _row, person, data, _bad, key in keyed]
        result = nominations_upsert(actor=self.actor, rows=rows, write=self.writing)
        self._service_errors(binding, [k[0] for k in keyed], result, {}, [k[3] for k in keyed])

    # --- ratings -------------------------------------------------------------------------------------

    def _ratings(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            data: dict[str, Any] = {}
            for column_key in ("year", "level", "score"):
                value = self.read(binding, row, column_key, bad)
                if value is not None:
                    data[column_key] = value
            if person is None or "year" not in data or "level" not in data:
                self._count_invalid(binding, 1)
                continue
            key = (_key(person), data["year"])
            if key in seen:
                self.problem(
                    binding,
                    row,
                    "year",
                    _("Năm này đã có ở dòng %(row)s cho cùng cán bộ.") % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            keyed.append((row, person, data, bad, key))
        stored = {
            (("pk", r.person_id), r.year): r for r in self._existing(AnnualRating, (k[1] for k in keyed))
        }
        rows = [(stored.get(key), person, data) for _row, person, data, _bad, key in keyed]
        result = ratings_upsert(actor=self.actor, rows=rows, job=self.job, write=self.writing)
        self._service_errors(binding, [k[0] for k in keyed], result, {}, [k[3] for k in keyed])

    # --- training courses ----------------------------------------------------------------------------

    def _training(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            data: dict[str, Any] = {}
            self.read_into(binding, row, _TRAINING_FIELDS, data, bad)
            if person is None or "name" not in data or "started_on" not in data:
                self._count_invalid(binding, 1)
                continue
            key = (_key(person), _name_key(data["name"]), data["started_on"])
            if key in seen:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này trùng với dòng %(row)s (cùng cán bộ, tên khóa học và ngày bắt đầu).")
                    % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            keyed.append((row, person, data, bad, key, (_key(person), data["started_on"])))
        stored = self._existing(TrainingCourse, (item[1] for item in keyed))
        primary: dict[Any, list[Any]] = defaultdict(list)
        secondary: dict[Any, list[Any]] = defaultdict(list)
        for item in stored:
            primary[(("pk", item.person_id), _name_key(item.name), item.started_on)].append(item)
            secondary[(("pk", item.person_id), item.started_on)].append(item)
        matched = self._match_stored(keyed, primary, secondary)
        rows = [(existing, item[1], item[2]) for existing, item in zip(matched, keyed, strict=True)]
        result = training_courses_upsert(actor=self.actor, rows=rows, write=self.writing)
        self._service_errors(binding, [k[0] for k in keyed], result, {}, [k[3] for k in keyed])

    # --- planning ------------------------------------------------------------------------------------

    def _planning(self, binding: Binding) -> None:
        people = self._people_for(binding)
        keyed: list[tuple[Row, Person, dict[str, Any], set[str], tuple[Any, ...], tuple[Any, ...]]] = []
        seen: dict[tuple[Any, ...], Row] = {}
        for row, person in zip(binding.rows, people, strict=True):
            bad: set[str] = set()
            unit = self._unit_for(binding, row, bad)
            data: dict[str, Any] = {}
            self.read_into(binding, row, _PLANNING_FIELDS, data, bad)
            title = data.get("title")
            if (
                person is None
                or unit is None
                or title is None
                or not {"valid_from", "term_label"} <= set(data)
            ):
                self._count_invalid(binding, 1)
                continue
            data["unit"] = unit
            key = (_key(person), _key(unit), title.pk, data["valid_from"])
            if key in seen:
                self.problem(
                    binding,
                    row,
                    None,
                    _("Dòng này trùng với dòng %(row)s (cùng cán bộ, chức danh, đơn vị và ngày bắt đầu).")
                    % {"row": seen[key].number},
                )
                self._count_invalid(binding, 1)
                continue
            seen[key] = row
            loose = (_key(person), title.pk, _term_key(data["term_label"]))
            keyed.append((row, person, data, bad, key, loose))
        stored = self._existing(PlanningEntry, (item[1] for item in keyed), ("title", "unit"))
        primary: dict[Any, list[Any]] = defaultdict(list)
        secondary: dict[Any, list[Any]] = defaultdict(list)
        for item in stored:
            primary[(("pk", item.person_id), ("pk", item.unit_id), item.title_id, item.valid_from)].append(
                item
            )
            secondary[(("pk", item.person_id), item.title_id, _term_key(item.term_label))].append(item)
        matched = self._match_stored(keyed, primary, secondary)
        rows = [(existing, item[1], item[2]) for existing, item in zip(matched, keyed, strict=True)]
        result = planning_entries_upsert(actor=self.actor, rows=rows, write=self.writing)
        self._service_errors(binding, [k[0] for k in keyed], result, {}, [k[3] for k in keyed])


def _key(instance: Any) -> tuple[str, int]:
    """A key for a row saved or not: ("pk", id), or ("new", identity of the unsaved object)."""
    return ("pk", instance.pk) if instance.pk is not None else ("new", id(instance))


def _cached_parent(unit: OrgUnit) -> bool:
    field_ = OrgUnit._meta.get_field("parent")
    return bool(field_.is_cached(unit) and field_.get_cached_value(unit) is not None)


def _unit_values(unit: OrgUnit) -> dict[str, Any]:
    """The stored fields of a unit that an import may change."""
    from canbo.audit.services import snapshot

    return snapshot(unit)

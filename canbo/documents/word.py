"""Form 2C as a Word document: A4, Times New Roman 13 (tables 12), margins 2/2/3/1.5 cm, one section a person.

A selection may hold hundreds of forms, so the document is built for speed: each form is written into a
small detached body and then moved into the document in one pass (python-docx inserts every paragraph
before the document's final section properties by scanning the body, which is quadratic over a long
document), and runs get their properties as a copy of a prepared element instead of one setter per
property.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import deepcopy
from typing import Any

from canbo.core.formatting import format_date

from . import form2c as f
from .form2c import Form2C, Line, Table

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 12
HINT_PT = 11
TITLE_PT = 14
HEADER_PT = 12
TEXT_WIDTH_CM = 16.5  # 21 cm less the 3 cm left and 1.5 cm right margins
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def form2c_docx(forms: Sequence[Form2C]) -> bytes:
    """One Word document holding the forms in order, each in its own section starting on a new page."""
    from docx import Document

    document = Document()
    _setup_styles(document)
    section = document.sections[0]
    _page_setup(section)
    if forms:
        _footer(section, forms[0])
    writer = _Writer(document)
    sentinel = document.element.body.get_or_add_sectPr()
    for index, form in enumerate(forms):
        if index:
            _section_break(sentinel)
        for element in writer.form(form):
            sentinel.addprevious(element)
    properties = document.core_properties
    properties.title = f.TITLE.capitalize()
    properties.subject = f.FORM_CODE
    properties.author = "canbo"
    properties.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------------------- page setup


def _setup_styles(document: Any) -> None:
    """Times New Roman everywhere: the document defaults, Normal and the table style."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        run_defaults = defaults.find(qn("w:rPrDefault"))
        if run_defaults is not None and run_defaults.find(qn("w:rPr")) is not None:
            _fonts(run_defaults.find(qn("w:rPr")))
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        _fonts(style.element.get_or_add_rPr())
        _language(style.element.get_or_add_rPr())
    normal = document.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.1
    document.styles["Table Grid"].font.size = Pt(TABLE_PT)


def _page_setup(section: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    section.header_distance, section.footer_distance = Cm(1), Cm(1)


def _footer(section: Any, form: Form2C) -> None:
    """The date the data stand at, small in the footer (the form itself has no place for it)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(paragraph, f"{f.FORM_CODE} · Số liệu hồ sơ tại ngày {format_date(form.as_of)}", size=10, italic=True)


def _section_break(sentinel: Any) -> None:
    """End the section so far and start a new one on a new page, as python-docx's add_section() does.

    The ended section keeps a copy of the page setup and the footer; the new last section drops its
    footer reference and so inherits the footer from the section before it.
    """
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    paragraph = OxmlElement("w:p")
    paragraph.set_sectPr(sentinel.clone())
    sentinel.addprevious(paragraph)
    for reference in sentinel.findall(qn("w:headerReference")) + sentinel.findall(qn("w:footerReference")):
        sentinel.remove(reference)


# ---------------------------------------------------------------------------------------------- the form


class _Writer:
    """Writes one form at a time into a detached body whose parent is the document (styles, images)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.table_style_id = document.styles["Table Grid"].style_id

    def form(self, form: Form2C) -> list[Any]:
        """The body elements of one form, in order."""
        from docx.document import _Body
        from docx.oxml.parser import OxmlElement

        body = OxmlElement("w:body")
        self.body = _Body(body, self.document)
        self._write(form)
        return list(body)

    def _write(self, form: Form2C) -> None:
        self._header(form)
        self._photo_and_title(form)
        for line in form.lines:
            self._line(line)
        self._heading(f.SECTION_TITLES["27"])
        self._table(form.training)
        self._paragraph(f.TRAINING_NOTE, size=HINT_PT, italic=True)
        self._heading(f.SECTION_TITLES["28"])
        self._table(form.work)
        self._heading(f.SECTION_TITLES["29"])
        if form.has_personal_history:  # each question with its answer, or a line to write on
            for prompt, answer in form.personal_history:
                self._paragraph(prompt, size=TABLE_PT)
                if answer:
                    for text in answer.splitlines():
                        self._paragraph(text)
                else:
                    self._dotted_lines(1)
        else:
            for prompt in f.PERSONAL_HISTORY_PROMPTS:
                self._paragraph(prompt, size=TABLE_PT)
            self._dotted_lines(f.BLANK_LINES_29)
        self._heading(f.SECTION_TITLES["30"])
        self._paragraph(f.FAMILY_OWN_HEADING, italic=True)
        self._table(form.family_own)
        self._paragraph(f.FAMILY_SPOUSE_HEADING, italic=True, before=6)
        self._table(form.family_spouse)
        self._heading(f.SECTION_TITLES["31"])
        self._table(form.salary)
        self._heading(f.SECTION_TITLES["32"])
        for text in form.assessment:
            self._paragraph(text)
        self._dotted_lines(f.assessment_blank_lines(form))
        self._signatures(form)

    def _header(self, form: Form2C) -> None:
        """The two agencies at the left; the form's code and the cadre number at the right."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        table = self._plain_table([8.5, 8.0])
        left, right = table.rows[0].cells
        _fill(left.paragraphs[0], f.HEADER_MANAGING, form.managing_agency, size=HEADER_PT)
        _fill(left.add_paragraph(), f.HEADER_EMPLOYING, form.employing_agency, size=HEADER_PT)
        code = right.paragraphs[0]
        code.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(code, f.FORM_CODE, size=HEADER_PT, bold=True)
        number = right.add_paragraph()
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _fill(number, f.HEADER_CODE, form.code, size=HEADER_PT)

    def _photo_and_title(self, form: Form2C) -> None:
        """The framed 4×6 box (with the photo when there is one) and the title beside it."""
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm, Pt

        self.body.add_paragraph().paragraph_format.space_after = Pt(4)
        table = self._plain_table([4.0, TEXT_WIDTH_CM - 4.0])
        row = table.rows[0]
        row.height = Cm(6)
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        photo, title = row.cells
        _borders(photo)
        _cell_margins(photo, 0)
        photo.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        box = photo.paragraphs[0]
        box.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if form.photo:
            box.add_run().add_picture(io.BytesIO(form.photo), width=Cm(3.9), height=Cm(5.85))
        else:
            _run(box, f.PHOTO_CAPTION, size=HINT_PT, italic=True)
        title.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        heading = title.paragraphs[0]
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(heading, f.TITLE, size=TITLE_PT, bold=True)
        self.body.add_paragraph().paragraph_format.space_after = Pt(4)

    def _line(self, line: Line) -> None:
        """One line of items 1–26: labels in plain type, answers after them, the hint in small italics."""
        from docx.shared import Cm

        paragraph = self.body.add_paragraph()
        for index, item in enumerate(line.fields):
            if index:
                _run(paragraph, ", ")
            _fill(paragraph, item.label, item.value, bold_value=line.number == "1")
        if line.hint:
            hint = self.body.add_paragraph()
            hint.paragraph_format.left_indent = Cm(1)
            _run(hint, line.hint, size=HINT_PT, italic=True)

    def _heading(self, text: str) -> None:
        from docx.shared import Pt

        paragraph = self.body.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(10)
        paragraph.paragraph_format.space_after = Pt(4)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, bold=True)

    def _paragraph(self, text: str, *, size: int = BODY_PT, italic: bool = False, before: int = 0) -> None:
        from docx.shared import Pt

        paragraph = self.body.add_paragraph()
        if before:
            paragraph.paragraph_format.space_before = Pt(before)
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, text, size=size, italic=italic)

    def _dotted_lines(self, count: int) -> None:
        """Lines to write on: a right tab at the text edge with a dotted leader."""
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        from docx.shared import Cm, Pt

        for _ in range(count):
            paragraph = self.body.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(4)
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            _run(paragraph, "\t")

    def _table(self, table_data: Table) -> None:
        """A bordered table at 12 pt; the heading row is bold and repeats on every page."""
        from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        header = 1 if table_data.headers else 0
        table = self._plain_table(table_data.widths, rows=header + len(table_data.rows))
        table._tbl.tblPr.style = self.table_style_id  # by id: `table.style = …` looks the style up every time
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        rows = table.rows
        if header:
            _repeat_as_header(rows[0])
            for cell, text in zip(rows[0].cells, table_data.headers, strict=True):
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(cell.paragraphs[0], text, size=TABLE_PT, bold=True)
        for row, values in zip(rows[header:], table_data.rows, strict=True):
            _cant_split(row)
            for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
                if text:
                    _run(cell.paragraphs[0], text, size=TABLE_PT, bold=not header and column == 0)

    def _signatures(self, form: Form2C) -> None:
        """ "Người khai … Tôi xin cam đoan …" at the left; the head of the agency at the right."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Pt

        self.body.add_paragraph().paragraph_format.space_after = Pt(6)
        table = self._plain_table([TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2])
        left, right = table.rows[0].cells
        blocks = (
            (left, f.SIGN_LEFT, (True, False, False)),
            (right, f.SIGN_RIGHT, (False, True, False)),
        )
        for cell, lines, bolds in blocks:
            for index, (text, bold) in enumerate(zip(lines, bolds, strict=True)):
                paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(paragraph, text, size=BODY_PT, bold=bold, italic=not bold)
        for _ in range(4):
            left.add_paragraph()
        name = left.add_paragraph()
        name.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(name, form.full_name, bold=True)

    def _plain_table(self, widths: Sequence[float], rows: int = 1) -> Any:
        """A borderless layout table of fixed column widths."""
        from docx.shared import Cm

        table = self.body.add_table(rows, len(widths), Cm(sum(widths)))
        _widths(table, widths)
        return table


# ----------------------------------------------------------------------------------------- small helpers


def _fill(paragraph: Any, label: str, value: str, *, size: int = BODY_PT, bold_value: bool = False) -> None:
    """ "Label: value" as two runs, so the answer can be read back (or restyled) on its own."""
    _run(paragraph, f"{label} ", size=size)
    _run(paragraph, value or f.DOTS, size=size, bold=bold_value and bool(value))


_RUN_PROPERTIES: dict[tuple[int, bool, bool], Any] = {}


def _run(paragraph: Any, text: str, *, size: int = BODY_PT, bold: bool = False, italic: bool = False) -> Any:
    """A run in Times New Roman (named for every script) at a size, bold or italic as asked."""
    from docx.oxml.ns import nsdecls
    from docx.oxml.parser import parse_xml

    key = (size, bold, italic)
    properties = _RUN_PROPERTIES.get(key)
    if properties is None:
        fonts = " ".join(f'w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "cs", "eastAsia"))
        properties = parse_xml(
            f"<w:rPr {nsdecls('w')}><w:rFonts {fonts}/>"
            + ("<w:b/>" if bold else "")
            + ("<w:i/>" if italic else "")
            + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/></w:rPr>'
        )
        _RUN_PROPERTIES[key] = properties
    run = paragraph.add_run()
    run._r.insert(0, deepcopy(properties))
    if "\t" in text or "\n" in text:
        run.text = text  # python-docx turns these into <w:tab/> and <w:br/>
    else:
        run._r.add_t(text)
    return run


def _fonts(properties: Any) -> None:
    """Name Times New Roman for every script and drop theme fonts, which would otherwise win over it."""
    from docx.oxml.ns import qn

    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.insert(0, fonts)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _language(properties: Any) -> None:
    """Mark the text as Vietnamese, so Word spell-checks it as such."""
    from docx.oxml.ns import qn

    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = properties.makeelement(qn("w:lang"), {})
        properties.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _widths(table: Any, widths: Sequence[float]) -> None:
    """Fix the column widths in every place Word and LibreOffice read them: grid, cells, table width."""
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table.autofit = False  # w:tblLayout fixed: the widths below are kept, not recomputed from content
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    total = table._tbl.tblPr.find(qn("w:tblW"))
    if total is not None:
        total.set(qn("w:w"), str(round(sum(widths) / 2.54 * 1440)))
        total.set(qn("w:type"), "dxa")


def _borders(cell: Any) -> None:
    """A single black frame around one cell (the photo box)."""
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    borders = properties.makeelement(qn("w:tcBorders"), {})
    for side in ("top", "left", "bottom", "right"):
        edge = borders.makeelement(
            qn(f"w:{side}"),
            {qn("w:val"): "single", qn("w:sz"): "8", qn("w:space"): "0", qn("w:color"): "000000"},
        )
        borders.append(edge)
    _insert_in_order(properties, borders)


def _cell_margins(cell: Any, twips: int) -> None:
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    margins = properties.makeelement(qn("w:tcMar"), {})
    for side in ("top", "left", "bottom", "right"):
        margins.append(margins.makeelement(qn(f"w:{side}"), {qn("w:w"): str(twips), qn("w:type"): "dxa"}))
    _insert_in_order(properties, margins)


# The order Word requires of a cell's properties (ECMA-376 CT_TcPr); Word refuses files that break it.
_TCPR_ORDER = [
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange",
]  # fmt: skip


def _insert_in_order(properties: Any, element: Any) -> None:
    """Put a child of w:tcPr where the schema wants it, replacing one of the same name."""
    from docx.oxml.ns import qn

    name = element.tag.rsplit("}", 1)[-1]
    for old in properties.findall(qn(f"w:{name}")):
        properties.remove(old)
    later = _TCPR_ORDER[_TCPR_ORDER.index(name) + 1 :]
    for child in properties:
        if child.tag.rsplit("}", 1)[-1] in later:
            child.addprevious(element)
            return
    properties.append(element)


def _repeat_as_header(row: Any) -> None:
    """Repeat the heading row at the top of every page the table runs onto."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def _cant_split(row: Any) -> None:
    """Keep a table row on one page."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    properties.append(properties.makeelement(qn("w:cantSplit"), {qn("w:val"): "true"}))

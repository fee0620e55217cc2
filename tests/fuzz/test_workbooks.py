"""Excel files, question banks and rosters alike, made with random cells, sheets and layouts,
and hostile ones made by hand: each reads, or is refused with the reader's own error and a
message; a hostile one is refused fast and in bounded memory."""

import datetime
import io
import re
import resource
import time
import zipfile

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from deputies.models import Township
from deputies.roster import COLUMNS as ROSTER_COLUMNS
from deputies.roster import RosterFileError, apply_roster, read_roster
from quizzes.formats.xlsx import COLUMNS as QUESTION_COLUMNS
from quizzes.formats.xlsx import QuestionFileError, read_questions_xlsx
from quizzes.transfer import import_questions

from .strategies import PDF, PNG, replace_member, with_bomb

WITH_DB = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
QUESTION_HEADER = [names[0] for names in QUESTION_COLUMNS.values()]
ROSTER_HEADER = [names[0] for names in ROSTER_COLUMNS.values()]

cell_texts = st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(
    lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)
)
cell_values = st.one_of(
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
    st.dates(min_value=datetime.date(1900, 3, 1)),
    st.times(),
    st.sampled_from(["=1+1", "=A1", "=1/0", "'=SUM(A1)", "#DIV/0!", "x" * 40000]),
    st.sampled_from(["单选", "多选", "判断", "填空", "简答", "A", "AC", "对", "男", "乡镇级"]),
    st.sampled_from(["第十八届", "18", "13512340001", "１３５１２３４０００２", "递铺街道", "是"]),
    cell_texts,
)


@st.composite
def workbooks(draw, header):
    """A workbook made as people make them: the header where it should be or a row lower, a
    column missing or moved, merged cells, an extra sheet in front or none at all."""
    workbook = Workbook()
    sheet = workbook.active
    columns = list(header)
    if draw(st.booleans()):
        columns = draw(st.permutations(columns))
    if draw(st.booleans()):
        del columns[draw(st.integers(0, len(columns) - 1))]
    if draw(st.booleans()):
        sheet.append([draw(cell_values)])  # a title row above the header
    if draw(st.integers(0, 4)):
        sheet.append(columns)
    for _ in range(draw(st.integers(0, 8))):
        sheet.append([draw(cell_values) for _ in range(draw(st.integers(0, len(columns) + 2)))])
    if draw(st.booleans()) and sheet.max_row > 1:
        sheet.merge_cells(start_row=2, start_column=1, end_row=sheet.max_row, end_column=2)
    if draw(st.booleans()):
        workbook.create_sheet("说明", index=draw(st.integers(0, 1))).append(columns)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def question_xlsx(rows, header=QUESTION_HEADER) -> bytes:
    workbook = Workbook()
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = question_xlsx([["单选", "代表任期几年？", "三年", "五年", "", "", "", "", "B"]])


@st.composite
def broken_xml(draw):
    """The good workbook with its sheet's XML cut, spliced or given a bad character."""
    sheet = zipfile.ZipFile(io.BytesIO(GOOD)).read("xl/worksheets/sheet1.xml")
    at = draw(st.integers(0, len(sheet)))
    junk = draw(
        st.sampled_from([b"", b"&#0;", b"<", b"&lol;", b"\xff", b'<row r="-1">', b'r="99999999"'])
    )
    end = at + draw(st.integers(0, 30))
    return replace_member(GOOD, "xl/worksheets/sheet1.xml", sheet[:at] + junk + sheet[end:])


@st.composite
def damaged(draw, content=GOOD):
    """The good file's bytes cut short or with bytes overwritten."""
    data = bytearray(content)
    for _ in range(draw(st.integers(1, 5))):
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data[: draw(st.integers(0, len(data)))])


@WITH_DB
@given(st.one_of(workbooks(QUESTION_HEADER), broken_xml(), damaged(), st.binary(max_size=200)))
@example(b"")
@example(PDF)
@example(PNG)
def test_question_workbooks_import_or_are_refused(db, content):
    try:
        report = read_questions_xlsx(content)
    except QuestionFileError as exc:
        assert str(exc).strip()
        return
    for skipped in report.skipped:
        assert skipped.line >= 2 and skipped.reason.strip()
    # What was read can be stored: the database refuses nothing the reader let through.
    with transaction.atomic():
        import_questions(report=report, dry_run=True)


@WITH_DB
@given(content=st.one_of(workbooks(ROSTER_HEADER), damaged(), st.binary(max_size=200)))
def test_rosters_import_or_are_refused(county, township, station, content):
    try:
        plan = read_roster(content, townships=Township.objects.filter(county=county))
    except RosterFileError as exc:
        assert str(exc).strip()
        return
    for error in plan.errors:
        assert error.row >= 2 and error.message.strip()
    with transaction.atomic():
        apply_roster(plan)
        transaction.set_rollback(True)


# -- hostile files ----------------------------------------------------------------------------


def readers():
    return [
        pytest.param(read_questions_xlsx, QuestionFileError, id="questions"),
        pytest.param(
            lambda content: read_roster(content, townships=Township.objects.none()),
            RosterFileError,
            id="roster",
        ),
    ]


SHEET = zipfile.ZipFile(io.BytesIO(GOOD)).read("xl/worksheets/sheet1.xml")
HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def hostile_files():
    huge_dimension = re.sub(
        rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', SHEET
    ).replace(
        b"</sheetData>",
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    return {
        "empty": (b"", "not an Excel"),
        "pdf renamed": (PDF, "not an Excel"),
        "png renamed": (PNG, "not an Excel"),
        "text renamed": ("类型,题干,答案\n单选,x,A".encode(), "not an Excel"),
        "truncated": (GOOD[: len(GOOD) // 2], "not an Excel"),
        "a docx": (
            replace_member(GOOD, "xl/workbook.xml", b"<w:document/>"),
            "not an Excel",
        ),
        "no sheets": (
            replace_member(
                GOOD,
                "xl/workbook.xml",
                b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheets/></workbook>",
            ),
            "not an Excel",
        ),
        "zip bomb in the sheet": (
            with_bomb(
                GOOD, "xl/worksheets/sheet1.xml", HEAD, 300 << 20, b"</sheetData></worksheet>"
            ),
            "unpacks to more than",
        ),
        "zip bomb in the strings": (
            with_bomb(GOOD, "xl/sharedStrings.xml", b"<sst>", 300 << 20, b"</sst>"),
            "unpacks to more than",
        ),
        "a million rows of 16384 columns declared": (huge_dimension, None),
        "a row a billion rows down": (
            SHEET.replace(b"</sheetData>", b'<row r="999999999"/></sheetData>'),
            None,
        ),
        "a nul character": (
            SHEET.replace(b"<t>B</t>", b"<t>&#0;</t>"),
            None,
        ),
        "billion laughs": (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(
                b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                for i in range(1, 10)
            )
            + b"]>"
            + SHEET[SHEET.index(b"<worksheet") :].replace(b"<t>B</t>", b"<t>&lol9;</t>"),
            None,
        ),
    }


HOSTILE = hostile_files()


@pytest.mark.parametrize("reader, error", readers())
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_workbooks_are_refused_fast_in_bounded_memory(db, in_english, reader, error, name):
    content, message = HOSTILE[name]
    if content.startswith(b"<"):  # a sheet's XML: put it in the good workbook
        content = replace_member(GOOD, "xl/worksheets/sheet1.xml", content)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    try:
        reader(content)
    except error as exc:
        if message:
            assert message in str(exc)
    else:
        assert message is None, "should have been refused"
    assert time.monotonic() - started < 5
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 200

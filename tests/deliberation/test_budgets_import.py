"""Reading budget tables from .xlsx: the layouts real files come in, and the rows and files
that are refused, each rejected row with its line number; nothing saved on error."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from deliberation.budgets.reading import BudgetFileError, read_table
from deliberation.budgets.services import import_table
from deliberation.budgets.template import template_xlsx
from deliberation.models import BudgetExercise, BudgetLine

from .budget_files import COUNTY, SIDE_BY_SIDE, TOWNSHIP, TWO_ROW_HEADER, TWO_ROW_MERGES, xlsx


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def test_the_reasons_in_chinese():
    with translation.override("zh-hans"):
        (error,) = read_table(
            xlsx([("项目", "上年决算数", "本年预算数"), ("一、支出",), ("教育支出", "x", 1)])
        ).errors
    assert error.where == "第 3 行" and error.reason == "上年“x”不是数字。"


def lines_of(result):
    return [
        (r.line.side, r.line.name, r.line.previous, r.line.current, r.line.level)
        for r in result.lines
    ]


def test_a_township_table_with_title_unit_sections_and_totals():
    result = read_table(xlsx(TOWNSHIP, merges=("A1:E1",)))
    assert result.errors == []
    assert result.unit == "万元"
    assert result.totals_checked == 2
    assert lines_of(result)[:2] == [
        ("income", "税收收入", Decimal("1500.00"), Decimal("1650.00"), 1),
        ("income", "非税收入", Decimal("300.50"), Decimal("280.00"), 1),
    ]
    spending = [r.line for r in result.lines if r.line.side == "spending"]
    assert [line.name for line in spending][-1] == "预备费"
    assert spending[-1].previous == 0  # "—"
    assert [line.name for line in spending if line.livelihood] == [
        "教育支出",
        "社会保障和就业支出",
        "卫生健康支出",
        "农林水支出",
        "城乡社区支出",
    ]


def test_a_county_table_with_codes_a_side_column_and_sections_beneath_classes():
    result = read_table(xlsx(COUNTY))
    assert result.errors == []
    by_name = {r.line.name: (r.line, r.code) for r in result.lines}
    assert by_name["增值税"][0].level == 2 and by_name["增值税"][1] == "10101"
    assert by_name["人大事务"][0].level == 2
    assert by_name["教育支出"][0].previous == Decimal("40000")
    # The 款 lines are not added again: the totals check passes on the 类 lines alone.
    assert result.totals_checked == 2


def test_a_two_row_header_with_merged_years_takes_the_final_figure_as_last_year():
    result = read_table(xlsx(TWO_ROW_HEADER, merges=TWO_ROW_MERGES))
    assert result.errors == []
    assert lines_of(result) == [
        ("income", "税收收入", Decimal(820), Decimal(860), 1),
        ("income", "上级补助收入", Decimal(2150), Decimal(2200), 1),
        ("spending", "一般公共服务支出", Decimal(1020), Decimal(1010), 1),
        ("spending", "农林水支出", Decimal(950), Decimal(1050), 1),
    ]


def test_income_and_spending_side_by_side():
    result = read_table(xlsx(SIDE_BY_SIDE))
    assert result.errors == []
    assert result.totals_checked == 2
    assert sorted((r.line.side, r.line.name, r.line.current) for r in result.lines) == [
        ("income", "上级补助收入", Decimal(1150)),
        ("income", "税收收入", Decimal(950)),
        ("spending", "一般公共服务支出", Decimal(690)),
        ("spending", "农林水支出", Decimal(1090)),
        ("spending", "教育支出", Decimal(320)),
    ]


def test_a_side_by_side_total_that_does_not_add_up_names_its_row():
    rows = [*SIDE_BY_SIDE[:-1], ("收入合计", 2000, 2100, "支出合计", 2000, 2000)]
    (error,) = read_table(xlsx(rows)).errors
    assert error.where == "row 7" and "2,100" in error.reason


def test_income_and_spending_on_their_own_sheets():
    header = ("科目", "上年决算数", "本年预算数")
    content = xlsx(
        None,
        sheets={
            "收入": [header, ("税收收入", 10, 12), ("收入合计", 10, 12)],
            "支出": [header, ("教育支出", 4, 5), ("农林水支出", 6, 7), ("支出合计", 10, 12)],
        },
    )
    result = read_table(content)
    assert result.errors == []
    assert [(r.line.side, r.line.name) for r in result.lines] == [
        ("income", "税收收入"),
        ("spending", "教育支出"),
        ("spending", "农林水支出"),
    ]


def test_the_template_reads_back_without_a_mistake():
    result = read_table(template_xlsx())
    assert result.ok and len(result.lines) == 10 and result.totals_checked == 2


def test_each_bad_row_is_rejected_with_its_line_number():
    rows = [
        ("项目", "上年决算数", "本年预算数", "增减额"),
        ("一、支出",),
        ("教育支出", "一百", 120, None),  # row 3: not a figure
        (None, 5, 6),  # row 4: figures, no name
        ("农林水支出", 100, 130, 50),  # row 5: the change is not 130 − 100
        ("卫生健康支出", 10, 20),
        ("卫生健康支出", 1, 2),  # row 7: twice
        ("支出合计", 999, 150),  # row 8: last year's total does not add up
    ]
    result = read_table(xlsx(rows))
    reasons = {error.where: error.reason for error in result.errors}
    assert "row 3" in reasons and "一百" in reasons["row 3"]
    assert "row 4" in reasons and "no category name" in reasons["row 4"]
    assert "row 5" in reasons and "50" in reasons["row 5"]
    assert "row 7" in reasons and "twice" in reasons["row 7"]
    assert "row 8" in reasons and "999" in reasons["row 8"]
    assert "row 6" not in reasons
    assert not result.ok


def test_a_line_whose_side_cannot_be_told_is_rejected():
    rows = [("项目", "上年决算数", "本年预算数"), ("罚没款", 1, 2)]
    (error,) = read_table(xlsx(rows)).errors
    assert error.where == "row 2" and "income or spending" in error.reason


def test_rows_on_several_sheets_name_the_sheet():
    header = ("科目", "上年决算数", "本年预算数")
    content = xlsx(None, sheets={"收入": [header, ("税收收入", "x", 1)], "支出": [header]})
    (error,) = read_table(content).errors
    assert error.where == "sheet “收入”, row 2"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"not a workbook", "cannot be read"),
        (xlsx([("title",), ("名称", "金额")]), "No header row"),
        (xlsx([("项目", "上年决算数", "本年预算数")]), "no lines"),
    ],
)
def test_files_that_cannot_be_read_are_refused_as_a_whole(content, words):
    with pytest.raises(BudgetFileError, match=words):
        read_table(content)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/big.xml", b"0" * (65 * 1024 * 1024))
    with pytest.raises(BudgetFileError, match="unpacks to more than"):
        read_table(buffer.getvalue())


@pytest.fixture
def exercise(db):
    exercise = BudgetExercise.objects.create(title="青石镇2026年预算", year=2026, unit="元")
    BudgetLine.objects.create(exercise=exercise, side="spending", name="旧的一行")
    return exercise


def test_importing_replaces_the_lines_and_takes_the_unit(exercise):
    result = import_table(exercise=exercise, content=xlsx(TOWNSHIP))
    assert result.ok
    exercise.refresh_from_db()
    assert exercise.unit == "万元"
    names = list(exercise.lines.order_by("sort_order").values_list("name", flat=True))
    assert names[0] == "税收收入" and "旧的一行" not in names and len(names) == 10


def test_importing_a_table_with_a_rejected_row_changes_nothing(exercise):
    rows = [*TOWNSHIP[:-1], ("支出合计", 1, 2, None, None)]
    result = import_table(exercise=exercise, content=xlsx(rows))
    assert [e.where for e in result.errors] == ["row 18"]
    assert list(exercise.lines.values_list("name", flat=True)) == ["旧的一行"]
    exercise.refresh_from_db()
    assert exercise.unit == "元"


CELLS = st.one_of(
    st.none(),
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["—", "-", "1,234.5", "合计", "支出合计", "一、收入", "二、支出", "1e999", "NaN"]
    ),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=12))
def test_any_table_is_read_or_refused_with_reasons(rows):
    """Whatever the cells hold, the reader returns lines or rejected rows, or refuses the file
    with a message: it never fails otherwise."""
    header = ("项目", "上年决算数", "本年预算数", "增减额")
    cleaned = [list(row) for row in rows]
    try:
        content = xlsx([header, *cleaned])
    except Exception:  # openpyxl refuses some text (control characters): not our concern
        return
    try:
        result = read_table(content)
    except BudgetFileError as refused:
        assert str(refused)
        return
    for error in result.errors:
        assert error.where.startswith("row ") and error.reason

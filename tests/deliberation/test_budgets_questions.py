"""The reading questions a budget table makes, checked against answers computed by hand (the
expected figures below are worked out on paper from the demo's table, not by the code)."""

from decimal import Decimal

import pytest

from deliberation.budgets.demo import INCOME, SPENDING, TITLE
from deliberation.budgets.figures import Line, parse_figure
from deliberation.budgets.questions import Table, drafts_for
from deliberation.models.budgets import is_livelihood_name


def line(side, name, previous, current, **extra):
    livelihood = extra.pop("livelihood", side == "spending" and is_livelihood_name(name))
    return Line(name, side, Decimal(previous), Decimal(current), livelihood, **extra)


def demo_table() -> Table:
    lines = [line("income", name, p, c) for _code, name, p, c in INCOME]
    lines += [line("spending", name, p, c) for _code, name, p, c in SPENDING]
    return Table(TITLE, 2026, "万元", lines)


@pytest.fixture
def drafts():
    return {draft.kind: draft for draft in drafts_for(demo_table())}


def test_the_demo_table_makes_every_kind(drafts):
    assert set(drafts) == {
        "largest",
        "growth",
        "fall",
        "livelihood",
        "total_change",
        "balance",
        "reserve",
    }
    for draft in drafts.values():
        assert len(draft.distractors) == 3
        assert draft.answer not in draft.distractors
        assert len(set(draft.distractors)) == 3


def test_largest_item(drafts):
    # 3760 > 3205 > 2318 > 2246
    draft = drafts["largest"]
    assert draft.answer == "一般公共服务支出"
    assert draft.distractors == ["农林水支出", "社会保障和就业支出", "城乡社区支出"]
    # 3760 / 14631 = 25.698…% → 25.7%
    assert "占支出合计 14,631万元的25.7%" in draft.explanation


def test_fastest_growth(drafts):
    # 交通运输 (512 − 364) / 364 = 40.659…% → +40.7%; 农林水 (3205 − 2861) / 2861 = 12.02…%;
    # 文化旅游体育与传媒 (236 − 215) / 215 = 9.767…% → 9.8%;
    # 住房保障 (210 − 192) / 192 = 9.375% → 9.4%
    draft = drafts["growth"]
    assert draft.answer == "交通运输支出"
    assert draft.distractors == ["农林水支出", "文化旅游体育与传媒支出", "住房保障支出"]
    assert "交通运输支出：（512 − 364）÷ 364 × 100% = +40.7%" in draft.explanation
    assert "农林水支出：（3,205 − 2,861）÷ 2,861 × 100% = +12.0%" in draft.explanation
    assert "预备费上年为零，不计增减幅度" in draft.explanation
    assert "四舍五入保留一位小数" in draft.explanation


def test_fastest_fall(drafts):
    # 节能环保 (268 − 310) / 310 = −13.548…% → −13.5%; 城乡社区 (2246 − 2573) / 2573 = −12.708…%
    # → −12.7%; 其他 (38 − 40) / 40 = −5.0%; 一般公共服务 (3760 − 3912) / 3912 = −3.885…% → −3.9%
    draft = drafts["fall"]
    assert draft.answer == "节能环保支出"
    assert draft.distractors == ["城乡社区支出", "其他支出", "一般公共服务支出"]
    assert "= -13.5%" in draft.explanation and "= -12.7%" in draft.explanation


def test_share_of_livelihood_spending(drafts):
    # 455 + 2318 + 902 + 2246 + 3205 + 210 = 9336; 9336 / 14631 = 63.809…% → 63.8%
    draft = drafts["livelihood"]
    assert draft.answer == "63.8%"
    assert "= 9,336万元" in draft.explanation
    assert "9,336 ÷ 14,631 × 100% = 63.8%" in draft.explanation
    assert "教育支出、社会保障和就业支出、卫生健康支出、城乡社区支出、农林水支出、住房保障支出" in (
        draft.stem
    )
    # Last year's share (9034 / 14161 = 63.79…% → 63.8%) and the share of income (the same,
    # both sides balance) round to the answer and are left out: nearby values stand in.
    assert draft.distractors == ["68.8%", "58.8%", "73.8%"]


def test_change_of_total_spending(drafts):
    # 14631 − 14161 = 470; 470 / 14161 = 3.318…% → 3.3%; on this year's base 470 / 14631 = 3.21…%
    draft = drafts["total_change"]
    assert draft.answer == "增加470万元，增长3.3%"
    assert draft.distractors == [
        "增加470万元，增长3.2%",
        "减少470万元，下降3.3%",
        "减少470万元，下降3.2%",
    ]
    assert "增减额 = 14,631 − 14,161 = 470万元" in draft.explanation


def test_balance(drafts):
    # income 3980 + 560 + 9870 + 221 = 14631 = spending
    draft = drafts["balance"]
    assert draft.answer == "收支平衡"
    assert "收入合计 14,631万元，支出合计 14,631万元" in draft.explanation
    assert "预算法第三十五条" in draft.explanation


def test_reserve_fund(drafts):
    # 180 / 14631 = 1.230…% → 1.2%, within 1%–3%
    draft = drafts["reserve"]
    assert draft.answer == "1.2%，在1%至3%之间"
    assert "预算法第四十条" in draft.explanation
    assert "0.7%，低于1%的下限" in draft.distractors


def small(spending, income=()):
    lines = [line("spending", *row) for row in spending]
    lines += [line("income", *row) for row in income]
    return {d.kind: d for d in drafts_for(Table("测试表", 2026, "万元", lines))}


def test_a_deficit_is_named_with_its_gap():
    drafts = small([("教育支出", 100, 120), ("农林水支出", 200, 230)], [("税收收入", 300, 300)])
    # 300 − 350 = −50
    assert drafts["balance"].answer == "支出大于收入，出现缺口"
    assert "支出比收入多 50万元" in drafts["balance"].explanation


def test_a_reserve_under_one_percent():
    rows = [("一般公共服务支出", 900, 950), ("农林水支出", 900, 1000), ("预备费", 0, 5)]
    # 5 / 1955 = 0.2557…% → 0.3%
    assert small(rows)["reserve"].answer == "0.3%，低于1%的下限"


def test_what_a_table_cannot_support_is_left_out():
    # Three spending lines: no largest or growth question (three wrong choices needed); nothing
    # fell; no 预备费; no income.
    drafts = small([("教育支出", 100, 120), ("农林水支出", 200, 230), ("一般公共服务支出", 50, 60)])
    assert "largest" not in drafts and "growth" not in drafts and "fall" not in drafts
    assert "reserve" not in drafts and "balance" not in drafts


def test_a_tie_at_the_top_asks_nothing():
    rows = [("甲支出", 10, 100), ("乙支出", 10, 100), ("丙支出", 10, 50), ("丁支出", 10, 20)]
    assert "largest" not in small(rows)
    assert "growth" not in small(rows)  # 甲 and 乙 both +900.0%


def test_sections_beneath_a_class_are_not_counted_twice():
    rows = [
        ("一般公共服务支出", 100, 110),
        ("教育支出", 50, 60),
        ("社会保障和就业支出", 40, 45),
        ("农林水支出", 30, 33),
    ]
    lines = [line("spending", *row) for row in rows]
    lines.append(line("spending", "人大事务", 10, 999, level=2))
    drafts = {d.kind: d for d in drafts_for(Table("表", 2026, "万元", lines))}
    assert drafts["largest"].answer == "一般公共服务支出"
    # (60 + 45 + 33) / 248 = 55.645…% → 55.6%
    assert drafts["livelihood"].answer == "55.6%"


@pytest.mark.parametrize(
    "cell, value",
    [
        (1234, "1234.00"),
        (1234.5, "1234.50"),
        ("1,234.5", "1234.50"),
        (" 1 234 ", "1234.00"),
        ("—", "0.00"),
        ("-", "0.00"),
        (None, "0.00"),
        ("－12", "-12.00"),
        ("3.14159", "3.14"),
        ("560万元", "560.00"),
    ],
)
def test_figures_as_tables_print_them(cell, value):
    assert parse_figure(cell) == Decimal(value)

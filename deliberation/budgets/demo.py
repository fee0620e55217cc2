"""The demo's budget exercise: a fictional 城关镇's 2026 general-budget draft against its 2025
final accounts, written for the demo (figures in 万元, both years balanced), with the questions
it proposes waiting in the editors' queue and three of them approved. Idempotent."""

from decimal import Decimal

from django.db import transaction

from ..models import BudgetExercise, BudgetLine, BudgetProposal
from ..models.budgets import is_livelihood_name
from .services import approve_proposal, propose_questions

TITLE = "城关镇2026年一般公共预算收支表（草案）"
INTRODUCTION = (
    "这是城关镇人民政府提请镇人民代表大会审查的2026年一般公共预算草案中的收支表，"
    "与2025年决算数对照列出。请先看收入和支出的合计，再看哪些项目变化大，"
    "想一想审议时可以问什么。"
)
SOURCE = "演示用虚构数据：城关镇财政所编制的2026年预算草案（万元）"
INCOME = [
    ("101", "税收收入", 3826, 3980),
    ("103", "非税收入", 612, 560),
    ("110", "上级补助收入", 9450, 9870),
    ("", "上年结转", 273, 221),
]
SPENDING = [
    ("201", "一般公共服务支出", 3912, 3760),
    ("204", "公共安全支出", 286, 301),
    ("205", "教育支出", 428, 455),
    ("207", "文化旅游体育与传媒支出", 215, 236),
    ("208", "社会保障和就业支出", 2134, 2318),
    ("210", "卫生健康支出", 846, 902),
    ("211", "节能环保支出", 310, 268),
    ("212", "城乡社区支出", 2573, 2246),
    ("213", "农林水支出", 2861, 3205),
    ("214", "交通运输支出", 364, 512),
    ("221", "住房保障支出", 192, 210),
    ("227", "预备费", 0, 180),
    ("229", "其他支出", 40, 38),
]
APPROVED = (
    BudgetProposal.Kind.LARGEST,
    BudgetProposal.Kind.LIVELIHOOD,
    BudgetProposal.Kind.BALANCE,
)


@transaction.atomic
def seed_budget_exercise() -> BudgetExercise:
    exercise, created = BudgetExercise.objects.get_or_create(
        title=TITLE,
        defaults={
            "level": BudgetExercise.Level.TOWNSHIP,
            "year": 2026,
            "unit": "万元",
            "introduction": INTRODUCTION,
            "source": SOURCE,
            "live": True,
        },
    )
    if created or not exercise.lines.exists():
        order = 0
        for side, rows in ((BudgetLine.Side.INCOME, INCOME), (BudgetLine.Side.SPENDING, SPENDING)):
            for code, name, previous, current in rows:
                BudgetLine.objects.create(
                    exercise=exercise,
                    sort_order=order,
                    side=side,
                    code=code,
                    name=name,
                    previous=Decimal(previous),
                    current=Decimal(current),
                    livelihood=side == BudgetLine.Side.SPENDING and is_livelihood_name(name),
                )
                order += 1
    propose_questions(exercise=exercise)
    for proposal in exercise.proposals.pending().filter(kind__in=APPROVED):
        if not exercise.proposals.filter(
            kind=proposal.kind, status=BudgetProposal.Status.APPROVED
        ).exists():
            approve_proposal(proposal=proposal)
    return exercise

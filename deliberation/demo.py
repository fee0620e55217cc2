"""The demo's deliberation practice, written in the project's own words: seeded by `seed_demo`
after the people, the study sessions and the question bank, and idempotent like the rest."""

from .budgets.demo import seed_budget_exercise
from .groups.demo import seed_groups
from .reports.demo import seed_reports
from .speeches.demo import seed_speech
from .votes.demo import seed_votes


def seed_deliberation() -> list[str]:
    """Seed each part and say in a line each what the demo now holds."""
    lines: list[str] = []
    lines += seed_reports()
    lines += seed_speech()
    budget = seed_budget_exercise()
    lines.append(
        f"Budget exercise: {budget.title} ({budget.lines.count()} lines, "
        f"{budget.proposals.pending().count()} questions waiting, "
        f"{budget.proposals.filter(status='approved').count()} approved)"
    )
    lines += seed_votes()
    lines += seed_groups()
    return lines

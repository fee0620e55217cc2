"""The checker's findings on each of a deputy's remarks: a remark is checked as the part its
kind goes into (`Remark.checker_part`), against the whole report's text, by the rules in use
(read once for all the remarks of a page)."""

from collections.abc import Iterable, Sequence

from deliberation.models import Remark, ReportExercise, ReportParagraph
from proposals.checker import PARTS, Rule, check
from proposals.selectors import active_rules, report_view

GENRE = "deliberation"


def report_text(exercise: ReportExercise) -> str:
    """The report's paragraphs in reading order, one a line: what remarks on it may cite.
    One query."""
    texts = (
        ReportParagraph.objects.filter(exercise=exercise)
        .order_by("section__position", "position")
        .values_list("text", flat=True)
    )
    return "\n".join(texts)


def remark_text(remark: Remark) -> str:
    """The remark as the checker reads it: a question names the department it is put to."""
    text = remark.text.strip()
    if remark.is_question and remark.department.strip():
        return f"{remark.department.strip()}：{text}"
    return text


def feedback_for(remark: Remark, *, level: str, rules: Sequence[Rule], report: str) -> dict:
    """The checker's report on one remark, ready for the templates: `findings` (each as
    proposals' finding partial shows it), `count` and `errors`."""
    part = remark.checker_part
    parts = dict.fromkeys(PARTS[GENRE], "")
    parts[part] = remark_text(remark)
    checked = check(parts, genre=GENRE, level=level, rules=rules, report=report or None)
    shown = report_view(checked.as_dict(), genre=GENRE)
    findings = [*shown["general"], *(f for p in shown["by_part"].values() for f in p)]
    # Those to fix first.
    findings.sort(key=lambda finding: not finding["is_error"])
    return {"findings": findings, "count": len(findings), "errors": shown["errors"]}


def attach_feedback(
    remarks: Iterable[Remark],
    *,
    exercise: ReportExercise,
    rules: Sequence[Rule] | None = None,
    report: str | None = None,
) -> None:
    """Set `remark.feedback` on each remark. The rules and the report's text are read once
    (two queries) unless given."""
    remarks = list(remarks)
    if not remarks:
        return
    rules = active_rules() if rules is None else rules
    report = report_text(exercise) if report is None else report
    for remark in remarks:
        remark.feedback = feedback_for(remark, level=exercise.level, rules=rules, report=report)

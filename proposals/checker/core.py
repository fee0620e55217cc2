"""What the checker works with: the genres, levels and parts of a draft, the criteria it
scores, a rule as editors keep it, a finding and the report."""

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# 建议, 议案, and 审议意见/审议发言 (remarks on a government report, or a speech made of them):
# every genre a deputy writes is checked by this one engine.
GENRES = ("suggestion", "motion", "deliberation", "visit_plan", "visit_report")
PROPOSAL_GENRES = ("suggestion", "motion")
LEVELS = ("township", "county")  # the congress the draft goes to
SEVERITIES = ("error", "warning")
PARTS = {
    # 标题, 问题, 原因和依据, 具体建议, 建议承办单位
    "suggestion": ("title", "problem", "causes", "measures", "handler"),
    # 标题, 案由, 案据, 方案, 联名代表（含领衔代表） (one name per line, the lead deputy first)
    "motion": ("title", "reason", "basis", "plan", "cosigners"),
    # 总体评价, 问题, 询问, 建议: a remark is of one kind (肯定, 问题, 询问, 建议) and fills one
    # part; a speech has them all.
    "deliberation": ("assessment", "problems", "questions", "suggestions"),
    # An inspection's or survey's plan (视察/调研方案): 目的, 对象、路线和时间, 关注问题清单 (one
    # question a line), 参加代表和分工 (app `inspections`).
    "visit_plan": ("purpose", "route", "focus_questions", "participants"),
    # Its report (视察报告/调研报告): 基本情况, 发现的问题, 意见建议.
    "visit_report": ("overview", "issues", "recommendations"),
}
ALL_PARTS = tuple(dict.fromkeys(part for genre in GENRES for part in PARTS[genre]))
# A context keeps these apart from the same English words elsewhere ("Reason" is 原因 on a
# certificate's revocation, but 案由 here).
PART_LABELS = {
    "title": pgettext_lazy("proposal part", "Title"),
    "problem": pgettext_lazy("proposal part", "Problem"),
    "causes": pgettext_lazy("proposal part", "Causes and grounds"),
    "measures": pgettext_lazy("proposal part", "Suggested measures"),
    "handler": pgettext_lazy("proposal part", "Suggested handling unit"),
    "reason": pgettext_lazy("proposal part", "Subject"),
    "basis": pgettext_lazy("proposal part", "Grounds"),
    "plan": pgettext_lazy("proposal part", "Plan"),
    "cosigners": pgettext_lazy("proposal part", "Joint signers (lead deputy included)"),
    "assessment": pgettext_lazy("deliberation part", "Overall assessment"),
    "problems": pgettext_lazy("deliberation part", "Problems"),
    "questions": pgettext_lazy("deliberation part", "Questions"),
    "suggestions": pgettext_lazy("deliberation part", "Suggestions"),
    "purpose": pgettext_lazy("inspection part", "Purpose"),
    "route": pgettext_lazy("inspection part", "Places, route and time"),
    "focus_questions": pgettext_lazy("inspection part", "Questions to answer on site"),
    "participants": pgettext_lazy("inspection part", "Participating deputies and their tasks"),
    "overview": pgettext_lazy("inspection part", "Basic facts"),
    "issues": pgettext_lazy("inspection part", "Problems found"),
    "recommendations": pgettext_lazy("inspection part", "Opinions and suggestions"),
}
GENRE_LABELS = {
    "suggestion": pgettext_lazy("checker genre", "Suggestion"),
    "motion": pgettext_lazy("checker genre", "Motion"),
    "deliberation": pgettext_lazy("checker genre", "Deliberation remarks"),
    "visit_plan": pgettext_lazy("checker genre", "Inspection plan"),
    "visit_report": pgettext_lazy("checker genre", "Inspection or survey report"),
}


class Criterion(models.TextChoices):
    COMPLETE = "complete", pgettext_lazy("checker criterion", "Complete")  # 要素齐全
    FOCUS = "focus", _("One matter")  # 一事一议
    CONCRETE = "concrete", _("Concrete and feasible")  # 具体可行
    FORM = "form", pgettext_lazy("checker criterion", "Form")  # 格式规范
    SCOPE = "scope", _("Within the deputy's role")  # 属于职权、非个人事务
    WORDING = "wording", _("Clear wording")  # 表述清楚


# The criteria as a reviewer of another genre reads them: the same six scores, named for what
# they measure in that genre's texts (a deliberation speech has no "one matter" to keep to).
GENRE_CRITERION_LABELS = {
    "deliberation": {
        Criterion.COMPLETE: _("Says something, with the report's facts"),
        Criterion.FOCUS: _("Tied to the report"),
        Criterion.CONCRETE: _("Questions and suggestions addressed and concrete"),
        Criterion.FORM: _("Length of a speech"),
        Criterion.SCOPE: _("About the work, not the person"),
    },
    "visit_plan": {
        Criterion.COMPLETE: _("Purpose, places and questions all there"),
        Criterion.CONCRETE: _("Questions that can be answered on site"),
        Criterion.SCOPE: _("Within the deputy's role"),
    },
    "visit_report": {
        Criterion.COMPLETE: _("Facts and evidence"),
        Criterion.CONCRETE: _("Suggestions addressed and concrete"),
        Criterion.SCOPE: _("Suggests, does not handle"),
    },
}


def criterion_labels(genre: str) -> dict[str, str]:
    """Each criterion's label for texts of the genre."""
    return {**dict(Criterion.choices), **GENRE_CRITERION_LABELS.get(genre, {})}


def as_strings(value) -> tuple[str, ...]:
    """A list as editors keep it: a sequence, or a text with one item a line; blanks dropped."""
    if value is None:
        return ()
    items = value.splitlines() if isinstance(value, str) else value
    return tuple(text for text in (str(item).strip() for item in items) if text)


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str
    criterion: str
    name: str
    message: str
    fix: str
    basis: str
    words: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    severity: str = "error"
    weight: int = 20
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self):
        # Lists from JSON or a form become tuples, so a rule stays hashable and immutable.
        for name in ("words", "parts", "genres", "levels"):
            object.__setattr__(self, name, as_strings(getattr(self, name)))
        # A copy, so the caller's dict cannot change the rule; anything but a mapping is kept
        # as it is for rule_problems to report.
        params = self.params if self.params is not None else {}
        object.__setattr__(self, "params", dict(params) if isinstance(params, Mapping) else params)

    @classmethod
    def from_dict(cls, data: Mapping) -> "Rule":
        """A rule from a DEFAULT_RULES entry or a row's values; keys that are not fields (a
        row's id) are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in names})

    def applies_to(self, *, genre: str, level: str) -> bool:
        return (not self.genres or genre in self.genres) and (
            not self.levels or level in self.levels
        )


@dataclass(frozen=True)
class Finding:
    rule: Rule
    part: str  # a part key, or "" for the draft as a whole
    quote: str  # an exact substring of the part's text, "" when there is nothing to quote
    message: str
    # The words in the quote that made the finding, for the page to mark: each an exact
    # substring of the quote. Empty when the quote as a whole is the point (a title).
    words: tuple[str, ...] = ()


@dataclass
class Report:
    findings: list[Finding]
    scores: dict[str, int]
    overall: int
    passed: bool

    def for_part(self, part: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.part == part]

    def as_dict(self) -> dict:
        """A JSON snapshot kept with a submitted revision: it stays as it was when the rules
        change later."""
        return {
            "findings": [
                {
                    "code": f.rule.code,
                    "name": f.rule.name,
                    "criterion": f.rule.criterion,
                    "severity": f.rule.severity,
                    "part": f.part,
                    "quote": f.quote,
                    "words": list(f.words),
                    "message": f.message,
                    "fix": f.rule.fix,
                    "basis": f.rule.basis,
                }
                for f in self.findings
            ],
            "scores": dict(self.scores),
            "overall": self.overall,
            "passed": self.passed,
        }

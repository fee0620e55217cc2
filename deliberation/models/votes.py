"""The mock vote on livelihood projects (民生实事项目代表票决), held as group study.

Many counties have their township congresses choose the year's livelihood projects by the
deputies' vote, a practice their local rules set; a station practises it at a group-study
session. Staff list the candidate projects and state the rule; the deputies present vote on each
from their phones; the tally follows the rule (`deliberation.votes.tally`).

Written only through `deliberation.votes.services`; read through `deliberation.votes.selectors`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MockVote(models.Model):
    class Rule(models.TextChoices):
        """Whose half a project's 赞成 must exceed."""

        EXPECTED = "expected", _("More than half of all the deputies expected at the session")
        PRESENT = "present", _("More than half of the deputies present")
        CAST = "cast", _("More than half of the votes cast")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("vote", "Draft")
        OPEN = "open", pgettext_lazy("vote", "Open")
        CLOSED = "closed", pgettext_lazy("vote", "Closed")

    session = models.ForeignKey(
        "studysessions.StudySession",
        on_delete=models.CASCADE,
        related_name="mock_votes",
        verbose_name=_("group study session"),
    )
    title = models.CharField(_("title"), max_length=120)
    rule = models.CharField(_("rule"), max_length=10, choices=Rule.choices, default=Rule.EXPECTED)
    # Empty: every project that passes is chosen. N: at most N of them, those with the most 赞成.
    max_chosen = models.PositiveSmallIntegerField(
        _("choose at most"),
        null=True,
        blank=True,
        help_text=_("Empty: every project that passes is chosen."),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Kept when the vote closes, so that a roll corrected afterwards does not change a result
    # already announced; while the vote is open they are counted afresh.
    expected_at_close = models.PositiveIntegerField(null=True, blank=True, editable=False)
    present_at_close = models.PositiveIntegerField(null=True, blank=True, editable=False)
    voters_at_close = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("mock vote")
        verbose_name_plural = _("mock votes")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_chosen__isnull=True) | Q(max_chosen__gte=1),
                name="mock_vote_max_chosen_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "open", "closed"]), name="mock_vote_status_known"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class VoteProject(models.Model):
    """A candidate livelihood project."""

    vote = models.ForeignKey(MockVote, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("project"), max_length=80)
    description = models.TextField(_("what it does"), max_length=600, blank=True)
    cost = models.DecimalField(
        _("estimated cost (10,000 yuan)"),
        max_digits=9,
        decimal_places=1,
        null=True,
        blank=True,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("candidate project")
        verbose_name_plural = _("candidate projects")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="vote_project_cost_positive"
            )
        ]

    def __str__(self):
        return self.name


class Ballot(models.Model):
    """One deputy's vote on one project. The unique constraint keeps a deputy to one ballot a
    project whatever the taps, tabs or phones; while the vote is open the deputy may change it.
    When the vote closes the ballots are cut from the deputies (`deputy` set to empty): the
    counts stay, and nobody, staff or database reader, can tell afterwards who voted what."""

    class Choice(models.TextChoices):
        YES = "yes", pgettext_lazy("vote", "For")
        NO = "no", pgettext_lazy("vote", "Against")
        ABSTAIN = "abstain", pgettext_lazy("vote", "Abstain")

    project = models.ForeignKey(VoteProject, on_delete=models.CASCADE, related_name="ballots")
    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # No time of casting is kept: with one, a ballot cut from its deputy could be matched
    # again to whoever was seen voting at that moment.
    choice = models.CharField(_("vote"), max_length=8, choices=Choice.choices)

    class Meta:
        verbose_name = _("ballot")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "deputy"], name="one_ballot_per_deputy_per_project"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=["yes", "no", "abstain"]), name="ballot_choice_known"
            ),
        ]

    def __str__(self):
        return f"{self.project} · {self.get_choice_display()}"

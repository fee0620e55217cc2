"""Reads of proposal practice. A deputy reads only their own drafts and revisions: anyone else's
is a 404, like every read of personal data (`deputies.selectors`). Also here: the rules in use,
and a checker's report made ready to show beside the text it concerns."""

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404

from deputies.models import Deputy
from deputies.selectors import deputies_in_care_of

from .checker import PART_LABELS, PARTS, Criterion, Rule, criterion_labels
from .models import (
    CheckRule,
    Draft,
    Example,
    Exercise,
    Level,
    Review,
    Revision,
    Severity,
)
from .rule_defaults import DEFAULT_RULES


def active_rules() -> list[Rule]:
    """The rules in use, in their order, as the checker takes them. One query.

    A table with no rule at all (a database set up without the seeding migration's rows, e.g.
    after a test emptied it) checks by the shipped defaults; rules switched off stay off."""
    rows = list(CheckRule.objects.order_by("sort_order", "code"))
    if not rows:
        return [Rule.from_dict(rule) for rule in DEFAULT_RULES]
    return [row.as_rule() for row in rows if row.enabled]


def congress_roster(draft: Draft) -> frozenset[str] | None:
    """The names, spaces removed, of the deputies in office of the congress the draft goes to,
    for the checker to tell whether its joint signers may sign: for a township exercise, the
    township deputies of the drafter's township; for a county exercise, the county deputies of
    the drafter's county.

    None, so that the rule stays quiet, for a genre without joint signers and for a congress
    with no deputy on file. One query, then kept on the draft object for the rest of the
    request. The names never reach the page: the checker quotes only names the drafter wrote.
    """
    cached = getattr(draft, "_congress_roster", False)
    if cached is not False:
        return cached
    roster = None
    exercise = draft.exercise
    if "cosigners" in PARTS[exercise.genre]:
        drafter = Deputy.objects.filter(pk=draft.deputy_id)
        if exercise.level == Level.COUNTY:
            county = drafter.values("township__county_id")[:1]
            congress = Q(level=Deputy.Level.COUNTY, township__county=county)
        else:
            township = drafter.values("township_id")[:1]
            congress = Q(level=Deputy.Level.TOWNSHIP, township=township)
        names = Deputy.objects.active().filter(congress).values_list("user__name", flat=True)
        roster = frozenset("".join(name.split()) for name in names) or None
    draft._congress_roster = roster
    return roster


def live_exercises(deputy) -> list[Exercise]:
    """The live exercises, each with `draft`: the deputy's draft, or None. Two queries."""
    exercises = list(
        Exercise.objects.live().prefetch_related(
            Prefetch("drafts", queryset=Draft.objects.filter(deputy=deputy), to_attr="mine")
        )
    )
    for exercise in exercises:
        exercise.draft = exercise.mine[0] if exercise.mine else None
    return exercises


def own_drafts(deputy) -> list[Draft]:
    """The deputy's drafts, last saved first, each with `revision_count` and `last_score` (the
    latest revision's score, None before the first submission). One query."""
    latest = Revision.objects.filter(draft=OuterRef("pk")).order_by("-number")
    return list(
        Draft.objects.filter(deputy=deputy)
        .for_listing()
        .annotate(
            revision_count=Count("revisions"),
            last_score=Subquery(latest.values("overall")[:1]),
        )
    )


def exercise_for(deputy, pk) -> Exercise:
    """An exercise the deputy may open: a live one, or one they have a draft for (an exercise
    taken down keeps its drafts readable). With `draft`, theirs or None."""
    exercise = (
        Exercise.objects.filter(pk=pk)
        .prefetch_related(
            Prefetch("drafts", queryset=Draft.objects.filter(deputy=deputy), to_attr="mine")
        )
        .first()
    )
    if exercise is None or not (exercise.live or exercise.mine):
        raise Http404("No such exercise")
    exercise.draft = exercise.mine[0] if exercise.mine else None
    return exercise


def own_draft(deputy, pk) -> Draft:
    draft = Draft.objects.select_related("exercise").filter(pk=pk, deputy=deputy).first()
    if draft is None:
        raise Http404("No such draft")
    return draft


def revisions_of(draft: Draft) -> list[Revision]:
    """The draft's revisions, first to last, without their text and report."""
    return list(
        draft.revisions.order_by("number").only(
            "pk", "draft_id", "number", "overall", "passed", "submitted_at"
        )
    )


def own_revision(deputy, draft_pk, number) -> Revision:
    # The deputy's station and township name who reviews a draft that waits for review.
    revision = (
        Revision.objects.select_related(
            "draft__exercise", "draft__deputy__station", "draft__deputy__township"
        )
        .filter(draft_id=draft_pk, draft__deputy=deputy, number=number)
        .first()
    )
    if revision is None:
        raise Http404("No such revision")
    return revision


# Showing a report. A report is read from its JSON snapshot (`Report.as_dict()`) both when it
# was just made and when it was kept with a revision, so both pages show it the same way.


def report_view(report: dict, *, genre: str) -> dict:
    """A report ready for the templates: `overall`, `passed`, `criteria` (label and score),
    `general` (findings on the whole draft), `by_part` (each part's findings), `count` and
    `errors` (the findings that must be fixed). Each finding has its `words` and its quote cut
    into `quote_pieces` with those words marked."""
    findings = [dict(finding) for finding in report.get("findings", ())]
    labels = criterion_labels(genre)
    scores = report.get("scores", {})
    for finding in findings:
        finding["part_label"] = PART_LABELS.get(finding["part"], "")
        finding["is_error"] = finding.get("severity") == Severity.ERROR
        finding["severity_label"] = Severity(finding.get("severity", Severity.ERROR)).label
        # Snapshots kept before findings named their words have none: the quote shows unmarked.
        finding["words"] = [w for w in finding.get("words") or () if isinstance(w, str) and w]
        finding["quote_pieces"] = marked(finding.get("quote", ""), finding["words"])
    by_part = {part: [f for f in findings if f["part"] == part] for part in PARTS[genre]}
    return {
        "overall": report.get("overall", 0),
        "passed": report.get("passed", False),
        # In the checker's order: a PostgreSQL jsonb snapshot does not keep the keys' order.
        "criteria": [
            {"label": labels[code], "score": scores[code]}
            for code in Criterion.values
            if code in scores
        ],
        "general": [f for f in findings if f["part"] not in by_part],
        "by_part": by_part,
        "count": len(findings),
        "errors": sum(1 for f in findings if f["is_error"]),
    }


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every place the needle stands in the text, overlapping ones too ("哈哈" twice in
    "哈哈哈")."""
    spans = []
    if needle:
        start = text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = text.find(needle, start + 1)
    return spans


def _pieces(text: str, spans) -> list[dict]:
    """The text cut at the spans, overlapping or touching spans marked as one piece."""
    pieces, at = [], 0
    for start, end in sorted(spans):
        if end <= at:
            continue
        if start > at:
            pieces.append({"text": text[at:start], "marked": False})
            pieces.append({"text": text[start:end], "marked": True})
        elif pieces and pieces[-1]["marked"]:
            pieces[-1]["text"] += text[at:end]
        else:
            pieces.append({"text": text[at:end], "marked": True})
        at = end
    if at < len(text):
        pieces.append({"text": text[at:], "marked": False})
    return pieces


def marked(text: str, needles) -> list[dict]:
    """The text cut into pieces, each place a needle stands marked: [{"text", "marked"}].
    The templates escape every piece, so markup in a draft stays text."""
    return _pieces(text, [span for needle in set(needles) for span in _occurrences(text, needle)])


def _marks_in(text: str, finding: dict) -> list[tuple[int, int]]:
    """Where a finding points in its part's text: the words that made it, inside the places
    its quote stands. A snapshot kept before findings named their words marks the whole
    quote, as it did then; a finding about the quote as a whole (no words) marks nothing in
    the text, its quote being shown with it."""
    quote = finding.get("quote") or ""
    if "words" not in finding or finding.get("words") is None:
        return _occurrences(text, quote)
    words = [w for w in finding["words"] if isinstance(w, str) and w]
    spans = []
    for start, _end in _occurrences(text, quote):
        for word in words:
            spans.extend((start + a, start + b) for a, b in _occurrences(quote, word))
    return spans


def revision_view(revision: Revision) -> dict:
    """A revision's report, and each part's text cut into pieces with the words its findings
    name marked, ready for the templates."""
    report = report_view(revision.report, genre=revision.genre)
    raw = [dict(f) for f in revision.report.get("findings", ())]
    rows = []
    for name, findings in report["by_part"].items():
        text = revision.parts.get(name, "")
        spans = [span for f in raw if f.get("part") == name for span in _marks_in(text, f)]
        rows.append(
            {
                "name": name,
                "label": PART_LABELS[name],
                "pieces": _pieces(text, spans),
                "empty": not text.strip(),
                "findings": findings,
            }
        )
    return {"report": report, "rows": rows}


# Staff: the drafts of the deputies in their care, and the example gallery.


def drafts_in_care_of(user):
    """Drafts submitted at least once by deputies the user looks after (not the user's own),
    each with its latest revision's `latest_number`, `latest_score` and `latest_at`."""
    latest = Revision.objects.filter(draft=OuterRef("pk")).order_by("-number")
    return (
        Draft.objects.filter(deputy__in=deputies_in_care_of(user), revisions__isnull=False)
        .exclude(deputy__user_id=user.pk)
        .distinct()
        .select_related("exercise", "deputy__user", "deputy__station", "deputy__township")
        .annotate(
            latest_pk=Subquery(latest.values("pk")[:1]),
            latest_number=Subquery(latest.values("number")[:1]),
            latest_score=Subquery(latest.values("overall")[:1]),
            latest_at=Subquery(latest.values("submitted_at")[:1]),
        )
    )


# The review queue's tabs: waiting drafts oldest first (first come, first reviewed), the others
# most recent first.
REVIEW_TABS = {
    "waiting": (Draft.Status.SUBMITTED,),
    "returned": (Draft.Status.RETURNED,),
    "accepted": (Draft.Status.ACCEPTED,),
}


def review_queue(user, tab: str):
    drafts = drafts_in_care_of(user).filter(status__in=REVIEW_TABS[tab])
    if tab == "waiting":
        return drafts.order_by("latest_at", "pk")
    return drafts.order_by("-latest_at", "-pk")


def review_tab_counts(user) -> dict[str, int]:
    """How many drafts each tab holds. One query."""
    counts = (
        Draft.objects.filter(deputy__in=deputies_in_care_of(user), revisions__number=1)
        .exclude(deputy__user_id=user.pk)
        .aggregate(
            **{
                tab: Count("pk", filter=Q(status__in=statuses))
                for tab, statuses in REVIEW_TABS.items()
            }
        )
    )
    return counts


def revision_for_review(user, pk) -> Revision:
    """A revision of a deputy in the user's care, with what the review page shows; anyone
    else's, or the user's own, is a 404."""
    revision = (
        Revision.objects.select_related(
            "draft__exercise",
            "draft__deputy__user",
            "draft__deputy__station",
            "draft__deputy__township",
            "example",
        )
        .filter(pk=pk, draft__deputy__in=deputies_in_care_of(user))
        .exclude(draft__deputy__user_id=user.pk)
        .first()
    )
    if revision is None:
        raise Http404("No such revision in the user's care")
    return revision


def reviews_of(draft: Draft) -> list[Review]:
    """Every review of the draft, oldest first, with its revision's number and reviewer."""
    return list(
        Review.objects.filter(revision__draft=draft)
        .select_related("reviewer")
        .annotate(number=F("revision__number"))
        .order_by("created_at", "pk")
    )


def review_of(revision: Revision) -> Review | None:
    """The revision's review (the last, should there be more), with its reviewer."""
    return revision.reviews.select_related("reviewer").order_by("-created_at", "-pk").first()


def latest_review(draft: Draft) -> Review | None:
    """The review of the draft's latest reviewed revision: what a returned draft answers."""
    return (
        Review.objects.filter(revision__draft=draft)
        .select_related("reviewer")
        .order_by("-revision__number", "-created_at", "-pk")
        .first()
    )


def review_view(review: Review | None, *, genre: str) -> dict | None:
    """A review ready for the templates: the scores by criterion label, the general comment,
    and the comments by part."""
    if review is None:
        return None
    labels = criterion_labels(genre)
    return {
        "review": review,
        "scores": [
            {
                "label": labels[code],
                "score": review.scores[code],
                # Below 4 of 5 stands out, as a checker's score below 100 does.
                "short": review.scores[code] < Review.MAX_SCORE - 1,
            }
            for code in Criterion.values
            if code in review.scores
        ],
        "total": sum(review.scores.values()),
        "max_total": Review.MAX_SCORE * len(Criterion.values),
        "comments": {part: review.comments.get(part, "") for part in PARTS[genre]},
    }


def _examples():
    return Example.objects.select_related(
        "revision__draft__exercise",
        "revision__draft__deputy__user",
        "revision__draft__deputy__township",
    )


def examples() -> list[Example]:
    """The example gallery, newest first."""
    return list(_examples())


def example(pk) -> Example:
    found = _examples().filter(pk=pk).first()
    if found is None:
        raise Http404("No such example")
    return found

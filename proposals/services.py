"""Writes of proposal practice: starting a draft, saving it as the deputy types, checking and
submitting it, and the deputy's consent to publish.

Every save names the `saved_version` it started from, and the draft row is locked while that is
compared and the text written (SQLite's IMMEDIATE transactions serialise writers; on PostgreSQL
the row lock does). Of two tabs saving from the same version, the second is refused with
`StaleDraft` instead of silently replacing the first one's text.
"""

from collections.abc import Collection, Mapping

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .checker import PART_LABELS, PARTS, Report, check
from .models import Draft, Example, Exercise, Genre, Revision
from .selectors import active_rules, congress_roster
from .signals import exercise_accepted
from .split import split_text

# A part longer than this is not a practice draft (a whole 建议 is rarely over 2,000 characters).
MAX_PART_CHARS = 5000


class DraftError(ValueError):
    """Something the deputy asked for that cannot be done; the message says why."""


class PartError(DraftError):
    """The text sent cannot be a draft of this genre; `part` names the part at fault, if one."""

    def __init__(self, message: str, part: str | None = None):
        super().__init__(message)
        self.part = part


class StaleDraft(DraftError):
    """The draft was saved elsewhere (another tab or device) after this page loaded it."""


class DraftClosed(DraftError):
    """The draft is submitted or accepted: it is read-only until staff return it."""


def clean_parts(*, genre: str, data) -> dict[str, str]:
    """The parts in `data`, as text with plain line breaks. Refused, naming the part, when a
    name is not one of the genre's parts, a value is not text, or a part is over
    MAX_PART_CHARS. Parts left out of `data` are left out of the result."""
    if not isinstance(data, Mapping):
        raise PartError(_("The draft could not be read."))
    names = PARTS[genre]
    unknown = sorted(str(key) for key in data if key not in names)
    if unknown:
        raise PartError(
            _("This draft has no part called %(parts)s.") % {"parts": ", ".join(unknown)}
        )
    parts = {}
    for name in names:
        if name not in data:
            continue
        value = data[name]
        if not isinstance(value, str):
            raise PartError(_("The draft could not be read."), part=name)
        # Browsers send form text with CRLF and scripts with LF; the checker quotes the text as
        # stored, so store one kind.
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if len(value) > MAX_PART_CHARS:
            raise PartError(
                _(
                    "This part is %(length)d characters long; a part may have at most %(max)d. "
                    "Shorten it: nothing was saved."
                )
                % {"length": len(value), "max": MAX_PART_CHARS},
                part=name,
            )
        parts[name] = value
    return parts


def max_text_chars(genre: str) -> int:
    """The longest whole text that may be pasted in: every part at its longest."""
    return MAX_PART_CHARS * len(PARTS[genre])


def split_pasted(*, genre: str, text) -> dict[str, str]:
    """A whole 建议 or 议案 pasted in one piece (from Word or WeChat), split into the genre's
    parts for the deputy to check. Writes nothing. Refused with PartError when the text is
    empty or only spaces, longer than `max_text_chars`, or puts more than MAX_PART_CHARS into
    one part."""
    if not isinstance(text, str) or not text.strip():
        raise PartError(_("The box is empty. Paste the whole text into it first."))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    limit = max_text_chars(genre)
    if len(text) > limit:
        raise PartError(
            _(
                "The pasted text is %(length)d characters long; at most %(max)d can be split. "
                "Paste a shorter text: nothing was changed."
            )
            % {"length": len(text), "max": limit}
        )
    parts = split_text(text, genre)
    for name, value in parts.items():
        if len(value) > MAX_PART_CHARS:
            raise PartError(
                _(
                    "Split up, the part “%(part)s” would be %(length)d characters long; a part "
                    "may have at most %(max)d. Shorten the text: nothing was changed."
                )
                % {"part": PART_LABELS[name], "length": len(value), "max": MAX_PART_CHARS},
                part=name,
            )
    return parts


def split_for_draft(*, draft: Draft, text) -> dict[str, str]:
    """The pasted text split into the draft's parts, for the page to show unsaved. Refused
    (DraftClosed) for a draft that is read-only, and as `split_pasted` refuses."""
    _refuse_if_closed(draft)
    return split_pasted(genre=draft.exercise.genre, text=text)


def start_draft(
    *, deputy, exercise: Exercise, parts: Mapping | None = None, assigned: bool = False
) -> Draft:
    """The deputy's draft for the exercise, made the first time, with `parts` (a text the
    deputy pasted, split) saved in it. Two taps or two tabs get the same draft: the unique
    constraint admits one. A draft that exists already is returned as it is.

    `assigned`: the exercise is one deputy's piece of real work, made by the app that holds it
    (an inspection's plan or report, a suggestion from a finding) and never live among the
    practice exercises; that app starts the draft, and the deputy reaches it through the app."""
    existing = Draft.objects.filter(deputy=deputy, exercise=exercise).first()
    if existing is not None:
        return existing
    if not (exercise.live or assigned):
        raise DraftError(_("This exercise is not open."))
    text = dict.fromkeys(exercise.part_names, "")
    if parts:
        text.update(clean_parts(genre=exercise.genre, data=parts))
    try:
        with transaction.atomic():
            return Draft.objects.create(
                deputy=deputy,
                exercise=exercise,
                parts=text,
                # A text given at the start is a save: the page says when it was saved.
                saved_version=1 if parts else 0,
            )
    except IntegrityError:
        draft = Draft.objects.filter(deputy=deputy, exercise=exercise).first()
        if draft is None:
            raise
        return draft


@transaction.atomic
def start_private_draft(*, deputy, title: str, level: str, scenario: str, parts: Mapping) -> Draft:
    """A suggestion draft the deputy starts from their own work rather than from an editor's
    exercise (a voter's matter raised at reception), on an exercise made for it alone.

    The exercise is never live, so no other deputy sees it; its deputy opens it through the
    draft, and submits and is reviewed as with any other. `scenario` is what the draft
    responds to, shown beside it; `parts` prefill the draft."""
    exercise = Exercise.objects.create(
        title=title[: Exercise._meta.get_field("title").max_length],
        genre=Genre.SUGGESTION,
        level=level,
        scenario=scenario,
        live=False,
    )
    text = dict.fromkeys(exercise.part_names, "")
    text.update(clean_parts(genre=exercise.genre, data=parts))
    return Draft.objects.create(deputy=deputy, exercise=exercise, parts=text, saved_version=1)


def _locked(draft: Draft) -> Draft:
    return Draft.objects.select_for_update().select_related("exercise").get(pk=draft.pk)


def _refuse_if_closed(draft: Draft) -> None:
    if draft.status == Draft.Status.ACCEPTED:
        raise DraftClosed(_("This draft has been accepted; it can no longer change."))
    if not draft.editable:
        raise DraftClosed(
            _("This draft has been submitted; it can change again if it is returned to you.")
        )


def _write(draft: Draft, parts: dict[str, str], saved_version: int, now) -> None:
    """Write the parts over a locked draft, if it is still at `saved_version`."""
    _refuse_if_closed(draft)
    if saved_version != draft.saved_version:
        raise StaleDraft(
            _(
                "This draft was saved from another tab or device after this page was opened. "
                "Your text here was not saved: copy it, then reload the page."
            )
        )
    draft.parts = {**draft.parts, **parts}
    draft.saved_version += 1
    draft.updated_at = now
    draft.save(update_fields=["parts", "saved_version", "updated_at"])


def save_draft(*, draft: Draft, parts: Mapping, saved_version: int, now=None) -> Draft:
    """Save the deputy's text; returns the draft at its new version. Nothing is written when
    the text is refused (PartError), the draft is read-only (DraftClosed) or was saved
    elsewhere since `saved_version` (StaleDraft)."""
    cleaned = clean_parts(genre=draft.exercise.genre, data=parts)
    with transaction.atomic():
        current = _locked(draft)
        _write(current, cleaned, saved_version, now or timezone.now())
    return current


def check_parts(
    *,
    genre: str,
    level: str,
    parts: Mapping,
    roster: Collection[str] | None = None,
    report: str | None = None,
    speech: bool | None = None,
) -> Report:
    """The checker's report on the text, by the rules in use now. `roster`: the names of the
    deputies of the congress the text goes to, None when unknown; for remarks on a report
    (genre "deliberation"), `report`: the report's text, and `speech`: whether the text is a
    whole speech (see `checker.check`)."""
    text = {name: parts.get(name, "") for name in PARTS[genre]}
    return check(
        text,
        genre=genre,
        level=level,
        rules=active_rules(),
        roster=roster,
        report=report,
        speech=speech,
    )


def check_draft(draft: Draft) -> Report:
    """The report on the draft's saved text (not on what a page may hold unsaved), its joint
    signers checked against the deputies of the drafter's congress, and what the exercise
    gives the checker beside it (a speech's report: `Exercise.checker_context`)."""
    return check_parts(
        genre=draft.exercise.genre,
        level=draft.exercise.level,
        parts=draft.parts,
        roster=congress_roster(draft),
        **draft.exercise.checker_context,
    )


def submit_draft(*, draft: Draft, parts: Mapping, saved_version: int, now=None) -> Revision:
    """Save the text, check it, and keep both as the draft's next revision; the draft is then
    read-only until staff return it.

    Where the exercise lets the checker decide, a passing revision is accepted at once and a
    failing one comes straight back to the deputy, its findings being the feedback.

    A second tap on Submit (or a retry after a lost response) returns the revision the first
    made; submitting a returned draft unchanged, from the page that showed it returned, is
    refused."""
    now = now or timezone.now()
    exercise = draft.exercise
    cleaned = clean_parts(genre=exercise.genre, data=parts)
    with transaction.atomic():
        current = _locked(draft)
        latest = current.revisions.order_by("-number").first()
        unchanged = (
            latest is not None
            and latest.saved_version == current.saved_version
            and latest.parts == {**current.parts, **cleaned}
        )
        # A repeat of the submission that made the latest revision (a second tap, a retry after
        # a lost response) started from the version just before that revision's own save; it
        # gets that revision, even when the checker has already sent the draft back.
        repeat = unchanged and saved_version == latest.saved_version - 1
        if unchanged and (repeat or not current.editable):
            return latest
        if unchanged:
            raise DraftError(
                _("Nothing has changed since revision %(number)d. Revise the draft first.")
                % {"number": latest.number}
            )
        _write(current, cleaned, saved_version, now)
        if not any(text.strip() for text in current.parts.values()):
            raise DraftError(_("The draft is empty. Write it before submitting."))
        report = check_draft(current)
        number = (current.revisions.aggregate(last=Max("number"))["last"] or 0) + 1
        revision = Revision(
            draft=current,
            number=number,
            genre=exercise.genre,
            level=exercise.level,
            parts=dict(current.parts),
            report=report.as_dict(),
            overall=report.overall,
            passed=report.passed,
            saved_version=current.saved_version,
            submitted_at=now,
        )
        revision.full_clean(validate_constraints=False)
        revision.save()
        status = _status_after_submission(exercise, report)
        if status == Draft.Status.ACCEPTED:
            accept(current, now=now)
        else:
            current.status = status
            current.save(update_fields=["status"])
    draft.status, draft.parts, draft.saved_version = (
        current.status,
        current.parts,
        current.saved_version,
    )
    draft.accepted_at, draft.credit_hours = current.accepted_at, current.credit_hours
    return revision


def accept(draft: Draft, *, now) -> Draft:
    """Accept the draft (its row locked by the caller, inside the caller's transaction): by
    the checker on submission, or by a reviewer. It keeps when, and the exercise's credit
    hours (学时) at that moment, as the deputy's to keep whatever the exercise says later.
    Then other apps hear of it, in the same transaction (signals.py says why)."""
    draft.status = Draft.Status.ACCEPTED
    draft.accepted_at = now
    draft.credit_hours = draft.exercise.credit_hours
    draft.save(update_fields=["status", "accepted_at", "credit_hours"])
    exercise_accepted.send(sender=Draft, deputy=draft.deputy, exercise=draft.exercise)
    return draft


def _status_after_submission(exercise: Exercise, report: Report) -> str:
    if not exercise.pass_by_checker:
        return Draft.Status.SUBMITTED
    return Draft.Status.ACCEPTED if report.passed else Draft.Status.RETURNED


@transaction.atomic
def set_consent(*, draft: Draft, consent: bool, now=None) -> Draft:
    """The deputy allows, or no longer allows, their accepted text to be shown to other
    deputies as an example. Withdrawing takes down what was published."""
    now = now or timezone.now()
    draft.consent_to_publish = consent
    draft.consent_at = now if consent else None
    draft.save(update_fields=["consent_to_publish", "consent_at"])
    if not consent:
        Example.objects.filter(revision__draft=draft).delete()
    return draft

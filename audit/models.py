"""The audit log: who did what, when, to whom, in which county. Rows are only ever added.

Every app writes the log, deputies too (roles, places, terms, the roster), so the log imports
no app: it names deputies' models by Django's lazy reference ("deputies.County"), as it names
users by settings.AUTH_USER_MODEL, and reads their labels through the app registry when an
entry is described."""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.text import capfirst
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    GRADE_CHANGED = "grade_changed", _("Grade changed")
    CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
    CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
    CERTIFICATE_REISSUED = "certificate_reissued", _("Certificate re-issued")
    ROSTER_IMPORTED = "roster_imported", _("Roster imported")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REMOVED = "role_removed", _("Role removed")
    ACCOUNT_CHANGED = "account_changed", _("Account access changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    SIGNIN_CODE_CREATED = "signin_code_created", _("Sign-in code created")
    ATTENDANCE_MARKED = "attendance_marked", _("Attendance marked")
    COURSE_ASSIGNED = "course_assigned", _("Course assigned")
    COURSE_WITHDRAWN = "course_withdrawn", _("Course assignment withdrawn")
    NOTICE_SENT = "notice_sent", _("Notice sent")
    PLACE_CREATED = "place_created", _("Place created")
    PLACE_CHANGED = "place_changed", _("Place changed")
    PLACE_DELETED = "place_deleted", _("Place deleted")
    ROSTER_EXPORTED = "roster_exported", _("Roster exported")
    TERM_CHANGED = "term_changed", _("New term opened")
    TERM_DATES_CHANGED = "term_dates_changed", _("Term dates changed")
    DEPUTY_LEFT_OFFICE = "deputy_left_office", _("Deputy left office")
    TRAINING_EXEMPTED = "training_exempted", _("Initial training exemption")
    OPINIONS_EXPORTED = "opinions_exported", _("Summary of deliberation opinions downloaded")
    VOTER_MOBILE_VIEWED = "voter_mobile_viewed", _("Voter's mobile number viewed")
    SUGGESTION_RECORDED = "suggestion_recorded", _("Submitted suggestion recorded for a deputy")


# What each entry says, filled from its `detail`. Kept as data, not text, so that the log reads
# in the reader's language whatever the language of the person who acted.
DESCRIPTIONS = {
    Action.GRADE_CHANGED: _(
        "%(deputy)s, %(quiz)s, question %(number)s: %(old)s → %(new)s points. %(comment)s"
    ),
    Action.CERTIFICATE_ISSUED: _("%(serial)s to %(deputy)s for %(course)s. %(note)s"),
    Action.CERTIFICATE_REVOKED: _("%(serial)s of %(deputy)s (%(course)s). Reason: %(reason)s"),
    Action.CERTIFICATE_REISSUED: _("%(old_serial)s of %(deputy)s replaced by %(serial)s."),
    Action.ROSTER_IMPORTED: _(
        "%(filename)s: %(created)s new, %(updated)s updated, %(unchanged)s unchanged, "
        "%(rejected)s rejected."
    ),
    Action.ROLE_GRANTED: _("%(user)s: %(role)s, %(place)s."),
    Action.ROLE_REMOVED: _("%(user)s: %(role)s, %(place)s."),
    Action.ACCOUNT_CHANGED: _("%(user)s: %(changes)s."),
    Action.PASSWORD_RESET: _("%(deputy)s: a temporary password was given."),
    Action.SIGNIN_CODE_CREATED: _(
        "%(deputy)s: a one-time sign-in code, valid until %(expires)s. %(note)s"
    ),
    Action.ATTENDANCE_MARKED: _("%(deputy)s, %(session)s: %(old)s → %(new)s."),
    Action.COURSE_ASSIGNED: _("%(course)s to %(count)s deputies (%(places)s), due %(due)s."),
    Action.COURSE_WITHDRAWN: _("%(deputy)s: %(course)s withdrawn."),
    Action.NOTICE_SENT: _("“%(title)s” to %(count)s deputies (%(audience)s)."),
    Action.PLACE_CREATED: _("%(kind)s %(place)s (%(code)s)."),
    Action.PLACE_CHANGED: _("%(kind)s %(place)s (%(code)s): %(changes)s."),
    Action.PLACE_DELETED: _("%(kind)s %(place)s (%(code)s)."),
    Action.ROSTER_EXPORTED: _("%(count)s deputies of %(place)s, with their mobile numbers."),
    Action.TERM_CHANGED: _(
        "%(term)s from %(day)s: %(reelected)s re-elected, %(new)s new, %(left)s left office "
        "(%(filename)s)."
    ),
    Action.TERM_DATES_CHANGED: _("%(term)s: %(old)s → %(new)s."),
    Action.DEPUTY_LEFT_OFFICE: _("%(deputy)s: last day in office %(day)s, %(reason)s."),
    Action.TRAINING_EXEMPTED: _("%(deputy)s, %(programme)s: %(choice)s. %(note)s"),
    Action.OPINIONS_EXPORTED: _(
        "“%(title)s”, %(session)s (%(format)s): %(count)s remarks, %(names)s."
    ),
    Action.VOTER_MOBILE_VIEWED: _("Matter %(matter)s of %(station)s: the voter's mobile shown."),
    Action.SUGGESTION_RECORDED: _("%(deputy)s, “%(title)s”: %(step)s."),
}

# The steps of a submitted suggestion that staff record for a deputy (receptions), stored by
# key in the entry's `step` and read in the reader's language.
SUGGESTION_STEPS = {
    "added": _("suggestion recorded"),
    "edited": _("details changed"),
    "reply": _("reply recorded"),
    "satisfaction": _("the deputy's satisfaction recorded"),
    "second_reply": _("second reply recorded"),
    "deleted": _("deleted as recorded by mistake"),
}


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit entries are not changed once written.")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    # The name as it was, kept if the account is renamed or deleted; empty for the system
    # (a background task, a management command).
    actor_name = models.CharField(max_length=100, blank=True)
    action = models.CharField(_("what"), max_length=30, choices=Action.choices)
    # The county whose officers see the entry; none for site-wide changes (editors,
    # administrators), which only administrators see.
    county = models.ForeignKey(
        "deputies.County", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The deputy the entry concerns, if any.
    deputy = models.ForeignKey(
        "deputies.Deputy", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    detail = models.JSONField(default=dict)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["county", "-at"], name="audit_county_at"),
            models.Index(fields=["action", "-at"], name="audit_action_at"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit entries are not changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are not deleted.")

    @property
    def description(self) -> str:
        """The entry in the reader's language: words the detail holds as keys (a role, a kind
        of place, a changed field, a roll-call mark) are translated now, not when written."""
        values = {key: "" if value is None else value for key, value in self.detail.items()}
        if "role" in values:
            values["role"] = _role_label(values["role"])
        if "kind" in values:
            values["kind"] = capfirst(_place_kinds().get(values["kind"], values["kind"]))
        if isinstance(values.get("changes"), list):
            values["changes"] = "; ".join(_change_text(*change) for change in values["changes"])
        if self.action == Action.ATTENDANCE_MARKED:
            # Stored as the English words of studysessions' RollMark labels.
            for key in ("old", "new"):
                values[key] = pgettext("roll call", values.get(key, ""))
        if self.action == Action.SUGGESTION_RECORDED:
            values["step"] = SUGGESTION_STEPS.get(values.get("step"), values.get("step", ""))
        if self.action == Action.SIGNIN_CODE_CREATED and values.get("sheet"):
            printed = parse_date(values.get("printed", ""))
            values["note"] = gettext("On the sign-in sheet of %(place)s printed %(date)s.") % {
                "place": values["sheet"],
                "date": formats.date_format(printed, "DATE_FORMAT") if printed else "",
            }
        try:
            return (DESCRIPTIONS[self.action] % values).strip()
        except (KeyError, TypeError, ValueError):
            # An entry written by an older version with other fields: show them as they are.
            return "; ".join(f"{key}: {value}" for key, value in values.items())


def _role_label(kind) -> str:
    staff_role = apps.get_model("deputies", "StaffRole")
    try:
        return str(staff_role.Kind(kind).label)
    except ValueError:
        return str(kind)


# The `kind` of a place an entry names (deputies.places.services.PlaceKind), and its model.
PLACE_MODELS = {"county": "County", "township": "Township", "station": "LiaisonStation"}


@cache
def _place_kinds() -> dict:
    return {
        kind: apps.get_model("deputies", name)._meta.verbose_name
        for kind, name in PLACE_MODELS.items()
    }


ACCOUNT_FIELDS = {
    "is_superuser": _("administrator"),
    "is_staff": _("admin access"),
    "is_active": _("active"),
    "groups": _("groups"),
}


@cache
def _place_fields() -> dict:
    """Fields of places whose changes are logged, by the field's name in any place model."""
    return {
        field.name: field.verbose_name
        for name in PLACE_MODELS.values()
        for field in apps.get_model("deputies", name)._meta.concrete_fields
    }


def _change_text(field, old, new) -> str:
    label = ACCOUNT_FIELDS.get(field) or _place_fields().get(field, field)
    if isinstance(old, bool) or isinstance(new, bool):
        old, new = (_("yes") if value else _("no") for value in (old, new))
    elif isinstance(old, list) or isinstance(new, list):
        old, new = ("、".join(value) or "—" for value in (old or [], new or []))
    return f"{label}: {old} → {new}"

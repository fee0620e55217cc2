"""Certificate templates (edited in the admin) and the certificates issued from them, one at a
time (batches.py holds the bulk requests).

A certificate snapshots what it certifies (holder, course title, credit hours) at issue, so a
later rename of the course or the deputy does not change what was printed. It has two
identifiers: a human-readable serial (`<county code>-<year>-<sequence>`) for registers and
letters, and an unguessable verification code for the public verification page, so that
knowing one serial does not let anyone walk through the others.
"""

import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

# 16 random bytes: 128 bits, 22 URL-safe characters.
CODE_BYTES = 16


def new_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


# Hyphen, non-breaking hyphen, figure dash, en and em dashes, horizontal bar, minus sign: what
# a phone's keyboard or a word processor may put for the code's `-`.
DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def normalise_code(text: str) -> str:
    """A verification code as typed, cleaned of what typing adds to it without changing any
    character of the code: codes are URL-safe base64 (letters of both cases, digits, `-` and
    `_`), so case is kept, but full-width characters from a Chinese input method become their
    ASCII selves (NFKC), dash look-alikes become `-`, white space goes, and a pasted
    verification link gives the code at its end."""
    text = unicodedata.normalize("NFKC", text)
    if "/verify/" in text:
        text = text.rsplit("/verify/", 1)[1]
    text = text.translate(DASHES)
    return "".join(text.split()).strip("/")


def pdf_path(certificate, filename) -> str:
    """A path nobody can guess: the PDF is only ever handed out by a view that checks who asks,
    but storage may still be reachable by URL (MEDIA_URL in development, a bucket in
    production)."""
    return f"certificates/{secrets.token_hex(16)}/{certificate.serial}.pdf"


# A training recorded by hand took place within the last term (five years): a date before that
# is a typing slip (2016 for 2026), not a training anyone still certifies.
TRAINING_DATE_MAX_YEARS = 5


def earliest_training_date(today):
    """The earliest date of a training certified `today`."""
    try:
        return today.replace(year=today.year - TRAINING_DATE_MAX_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - TRAINING_DATE_MAX_YEARS, day=28)


def training_date_error(day, *, today=None) -> str | None:
    """Why `day` cannot be the date of a training certified today, or None if it can."""
    today = today or timezone.localdate()
    if day > today:
        return _("The training cannot be in the future.")
    earliest = earliest_training_date(today)
    if day < earliest:
        return _(
            "The training was more than %(years)d years ago (before %(date)s): check the year."
        ) % {"years": TRAINING_DATE_MAX_YEARS, "date": earliest.isoformat()}
    return None


DEFAULT_BODY = "{name}同志于{date}完成《{course}》课程学习，共计{hours}学时，成绩合格，特发此证。"


class CertificateTemplate(models.Model):
    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("A4 landscape")
        PORTRAIT = "portrait", _("A4 portrait")

    title = models.CharField(_("title"), max_length=20, default="结业证书")
    body = models.TextField(
        _("body text"),
        default=DEFAULT_BODY,
        help_text=_(
            "Placeholders: {name} the holder, {course} the course, {hours} the credit hours, "
            "{date} the date the course was completed (the date of issue; for a certificate "
            "issued by hand, the date of the training)."
        ),
    )
    issuing_body = models.CharField(_("issuing body"), max_length=100)
    signatory = models.CharField(_("signatory"), max_length=100, blank=True)
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("seal image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A red seal on a transparent background (PNG), printed over the signature."),
    )
    orientation = models.CharField(
        _("layout"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used for certificates issued when a course is completed."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("issuing_body"),
        FieldPanel("signatory"),
        FieldPanel("seal"),
        FieldPanel("orientation"),
        FieldPanel("is_default"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["-is_default", "pk"]

    def __str__(self):
        return f"{self.title} · {self.issuing_body}"

    def fill(self, *, name: str, course: str, hours: str, date: str) -> str:
        """The body with its placeholders filled. Plain replacement, not str.format: an
        editor's stray brace must not break issuing."""
        text = self.body
        for key, value in {"name": name, "course": course, "hours": hours, "date": date}.items():
            text = text.replace("{" + key + "}", value)
        return text


class SerialCounter(models.Model):
    """The last sequence number given in a county and year. Issuing locks this row, so two
    certificates issued at the same moment never get the same serial."""

    county = models.ForeignKey("deputies.County", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["county", "year"], name="one_counter_per_county_year")
        ]

    def __str__(self):
        return f"{self.county_id}-{self.year}: {self.last}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=Certificate.Status.VALID)

    def for_listing(self):
        return self.select_related("deputy__user", "course", "replaced_by").order_by(
            "-issued_at", "-pk"
        )


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")

    class State(models.TextChoices):
        """What the verification page says: the status, and whether a valid one has expired."""

        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")
        EXPIRED = "expired", _("Expired")

    class RevocationCategory(models.TextChoices):
        """Why a certificate was revoked, as the public verification page says it. The officer's
        own words (`revoked_reason`) are for staff only: they may name people or records."""

        ISSUED_IN_ERROR = "error", _("Issued in error")
        WRONG_DETAILS = "details", _("Wrong details")
        REISSUED = "reissued", _("Re-issued")
        OTHER = "other", _("Other")

    deputy = models.ForeignKey(
        "deputies.Deputy",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("deputy"),
    )
    # Empty for a programme's certificate (and for a course since deleted).
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("course"),
    )
    # A programme's certificate (初任培训结业证书) names the programme, not a course.
    programme = models.ForeignKey(
        "courses.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
        verbose_name=_("programme"),
    )
    template = models.ForeignKey(
        CertificateTemplate, on_delete=models.PROTECT, related_name="certificates"
    )
    # The heading printed on it when not the template's: a programme's own (初任培训结业证书).
    title = models.CharField(_("heading"), max_length=120, blank=True)
    # Snapshots at issue: the certificate says what was true that day.
    holder_name = models.CharField(_("holder"), max_length=50)
    course_title = models.CharField(_("course"), max_length=255)
    credit_hours = models.DecimalField(_("credit hours"), max_digits=4, decimal_places=1)

    county = models.ForeignKey("deputies.County", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    sequence = models.PositiveIntegerField()
    serial = models.CharField(_("serial number"), max_length=32, unique=True)
    code = models.CharField(_("verification code"), max_length=32, unique=True, default=new_code)

    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Why a county officer issued it by hand (training taken elsewhere, say); empty when the
    # course's completion issued it.
    issue_note = models.TextField(_("reason for issuing by hand"), blank=True)
    # When the training a hand-issued certificate records took place (in person, elsewhere);
    # empty for one the course's completion issued, whose date is the day of issue.
    trained_on = models.DateField(_("date of the training"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VALID
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_category = models.CharField(
        _("reason for revoking"),
        max_length=10,
        choices=RevocationCategory.choices,
        blank=True,
        help_text=_("Shown on the public verification page."),
    )
    revoked_reason = models.TextField(
        _("internal reason for revoking"),
        blank=True,
        help_text=_("Staff see it; the verification page does not."),
    )
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replaces"
    )

    pdf = models.FileField(_("PDF"), upload_to=pdf_path, blank=True, max_length=200)
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "course"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_course",
            ),
            models.UniqueConstraint(
                fields=["deputy", "programme"],
                condition=Q(status="valid"),
                name="one_valid_certificate_per_programme",
            ),
            models.UniqueConstraint(
                fields=["county", "year", "sequence"], name="one_serial_per_sequence"
            ),
        ]

    def __str__(self):
        return self.serial

    @property
    def is_rendered(self) -> bool:
        return bool(self.sha256)

    @property
    def is_valid(self) -> bool:
        """Neither revoked nor replaced (it may have expired: see `state`)."""
        return self.status == self.Status.VALID

    def state(self, on=None) -> str:
        if self.status != self.Status.VALID:
            return self.status
        if self.expires_on and self.expires_on < (on or timezone.localdate()):
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def completed_on(self):
        """The day the certified course was done: the training's, else the day of issue."""
        return self.trained_on or timezone.localtime(self.issued_at).date()

    def get_state_display(self) -> str:
        return self.State(self.state()).label

    @property
    def masked_name(self) -> str:
        """王秀英 → 王*英, 王英 → 王*: enough to match a person in hand, not to find one."""
        name = self.holder_name
        if len(name) <= 1:
            return "*"
        if len(name) == 2:
            return name[0] + "*"
        return name[0] + "*" * (len(name) - 2) + name[-1]

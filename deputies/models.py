"""Who is who: the administrative places, the people who sign in, deputies and staff roles."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.numerals import chinese_numeral

from .validators import (
    normalize_mobile,
    validate_county_code,
    validate_mobile,
    validate_township_code,
)


class County(models.Model):
    name = models.CharField(_("name"), max_length=50)
    code = models.CharField(
        _("division code"),
        max_length=6,
        unique=True,
        validators=[validate_county_code],
        help_text=_("The national administrative division code, 6 digits, such as 330523."),
    )
    former_deputies_keep_access = models.BooleanField(
        _("former deputies keep their archive"),
        default=True,
        help_text=_(
            "A deputy who leaves office can still sign in to read their own learning archive "
            "and download their certificates, and nothing else."
        ),
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Township(models.Model):
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=50)
    code = models.CharField(
        _("division code"),
        max_length=9,
        blank=True,
        validators=[validate_township_code],
        help_text=_(
            "Optional: the national administrative division code, 9 digits starting with the "
            "county's code, such as 330523001."
        ),
    )

    class Meta:
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        ordering = ["county", "name"]
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="township_unique_in_county"),
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="township_unique_code",
                violation_error_code="unique",
                violation_error_message=_("Another township already has this code."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        county_code = self.county.code if self.county_id else ""
        if self.code and county_code and not self.code.startswith(county_code):
            raise ValidationError(
                {
                    "code": _("A township's code starts with its county's code, %(county_code)s.")
                    % {"county_code": county_code}
                }
            )


class LiaisonStation(models.Model):
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="stations", verbose_name=_("township")
    )
    name = models.CharField(_("name"), max_length=80)
    address = models.CharField(_("address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        ordering = ["township", "name"]
        constraints = [
            models.UniqueConstraint(fields=["township", "name"], name="station_unique_in_township")
        ]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, mobile, password, **extra_fields):
        mobile = normalize_mobile(mobile)
        validate_mobile(mobile)
        user = self.model(mobile=mobile, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, mobile, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(mobile, password, **extra_fields)

    def create_superuser(self, mobile, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(mobile, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who signs in: deputies, station and township staff, county officers, editors.

    People sign in with their mobile number. A Chinese name is one field: splitting it into
    given and family names goes wrong with compound surnames.
    """

    mobile = models.CharField(
        _("mobile number"), max_length=11, unique=True, validators=[validate_mobile]
    )
    name = models.CharField(_("full name"), max_length=50)
    email = models.EmailField(_("email"), blank=True)
    is_staff = models.BooleanField(
        _("admin access"),
        default=False,
        help_text=_("Can sign in to the content admin (/admin/)."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when staff reset the password; cleared when the user picks a new one."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    archive_only = models.BooleanField(
        _("former deputy"),
        default=False,
        help_text=_(
            "Left office as a deputy: reads their own learning archive and certificates only. "
            "Kept in step with the deputy's record."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "mobile"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["name"]

    def __str__(self):
        return self.name or self.mobile

    def clean(self):
        super().clean()
        self.mobile = normalize_mobile(self.mobile)

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name

    @property
    def masked_mobile(self) -> str:
        return f"{self.mobile[:3]}****{self.mobile[-4:]}" if len(self.mobile) == 11 else ""


class DeputyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def for_station(self, station):
        return self.filter(station=station)

    def for_township(self, township):
        return self.filter(township=township)

    def for_county(self, county):
        return self.filter(township__county=county)

    def in_office_on(self, day):
        """The deputies who held a seat on `day` (a date), whatever they hold now."""
        return self.filter(in_office_on(day))

    def with_people(self):
        """What a listing shows: the person and where they belong, in one query."""
        return self.select_related("user", "township", "station")


class Deputy(models.Model):
    class Level(models.TextChoices):
        COUNTY = "county", _("County deputy")
        TOWNSHIP = "township", _("Township deputy")

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="deputy",
        verbose_name=_("user"),
    )
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    term = models.PositiveSmallIntegerField(
        _("term"), help_text=_("The congress's term number (届次), for example 18.")
    )
    township = models.ForeignKey(
        Township, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("township")
    )
    station = models.ForeignKey(
        LiaisonStation,
        on_delete=models.PROTECT,
        related_name="deputies",
        null=True,
        blank=True,
        verbose_name=_("liaison station"),
    )
    card_number = models.CharField(_("deputy card number"), max_length=30, blank=True)
    is_active = models.BooleanField(
        _("in office"), default=True, help_text=_("Unticked when the deputy leaves office.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DeputyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["township", "user__name"]
        indexes = [models.Index(fields=["township", "station"])]

    def __str__(self):
        return self.user.name

    def save(self, *args, **kwargs):
        """Keeps the deputy's seats in step with "in office", whoever saves: a deputy recorded
        in office holds a seat in their congress's current term, from the term's start; one
        ticked out of office has their seat ended today (staff who know the day and the reason
        use `terms.leave_office`, which ends the seat first); one ticked back in takes a seat
        again from today. `terms` writes seats itself and passes `seats=False`. The account's
        `archive_only` follows "in office" either way."""
        keep_seats = kwargs.pop("seats", True)
        adding = self._state.adding
        was = getattr(self, "_saved_in_office", None)
        super().save(*args, **kwargs)
        self._saved_in_office = self.is_active
        if (adding and not self.is_active) or (not adding and was not in (None, self.is_active)):
            # The flag the middleware reads on every request, with the user, at no cost.
            User.objects.filter(pk=self.user_id).update(archive_only=not self.is_active)
            self.user.archive_only = not self.is_active
        if not keep_seats:
            return
        from . import terms

        if adding and self.is_active:
            terms.take_seat(self)
        elif not adding and was is not None and was != self.is_active:
            if self.is_active:
                terms.take_seat(self, on=timezone.localdate())
            else:
                terms.end_seat(self, on=timezone.localdate(), reason=Membership.EndReason.OTHER)

    @classmethod
    def from_db(cls, *args, **kwargs):
        deputy = super().from_db(*args, **kwargs)
        deputy._saved_in_office = deputy.__dict__.get("is_active")
        return deputy

    def clean(self):
        if self.station_id and self.township_id and self.station.township_id != self.township_id:
            raise ValidationError(
                {"station": _("The liaison station must be in the deputy's township.")}
            )

    @property
    def name(self) -> str:
        return self.user.name


def in_office_on(day, prefix: str = "") -> Q:
    """A Q on Deputy (or on a model pointing to it through `prefix`, such as "deputy__"): held a
    seat on `day`. A seat whose start is not known counts from always."""
    seats = Membership.objects.filter(
        Q(started_on__isnull=True) | Q(started_on__lte=day),
        Q(ended_on__isnull=True) | Q(ended_on__gte=day),
    )
    return Q(**{f"{prefix}pk__in" if prefix else "pk__in": seats.values("deputy_id")})


class Term(models.Model):
    """One congress's term (届): the county's own congress, or one township's, with its dates.

    County and township congresses are elected together every five years, so a county's term
    change opens a new term for its congress and for each township's at once. The current term
    has no end date; a past term keeps its seats, so a report as of a day in it is exact."""

    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="terms", verbose_name=_("county")
    )
    township = models.ForeignKey(
        Township,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
        verbose_name=_("township"),
        help_text=_("Empty for the county's own congress."),
    )
    number = models.PositiveSmallIntegerField(
        _("term number"), help_text=_("The congress's term number (届次), for example 19.")
    )
    starts_on = models.DateField(
        _("starts on"),
        null=True,
        blank=True,
        help_text=_("The day of the first session, or of the election; empty if not known."),
    )
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["county", "township", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "number"],
                condition=Q(township__isnull=True),
                name="term_unique_number_county",
            ),
            models.UniqueConstraint(
                fields=["township", "number"],
                condition=Q(township__isnull=False),
                name="term_unique_number_township",
            ),
            models.UniqueConstraint(
                fields=["county"],
                condition=Q(township__isnull=True, ends_on__isnull=True),
                name="term_one_current_county",
            ),
            models.UniqueConstraint(
                fields=["township"],
                condition=Q(township__isnull=False, ends_on__isnull=True),
                name="term_one_current_township",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="term_ends_after_start",
            ),
        ]

    def __str__(self):
        return _("%(congress)s, term %(number)s") % {
            "congress": self.congress_name,
            "number": self.label,
        }

    @property
    def label(self) -> str:
        """第十九届, as congresses name their terms (a number in English)."""
        from django.utils.translation import get_language

        if (get_language() or "").startswith("zh"):
            return f"第{chinese_numeral(self.number)}届"
        return str(self.number)

    @property
    def congress_name(self) -> str:
        place = self.township if self.township_id else self.county
        return _("%(place)s people's congress") % {"place": place.name}

    @property
    def is_current(self) -> bool:
        return self.ends_on is None


class Membership(models.Model):
    """A deputy's seat in one term: from which day to which, and why it ended. A re-elected
    deputy has one seat in each term, on one account with one history."""

    class EndReason(models.TextChoices):
        TERM_ENDED = "term_ended", _("Term ended")
        RESIGNED = "resigned", _("Resigned")
        RECALLED = "recalled", _("Recalled by the voters")
        MOVED = "moved", _("Moved away")
        DIED = "died", _("Died")
        OTHER = "other", _("Other")

    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("deputy")
    )
    term = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("term")
    )
    started_on = models.DateField(
        _("in office from"), null=True, blank=True, help_text=_("Empty: not known.")
    )
    ended_on = models.DateField(
        _("in office until"), null=True, blank=True, help_text=_("The last day in office.")
    )
    end_reason = models.CharField(
        _("reason for leaving"), max_length=12, choices=EndReason.choices, blank=True
    )
    end_note = models.CharField(_("note"), max_length=200, blank=True)
    reelected = models.BooleanField(
        _("re-elected"), default=False, help_text=_("Held a seat in the congress's term before.")
    )

    class Meta:
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        ordering = ["deputy", "-term__number"]
        constraints = [
            models.UniqueConstraint(fields=["deputy", "term"], name="membership_once_a_term"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, end_reason="")
                | Q(ended_on__isnull=False) & ~Q(end_reason=""),
                name="membership_end_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="membership_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["deputy", "started_on", "ended_on"])]

    def __str__(self):
        return f"{self.deputy} · {self.term}"


class StaffRole(models.Model):
    """One role of one user, with the place it covers. A user may hold several."""

    class Kind(models.TextChoices):
        STATION = "station", _("Liaison station staff")
        TOWNSHIP = "township", _("Township congress staff")
        COUNTY = "county", _("County congress officer")
        EDITOR = "editor", _("Content editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("role"), max_length=10, choices=Kind.choices)
    station = models.ForeignKey(
        LiaisonStation, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )
    township = models.ForeignKey(
        Township, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )
    county = models.ForeignKey(
        County, on_delete=models.CASCADE, null=True, blank=True, related_name="staff_roles"
    )

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="station",
                        station__isnull=False,
                        township__isnull=True,
                        county__isnull=True,
                    )
                    | Q(
                        kind="township",
                        station__isnull=True,
                        township__isnull=False,
                        county__isnull=True,
                    )
                    | Q(
                        kind="county",
                        station__isnull=True,
                        township__isnull=True,
                        county__isnull=False,
                    )
                    | Q(
                        kind="editor",
                        station__isnull=True,
                        township__isnull=True,
                        county__isnull=True,
                    )
                ),
                name="staffrole_place_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "station"],
                condition=Q(station__isnull=False),
                name="staffrole_unique_station",
            ),
            models.UniqueConstraint(
                fields=["user", "township"],
                condition=Q(township__isnull=False),
                name="staffrole_unique_township",
            ),
            models.UniqueConstraint(
                fields=["user", "county"],
                condition=Q(county__isnull=False),
                name="staffrole_unique_county",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(kind="editor"), name="staffrole_unique_editor"
            ),
        ]

    def __str__(self):
        place = self.station or self.township or self.county
        return f"{self.get_kind_display()} · {place}" if place else self.get_kind_display()


class SignInLinkQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())


class SignInLink(models.Model):
    """A one-time sign-in link for a deputy who struggles with passwords.

    Only a hash of the token is stored, so a copy of the database cannot be used to sign in.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signin_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = SignInLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")

    def __str__(self):
        return f"{self.user} · {self.created_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()


class RosterImport(models.Model):
    """An uploaded roster file, kept until its uploader confirms or it is applied."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roster_imports"
    )
    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="roster_imports")
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    uploaded_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("roster import")
        verbose_name_plural = _("roster imports")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.filename


class TermChange(models.Model):
    """A county's term change (换届) on the platform: the first day of the new terms, their
    numbers (the county congress's and each township's), the new term's roster (a stored
    upload), and what was chosen for the re-elected deputies' initial training. Checked and
    shown first; confirmed once; nothing of the old term is deleted."""

    class ReelectedChoice(models.TextChoices):
        EXEMPTED = "exempted", _("Exempted from initial training")
        REFRESHER = "refresher", _("A refresher course instead")
        REQUIRED = "required", _("The whole initial training, as new deputies")

    county = models.ForeignKey(County, on_delete=models.CASCADE, related_name="term_changes")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    upload = models.OneToOneField(
        RosterImport, on_delete=models.CASCADE, related_name="term_change"
    )
    starts_on = models.DateField(_("first day of the new term"))
    county_number = models.PositiveSmallIntegerField(_("the county congress's new term"))
    # {township id (as text): its congress's new term number}
    township_numbers = models.JSONField(default=dict)
    # The terms current when the change was checked: a change confirmed after another has
    # opened new terms meanwhile is refused.
    previous_terms = models.JSONField(default=list)
    reelected_choice = models.CharField(
        _("re-elected deputies"),
        max_length=10,
        choices=ReelectedChoice.choices,
        default=ReelectedChoice.EXEMPTED,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reelected_count = models.PositiveIntegerField(default=0)
    new_count = models.PositiveIntegerField(default=0)
    left_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("term change")
        verbose_name_plural = _("term changes")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.county} · {self.starts_on}"

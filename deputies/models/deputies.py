"""Deputies, the congresses' terms and each deputy's seats in them (who was in office on
which day)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.numerals import chinese_numeral

from .accounts import User
from .places import County, LiaisonStation, Township


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
        from .. import terms

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

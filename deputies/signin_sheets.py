"""Sign-in sheets: one A4 PDF of one-time sign-in codes for a station's or a township's new
deputies, printed after a roster import and handed out at the next meeting.

Who is on a sheet: the deputies in office at the place, in the clerk's care
(`deputies_in_care_of`), whose account the clerk may help sign in (`may_reset_sign_in`: not
staff or administrators, unless the clerk is an administrator), and either

- `Include.NEW`: new accounts, which have no usable password and have never signed in. The
  roster import makes every new deputy's account this way (`create_user` without a password);
  a password reset by staff, or a password of their own, takes them off the sheet, and so does
  signing in once (with a code or otherwise).
- `Include.NEVER_SIGNED_IN`: everyone who has never signed in, also those given a password
  they have not used.

The sheet and the codes are never stored: only the codes' hashes are (`SignInLink`), and the PDF
goes straight back to the clerk.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import segno
from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import models
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from common.pdfs import write_pdf

from .models import Deputy, LiaisonStation, SignInLink, Township
from .selectors import deputies_in_care_of, scope_for, stations_visible_to, townships_visible_to

MIN_DAYS = 1
MAX_DAYS = 30
DEFAULT_DAYS = 7
# A sheet is for one station or township (about 65 deputies). Laying out the PDF costs about
# 20 ms of CPU a card (65 cards: 1.2 s), in the request: this keeps it within seconds.
MAX_CARDS = 200


class Include(models.TextChoices):
    NEW = "new", _("New accounts: no password yet, never signed in")
    NEVER_SIGNED_IN = "never", _("Everyone who has never signed in, also those given a password")


@dataclass(frozen=True)
class SheetPlace:
    """A station, or a whole township, that a sheet is printed for."""

    station: LiaisonStation | None = None
    township: Township | None = None

    @property
    def key(self) -> str:
        return f"station-{self.station.pk}" if self.station else f"township-{self.township.pk}"

    @property
    def name(self) -> str:
        return self.station.name if self.station else self.township.name

    def deputies(self, deputies: QuerySet[Deputy]) -> QuerySet[Deputy]:
        if self.station:
            return deputies.for_station(self.station)
        return deputies.for_township(self.township)


def sheet_places(user) -> list[SheetPlace]:
    """The places the user may print a sheet for: each whole township they cover (township staff,
    county officers), then each station. Station staff get their stations only."""
    townships = townships_visible_to(user).select_related("county").order_by("county", "name")
    stations = stations_visible_to(user).select_related("township__county")
    places = [SheetPlace(township=township) for township in townships]
    places += [SheetPlace(station=station) for station in stations.order_by("township", "name")]
    return places


def place_choices(places: list[SheetPlace], *, many_counties: bool) -> list:
    """The places as a grouped <select>: one group a township, its whole township first."""
    groups: dict[int, tuple[str, list]] = {}
    for place in places:
        township = place.township or place.station.township
        label = f"{township.county.name} · {township.name}" if many_counties else township.name
        options = groups.setdefault(township.pk, (label, []))[1]
        if place.station:
            options.append((place.key, place.station.name))
        else:
            options.insert(
                0, (place.key, gettext("%(township)s, all deputies") % {"township": label})
            )
    return list(groups.values())


def may_help_sign_in(user) -> Q:
    """`may_reset_sign_in` as a filter on deputies, for a whole sheet in one query."""
    if user.is_superuser:
        return Q()
    return (
        ~Q(user__is_staff=True) & ~Q(user__is_superuser=True) & ~Q(user__staff_roles__isnull=False)
    )


def _candidates(user, place: SheetPlace, include: str) -> QuerySet[Deputy]:
    deputies = place.deputies(deputies_in_care_of(user)).filter(
        is_active=True, user__is_active=True, user__last_login__isnull=True
    )
    if include == Include.NEW:
        deputies = deputies.filter(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
    return deputies


def sheet_deputies(user, place: SheetPlace, include: str) -> QuerySet[Deputy]:
    """The deputies who get a code on the sheet, by station and name."""
    return (
        _candidates(user, place, include)
        .filter(may_help_sign_in(user))
        .with_people()
        .order_by("station__name", "user__name", "pk")
    )


@dataclass(frozen=True)
class SheetPreview:
    deputies: list[Deputy]
    # Of them, how many hold a code that still works (an earlier sheet, or one from their page).
    with_open_code: int
    # Deputies who would be on the sheet but hold a staff role or admin access.
    left_to_administrator: int


def preview(user, place: SheetPlace, include: str) -> SheetPreview:
    """What confirming would do, for the clerk to read first. Three queries."""
    deputies = list(sheet_deputies(user, place, include))
    with_open_code = (
        SignInLink.objects.usable()
        .filter(user_id__in=[deputy.user_id for deputy in deputies])
        .values("user_id")
        .distinct()
        .count()
    )
    left_out = 0
    if not user.is_superuser:
        left_out = _candidates(user, place, include).exclude(may_help_sign_in(user)).count()
    return SheetPreview(deputies, with_open_code, left_out)


def expiry(days: int, *, now: datetime | None = None) -> datetime:
    """When codes made now for `days` days stop working: at the end of the last day, local
    time, so that the date printed on the card holds all day."""
    today = timezone.localdate(now)
    last_day = today + timedelta(days=days)
    return timezone.make_aware(datetime.combine(last_day, time(23, 59, 59)))


@dataclass(frozen=True)
class Card:
    deputy: Deputy
    url: str


def render_sheet(*, place: SheetPlace, cards: list[Card], expires_at: datetime) -> bytes:
    """The sheet as a PDF: several cut-out cards an A4 page, each with the platform's name, the
    deputy's name and station, the QR code of their link, how to use it and until when.

    In the site's default language: the deputies read it on paper, whatever the clerk's."""
    with translation.override(settings.LANGUAGE_CODE):
        printed_at = timezone.localtime()
        cards = [
            {
                "deputy": card.deputy,
                # A PNG of one pixel a module, drawn unsmoothed: WeasyPrint draws an SVG's
                # paths in Python, ten times slower for a sheet of 65.
                "qr": segno.make(card.url, error="m").png_data_uri(scale=1, border=2),
            }
            for card in cards
        ]
        context = {
            "place": place,
            "township": place.township or place.station.township,
            "count": len(cards),
            "rows": [cards[i : i + 2] for i in range(0, len(cards), 2)],
            "printed_on": formats.date_format(printed_at, "DATE_FORMAT"),
            "valid_until": formats.date_format(timezone.localtime(expires_at), "DATE_FORMAT"),
            # The year is in the sheet's heading; the cards say the day.
            "valid_until_short": formats.date_format(
                timezone.localtime(expires_at), pgettext("date on a sign-in card", "F j")
            ),
        }
        html = render_to_string("deputies/signin_sheet_pdf.html", context)
        css = render_to_string("deputies/signin_sheet_pdf.css")
    return write_pdf(html, css)


def sheet_filename(place: SheetPlace) -> str:
    kind = "station" if place.station else "township"
    return f"signin-codes-{kind}-{(place.station or place.township).pk}.pdf"


def places_for_form(user) -> tuple[list[SheetPlace], list]:
    places = sheet_places(user)
    scope = scope_for(user)
    many = scope.everything or len(scope.county_ids) > 1
    return places, place_choices(places, many_counties=many)

"""Reads of notifications. A notification is personal: every read goes through the user it
belongs to, and another user's notification does not exist (404). Also who an audience of
deputies is, previewed before staff send a notice (or assign a course) to it."""

import hashlib
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404

from .models import Notification


def unread_count(user) -> int:
    """How many of the user's notifications are unread (the badge in the menu): one COUNT on
    the (user, read_at, created_at) index."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()


def recent(user, limit=50) -> list[Notification]:
    """The user's newest notifications, newest first."""
    if not user.is_authenticated:
        return []
    return list(Notification.objects.for_user(user).newest_first()[:limit])


def own_notification(user, pk) -> Notification:
    """One of the user's own notifications, else 404."""
    return get_object_or_404(Notification.objects.for_user(user), pk=pk)


# How many names the preview of an audience shows for each place.
PREVIEW_NAMES = 5


@dataclass
class PlaceGroup:
    """The chosen deputies of one station (or of a township, outside any station)."""

    county_id: int
    township: str
    station: str
    names: list[str] = field(default_factory=list)
    count: int = 0

    @property
    def more(self) -> int:
        """How many are not named in the preview."""
        return self.count - len(self.names)


@dataclass
class AudiencePreview:
    """Who a choice of deputies is, before anything is sent: how many, and by place, the
    first few names."""

    deputy_ids: list[int]
    groups: list[PlaceGroup]

    @property
    def total(self) -> int:
        return len(self.deputy_ids)

    def digest(self, *also) -> str:
        """A fingerprint of exactly these deputies (and of `also`: the message, a date). The
        confirming button carries it: if the choice, the roster or the message changed since
        the preview, the digests differ and the preview is shown again instead."""
        text = ",".join(map(str, sorted(self.deputy_ids))) + "|" + "|".join(map(str, also))
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def by_county(self) -> list[tuple[int, int, str]]:
        """(county id, how many, where: "城关镇 12、白云乡 3") for each county, for the audit
        log, whose entries each county's officers read."""
        counties: dict[int, dict[str, int]] = {}
        for group in self.groups:
            townships = counties.setdefault(group.county_id, {})
            townships[group.township] = townships.get(group.township, 0) + group.count
        return [
            (
                county_id,
                sum(townships.values()),
                "、".join(f"{name} {count}" for name, count in townships.items()),
            )
            for county_id, townships in counties.items()
        ]


def audience_preview(deputies) -> AudiencePreview:
    """Who the given deputies (a queryset already limited to the user's scope) are, grouped
    by township and station with the first `PREVIEW_NAMES` names of each. One query: a
    county's two thousand deputies are four short columns."""
    rows = deputies.order_by("township__name", "station__name", "user__name").values_list(
        "pk", "township__county_id", "township__name", "station__name", "user__name"
    )
    ids, groups = [], {}
    for pk, county_id, township, station, name in rows:
        ids.append(pk)
        key = (county_id, township, station)
        group = groups.get(key)
        if group is None:
            group = groups[key] = PlaceGroup(county_id, township, station or "")
        group.count += 1
        if len(group.names) < PREVIEW_NAMES:
            group.names.append(name)
    return AudiencePreview(deputy_ids=ids, groups=list(groups.values()))

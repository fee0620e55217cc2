"""Writes about people: roles, passwords and one-time sign-in links."""

import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from audit import services as audit
from audit.models import Action

from .editor_permissions import EDITORS_GROUP
from .models import Deputy, SignInLink, StaffRole, User

# Letters and digits that cannot be mistaken for one another when read aloud or copied by hand.
_READABLE = "abcdefghjkmnpqrstuvwxyz23456789"


@transaction.atomic
def grant_role(*, user: User, kind: str, place=None) -> StaffRole:
    """Give a user a staff role over a place (none for content editors).

    Editors also get admin access and join Wagtail's Editors group, which carries the page and
    media permissions.
    """
    field = {
        StaffRole.Kind.STATION: "station",
        StaffRole.Kind.TOWNSHIP: "township",
        StaffRole.Kind.COUNTY: "county",
        StaffRole.Kind.EDITOR: None,
    }[StaffRole.Kind(kind)]
    lookup = {field: place} if field else {}
    role = StaffRole.objects.filter(user=user, kind=kind, **lookup).first()
    if role is None:
        role = StaffRole(user=user, kind=kind, **lookup)
        role.full_clean()
        role.save()
    if kind == StaffRole.Kind.EDITOR:
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return role


def generate_password(length: int = 10) -> str:
    return "".join(secrets.choice(_READABLE) for _ in range(length))


def _audit(action, *, user: User, by: User | None, deputy: Deputy | None = None, **detail):
    """Log a change to a deputy's sign-in, in the caller's transaction."""
    if deputy is None:
        deputy = getattr(user, "deputy", None)
    if deputy is None:
        # An account with no deputy record (only an administrator helps those).
        detail["deputy"] = user.name
    audit.record(action, by=by, deputy=deputy, **detail)


@transaction.atomic
def reset_password(*, user: User, by: User | None = None) -> str:
    """Give the user a new temporary password, returned to be shown once.

    The user must choose their own password at the next sign-in, and every one-time link
    still open for them stops working. The audit log records who did it (`by`, by default
    the user of the current request).
    """
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    user.signin_links.usable().update(expires_at=timezone.now())
    _audit(Action.PASSWORD_RESET, user=user, by=by)
    return password


def _expiry_text(expires_at: datetime) -> str:
    """How the audit log shows an expiry: local time, readable in either language."""
    return timezone.localtime(expires_at).strftime("%Y-%m-%d %H:%M")


@transaction.atomic
def create_signin_link(
    *, user: User, created_by: User, expires_at: datetime | None = None
) -> tuple[SignInLink, str]:
    """A new one-time link for the user; earlier unused links stop working.

    It expires at `expires_at`, by default SIGNIN_LINK_MAX_AGE_MINUTES from now. Returns the
    link and its token. The token is shown once and only its hash is stored. The audit log
    records who made it and until when it works.
    """
    now = timezone.now()
    if expires_at is None:
        expires_at = now + timedelta(minutes=settings.SIGNIN_LINK_MAX_AGE_MINUTES)
    user.signin_links.usable().update(expires_at=now)
    token = secrets.token_urlsafe(32)
    link = SignInLink.objects.create(
        user=user,
        token_hash=SignInLink.hash_token(token),
        created_by=created_by,
        expires_at=expires_at,
    )
    _audit(
        Action.SIGNIN_CODE_CREATED,
        user=user,
        by=created_by,
        expires=_expiry_text(expires_at),
        note="",
    )
    return link, token


@transaction.atomic
def create_signin_links(
    *, deputies: Sequence[Deputy], created_by: User, expires_at: datetime, sheet: str
) -> list[tuple[Deputy, str]]:
    """A one-time link for each deputy, as `create_signin_link` makes one, in one transaction:
    for a printed sheet of sign-in codes. Returns each deputy with their link's token.

    The deputies' accounts are locked for the transaction, so two clerks printing the same
    station at once still leave each deputy one working code. Each code gets its own audit
    entry, naming the sheet (`sheet`: the station or township printed) and the day. Pass
    deputies with their user and township loaded (`with_people()`).
    """
    if expires_at <= timezone.now():
        raise ValueError("A sign-in code must expire in the future.")
    user_ids = [deputy.user_id for deputy in deputies]
    list(User.objects.select_for_update().filter(pk__in=user_ids).values_list("pk"))
    now = timezone.now()
    SignInLink.objects.usable().filter(user_id__in=user_ids).update(expires_at=now)
    tokens = [secrets.token_urlsafe(32) for _ in deputies]
    SignInLink.objects.bulk_create(
        SignInLink(
            user_id=deputy.user_id,
            token_hash=SignInLink.hash_token(token),
            created_by=created_by,
            expires_at=expires_at,
        )
        for deputy, token in zip(deputies, tokens, strict=True)
    )
    expires = _expiry_text(expires_at)
    printed = timezone.localdate(now).isoformat()
    for deputy in deputies:
        # The log words the note in its reader's language from `sheet` and `printed`.
        _audit(
            Action.SIGNIN_CODE_CREATED,
            user=deputy.user,
            deputy=deputy,
            by=created_by,
            expires=expires,
            note="",
            sheet=sheet,
            printed=printed,
        )
    return list(zip(deputies, tokens, strict=True))


def find_signin_link(token: str) -> SignInLink | None:
    """The usable link for this token, or None when it is unknown, used or expired."""
    return (
        SignInLink.objects.usable()
        .select_related("user")
        .filter(token_hash=SignInLink.hash_token(token), user__is_active=True)
        .first()
    )


@transaction.atomic
def use_signin_link(*, token: str) -> User | None:
    """Spend the link: returns its user once, and None ever after.

    The update is the check: of two requests racing with the same token, one updates the row
    and the other finds nothing left to update.
    """
    link = find_signin_link(token)
    if link is None:
        return None
    spent = SignInLink.objects.usable().filter(pk=link.pk).update(used_at=timezone.now())
    return link.user if spent else None

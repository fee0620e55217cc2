"""Writes about people: roles, passwords and one-time sign-in links."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .editor_permissions import EDITORS_GROUP
from .models import SignInLink, StaffRole, User

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


@transaction.atomic
def reset_password(*, user: User) -> str:
    """Give the user a new temporary password, returned to be shown once.

    The user must choose their own password at the next sign-in, and every one-time link
    still open for them stops working.
    """
    password = generate_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    user.signin_links.usable().update(expires_at=timezone.now())
    return password


@transaction.atomic
def create_signin_link(*, user: User, created_by: User) -> tuple[SignInLink, str]:
    """A new one-time link for the user; earlier unused links stop working.

    Returns the link and its token. The token is shown once and only its hash is stored.
    """
    now = timezone.now()
    user.signin_links.usable().update(expires_at=now)
    token = secrets.token_urlsafe(32)
    link = SignInLink.objects.create(
        user=user,
        token_hash=SignInLink.hash_token(token),
        created_by=created_by,
        expires_at=now + timedelta(minutes=settings.SIGNIN_LINK_MAX_AGE_MINUTES),
    )
    return link, token


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

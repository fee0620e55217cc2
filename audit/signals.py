"""Role and account changes are logged whatever makes them: the services, Wagtail's user admin,
a management command or the shell."""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from deputies.models import Deputy, StaffRole

from .models import Action
from .services import record

User = get_user_model()
WATCHED_FLAGS = ("is_superuser", "is_active")


def _role_place(role: StaffRole):
    """The role's place's name and county."""
    if role.kind == StaffRole.Kind.STATION:
        return role.station.name, role.station.township.county
    if role.kind == StaffRole.Kind.TOWNSHIP:
        return role.township.name, role.township.county
    if role.kind == StaffRole.Kind.COUNTY:
        return role.county.name, role.county
    return "", None


def _user_county(user):
    """The county whose officers look after the account: the deputy's, else a staff role's."""
    deputy = Deputy.objects.filter(user=user).select_related("township__county").first()
    if deputy is not None:
        return deputy.township.county
    for role in user.staff_roles.all():
        _place, county = _role_place(role)
        if county is not None:
            return county
    return None


@receiver(post_save, sender=StaffRole)
def role_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    place, county = _role_place(instance)
    record(
        Action.ROLE_GRANTED,
        county=county,
        user=instance.user.name,
        mobile=instance.user.masked_mobile,
        role=instance.kind,
        place=place,
    )


@receiver(post_delete, sender=StaffRole)
def role_deleted(sender, instance, **kwargs):
    try:
        place, county = _role_place(instance)
        user = instance.user
    except (StaffRole.DoesNotExist, User.DoesNotExist, AttributeError):
        # Deleted with its user or place (a cascade): the account's own entry says enough.
        return
    record(
        Action.ROLE_REMOVED,
        county=county,
        user=user.name,
        mobile=user.masked_mobile,
        role=instance.kind,
        place=place,
    )


@receiver(pre_save, sender=User)
def note_account_flags(sender, instance, raw=False, update_fields=None, **kwargs):
    """Keep the flags as stored, to compare after the save. Saves that name other fields only
    (signing in writes last_login) cost nothing."""
    instance._audit_flags = None
    if raw or instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(WATCHED_FLAGS):
        return
    instance._audit_flags = User.objects.filter(pk=instance.pk).values(*WATCHED_FLAGS).first()


@receiver(post_save, sender=User)
def account_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_audit_flags", None)
    instance._audit_flags = None
    if raw or created:
        if created and not raw and instance.is_superuser:
            _record_account(instance, [["is_superuser", False, True]])
        return
    if before is None:
        return
    changes = [
        [flag, before[flag], getattr(instance, flag)]
        for flag in WATCHED_FLAGS
        if before[flag] != getattr(instance, flag)
    ]
    if changes:
        _record_account(instance, changes)


@receiver(m2m_changed, sender=User.groups.through)
def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in {
        "pre_add",
        "post_add",
        "pre_remove",
        "post_remove",
        "pre_clear",
        "post_clear",
    }:
        return
    if action.startswith("pre_"):
        instance._audit_groups = sorted(instance.groups.values_list("name", flat=True))
        return
    before = getattr(instance, "_audit_groups", None)
    after = sorted(instance.groups.values_list("name", flat=True))
    if before is not None and before != after:
        _record_account(instance, [["groups", before, after]])


def _record_account(user, changes):
    record(
        Action.ACCOUNT_CHANGED,
        county=_user_county(user),
        user=user.name,
        mobile=user.masked_mobile,
        changes=changes,
    )

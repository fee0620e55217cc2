"""Writing a checked roster: each good row over the deputy as it is at that moment."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit

from ..models import County, Deputy, RosterImport, User
from ..terms import seat_new_deputies
from .plan import CREATE, UNCHANGED, UPDATE, Problem, RosterPlan, RosterRow, RowError
from .reading import refusal

# What `_apply_row` answers instead of an action when it leaves a row out.
CLASH, REFUSED = "clash", "refused"


@transaction.atomic
def apply_roster(plan: RosterPlan, *, upload: RosterImport | None = None) -> RosterPlan | None:
    """Write the plan's good rows: new deputies get an account without a usable password
    (staff give them a one-time link or a password), known ones are updated in place.

    The plan was read a moment ago; each row is looked at again here, its deputy locked. A
    field changed meanwhile (by a clerk, or another import) is kept unless this file changes
    it too; where both changed it differently, or another import created the deputy
    differently, the row is not imported and is listed in `plan.errors`. A number that has
    meanwhile become someone else's (an account made for a new editor, a deputy elsewhere) is
    refused as the check refuses it. Nothing is lost silently, and each row's action says what
    was done.

    When the plan came from a stored upload, the upload is marked applied with its counts; an
    upload confirmed twice at once (a double click) is applied by the first confirmation only,
    and the second gets None."""
    now = timezone.now()
    if upload is not None:
        claimed = RosterImport.objects.filter(pk=upload.pk, applied_at__isnull=True)
        if not claimed.update(applied_at=now):
            return None
    # Imports into one county take turns, so that each sees the deputies the other made.
    counties = {row.deputy_fields["township"].county_id for row in plan.rows}
    list(County.objects.select_for_update().filter(pk__in=counties).order_by("pk").values("pk"))
    users = {
        user.mobile: user
        for user in User.objects.select_for_update()
        .filter(mobile__in=[row.mobile for row in plan.rows])
        .order_by("pk")
    }
    deputies = {
        deputy.user_id: deputy
        for deputy in Deputy.objects.select_for_update()
        .filter(user_id__in=[user.pk for user in users.values()])
        .order_by("pk")
    }
    applied = []
    for row in plan.rows:
        user = users.get(row.mobile)
        action = _apply_row(row, user, deputies.get(user.pk) if user else None, plan.township_ids)
        if action == CLASH:
            reason = _(
                "this deputy was changed by someone else while the file was imported; "
                "check the deputy, then import the row again"
            )
            plan.errors.append(RowError(row.row, [Problem(reason)], name=row.name))
        elif action == REFUSED:
            problem = Problem(
                refusal(), heading=plan.mobile_heading, letter=plan.mobile_letter, value=row.mobile
            )
            plan.errors.append(RowError(row.row, [problem], name=row.name))
        else:
            row.action = action
            applied.append(row)
    plan.rows = applied
    seat_new_deputies([row.deputy for row in applied if row.action == CREATE])
    plan.errors.sort(key=lambda e: e.row)
    if upload is not None:
        upload.applied_at = now
        upload.created_count = plan.created
        upload.updated_count = plan.updated
        upload.unchanged_count = plan.unchanged
        upload.rejected_count = len(plan.errors)
        upload.save()
    return plan


def _apply_row(row: RosterRow, user: User | None, deputy: Deputy | None, township_ids) -> str:
    """Write one row over the deputy as it is now (`user` and `deputy` locked); the action
    taken, or CLASH when someone else's change meanwhile clashes with it, or REFUSED when the
    number now belongs to an account the importer may not touch."""
    wanted = {
        Deputy._meta.get_field(key).attname: getattr(value, "pk", value)
        for key, value in row.deputy_fields.items()
    }
    read = row.deputy  # as the plan read it
    if user is not None and (deputy is None or deputy.township_id not in township_ids):
        # Never rename an account that is not a deputy of the importer's area, nor make it one.
        return REFUSED
    if deputy is None and read is not None:
        return CLASH  # removed meanwhile
    if deputy is not None and (read is None or read.pk != deputy.pk):
        # Made meanwhile, by another import: kept, and this row agrees with it or is refused.
        same = user.name == row.name and all(getattr(deputy, k) == v for k, v in wanted.items())
        return UNCHANGED if same else CLASH
    if deputy is None:
        user = User.objects.create_user(mobile=row.mobile, name=row.name)
        deputy = Deputy(user=user, **row.deputy_fields)
        deputy.full_clean()
        deputy.save(seats=False)  # seated with the others once all rows are written
        row.user, row.deputy = user, deputy
        return CREATE
    # What the file changes is what differs from what the plan read; a field someone else
    # changed meanwhile to yet another value is a clash.
    changes = {k: v for k, v in wanted.items() if v != getattr(read, k)}
    rename = row.name != row.user.name
    if any(getattr(deputy, k) not in (getattr(read, k), v) for k, v in changes.items()) or (
        rename and user.name not in (row.user.name, row.name)
    ):
        return CLASH
    changes = {k: v for k, v in changes.items() if getattr(deputy, k) != v}
    rename = rename and user.name != row.name
    if rename:
        user.name = row.name
        user.save(update_fields=["name"])
    if changes:
        for key, value in changes.items():
            setattr(deputy, key, value)
        deputy.full_clean()
        deputy.save(update_fields=[*changes, "updated_at"])
    row.user, row.deputy = user, deputy
    return UPDATE if changes or rename else UNCHANGED


def record_roster_import(plan: RosterPlan, *, county, filename: str, by=None) -> None:
    """Log an applied import (by default as the user of the current request)."""
    audit.record(
        audit.Action.ROSTER_IMPORTED,
        by=by,
        county=county,
        filename=filename[:200],
        created=plan.created,
        updated=plan.updated,
        unchanged=plan.unchanged,
        rejected=len(plan.errors),
    )

"""Who reads which part of the audit log: county officers their counties', administrators all."""

from django.db.models import QuerySet

from deputies.selectors import scope_for

from .models import AuditEntry


def may_read_log(user) -> bool:
    scope = scope_for(user)
    return scope.everything or bool(scope.county_ids)


def entries_visible_to(user) -> QuerySet[AuditEntry]:
    scope = scope_for(user)
    if scope.everything:
        return AuditEntry.objects.all()
    return AuditEntry.objects.filter(county_id__in=scope.county_ids)

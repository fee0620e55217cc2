"""Writing the audit log. Every write of a record the log covers calls `record` in the same
transaction, so an entry exists exactly when the change does."""

from contextvars import ContextVar

from .models import Action, AuditEntry

# The request being answered, set by AuditActorMiddleware: the person acting when a change is
# made by code that is not told who (a signal, a model save in Wagtail's admin).
_current_request = ContextVar("audit_request", default=None)


def current_actor():
    request = _current_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def record(action: Action, *, by=None, county=None, deputy=None, **detail) -> AuditEntry:
    """Add an entry. `by` defaults to whoever is signed in to the current request, else the
    system; `county` defaults to the deputy's. `detail` fills the action's description."""
    actor = by if by is not None else current_actor()
    county_id = county.pk if county is not None else None
    if deputy is not None:
        # The name as it was then, for the description.
        detail.setdefault("deputy", deputy.user.name)
        if county_id is None:
            county_id = deputy.township.county_id
    return AuditEntry.objects.create(
        actor=actor,
        actor_name=actor.name if actor is not None else "",
        action=action,
        county_id=county_id,
        deputy=deputy,
        detail=detail,
    )


class AuditActorMiddleware:
    """Makes the signed-in user known to `record` for the length of the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)

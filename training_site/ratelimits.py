"""Who a rate limit counts: the client's address as django-axes reads it, so the sign-in lock
and the public pages' limits agree on who is asking (behind nginx, the X-Forwarded-For entry
the proxies vouch for; see settings/production.py)."""

from axes.helpers import get_client_ip_address


def client_ip(request) -> str:
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104

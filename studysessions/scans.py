"""When this browser scanned a check-in code, kept in the visitor's session.

A deputy who scans the screen while signed out is sent to sign in, which takes a minute or two:
longer than a code lives. So the page remembers the scan (the session, the code and the
moment) in the visitor's session when the code it opened was valid at that moment, and the
check-in is judged at that moment (`attendance.check_in(scanned_at=...)`, which also bounds its
age). The session's data lives on the server (database or cache; signed if it were ever kept in
a cookie), so a visitor cannot write a moment of their choosing, and only the code scanned is
remembered: an old code opened later is never valid at its own scan. Signing in keeps the
session's data (Django's `login` gives the session a new key, with the same data).
"""

from datetime import UTC, datetime

from . import codes

SESSION_KEY = "studysessions.scans"
# A few sessions' scans at most: one station's screen is scanned once.
KEPT = 5


def remember(request, session, code: str, now: datetime) -> None:
    """Keep the moment `code` of `session` was opened, if it was valid then. A code opened
    again keeps its first moment."""
    if not codes.is_valid(session, code, now.timestamp()):
        return
    scans = dict(request.session.get(SESSION_KEY, {}))
    key = str(session.pk)
    if scans.get(key, [None])[0] == code:
        return
    scans[key] = [code, now.timestamp()]
    newest = sorted(scans.items(), key=lambda item: item[1][1])[-KEPT:]
    request.session[SESSION_KEY] = dict(newest)


def scanned_at(request, session, code: str) -> datetime | None:
    """When this browser opened `code` of `session`, if it did."""
    kept = request.session.get(SESSION_KEY, {}).get(str(session.pk))
    if not kept or kept[0] != code:
        return None
    return datetime.fromtimestamp(kept[1], tz=UTC)

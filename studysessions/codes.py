"""The rotating check-in code shown as a QR code on the station's screen.

A code is an HMAC of the session's secret and the current 45-second step, so a photo of the
screen sent to a deputy at home stops working within one or two steps. The current and the
previous step are accepted: a deputy who scans just before the code changes still gets in.
Nothing is stored: any app server can check a code another one drew.

A deputy who scans while signed out needs a minute or two to sign in, longer than a code
lives: the moment of the scan is kept in their session (`studysessions.scans`) and the code
is judged at that moment, if it is at most SCAN_KEPT_SECONDS old.
"""

import hashlib
import hmac
import time

STEP_SECONDS = 45
CODE_LENGTH = 16
# How long a scan kept through signing in still counts: long enough for a slow sign-in;
# a scan kept for hours does not count.
SCAN_KEPT_SECONDS = 10 * 60


def step_at(when: float | None = None) -> int:
    return int(when if when is not None else time.time()) // STEP_SECONDS


def code_for(session, step: int) -> str:
    message = f"{session.pk}:{step}".encode()
    return hmac.new(session.qr_secret.encode(), message, hashlib.sha256).hexdigest()[:CODE_LENGTH]


def current_code(session, when: float | None = None) -> str:
    return code_for(session, step_at(when))


def is_valid(session, code: str, when: float | None = None) -> bool:
    if len(code) != CODE_LENGTH or not code.isascii():
        return False
    step = step_at(when)
    # Both steps are always compared, so the time taken does not tell which one matched.
    matches = [hmac.compare_digest(code_for(session, s), code) for s in (step, step - 1)]
    return any(matches)


def seconds_left(when: float | None = None) -> int:
    now = when if when is not None else time.time()
    return STEP_SECONDS - int(now) % STEP_SECONDS

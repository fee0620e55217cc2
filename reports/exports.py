"""Spreadsheet exports: small ones built while the browser waits, big ones in the background.

A page that offers a spreadsheet calls `respond` with what to export and how many rows it
will hold. Up to `REPORTS_INLINE_EXPORT_ROWS` the workbook is built and sent at once; beyond,
an `Export` is queued, the worker builds it with the requester's scope (read again then: a
place that left their scope meanwhile is refused), stores it, and tells them with a
notification linking to the download. Files are deleted `REPORTS_EXPORT_KEEP_DAYS` after.

Kinds and their params (JSON values, so they survive the queue):
- "dashboard": {"level", "pk", "course_id", "as_of" (ISO date or None), "term_id" (None: the
  term the day falls in)}, built by
  `reports.dashboard.tables.dashboard_tables`;
- "register": {"level", "pk", "date_from", "date_to" (ISO dates)}, built by
  `reports.register.register_tables`.
"""

import hashlib
import json
import logging
import re
import unicodedata
from datetime import date, timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from notifications.services import notify

from .models import Export
from .tables import Table
from .xlsx import workbook_bytes

logger = logging.getLogger(__name__)

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Params ------------------------------------------------------------------------------------


def _int_or_none(value) -> int | None:
    return None if value in (None, "") else int(value)


def _iso(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return date.fromisoformat(value).isoformat()


def clean_params(kind: str, params: dict) -> dict:
    """The params in the one shape the queue stores and the builders take: ints, ISO dates
    and None. Raises ValueError for an unknown kind or a value of the wrong shape."""
    if kind == Export.Kind.DASHBOARD:
        as_of = params.get("as_of")
        return {
            "level": str(params["level"]),
            "pk": _int_or_none(params.get("pk")),
            "course_id": _int_or_none(params.get("course_id")),
            "as_of": None if as_of in (None, "") else _iso(as_of),
            "term_id": _int_or_none(params.get("term_id")),
        }
    if kind == Export.Kind.REGISTER:
        return {
            "level": str(params["level"]),
            "pk": int(params["pk"]),
            "date_from": _iso(params["date_from"]),
            "date_to": _iso(params["date_to"]),
        }
    raise ValueError(f"Unknown export kind {kind!r}")


def fingerprint(kind: str, params: dict) -> str:
    canonical = json.dumps({"kind": kind, "params": params}, sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def tables_for(user, kind: str, params: dict) -> list[Table]:
    """Build the export's tables with `user`'s scope (Http404 when the place is outside it).
    `params` as `clean_params` gives them."""
    if kind == Export.Kind.DASHBOARD:
        from .dashboard.tables import dashboard_tables

        as_of = params["as_of"]
        return dashboard_tables(
            user,
            params["level"],
            params["pk"],
            course_id=params["course_id"],
            as_of=date.fromisoformat(as_of) if as_of else None,
            # Exports queued before terms were a filter have none.
            term_id=params.get("term_id"),
        )
    if kind == Export.Kind.REGISTER:
        from .register import register_tables

        return register_tables(
            user,
            level=params["level"],
            pk=params["pk"],
            date_from=date.fromisoformat(params["date_from"]),
            date_to=date.fromisoformat(params["date_to"]),
        )
    raise ValueError(f"Unknown export kind {kind!r}")


# File names --------------------------------------------------------------------------------

UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
UNSAFE_IN_ASCII_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(name: str) -> str:
    """A download name any file system takes: no path separators or characters Windows
    refuses, no leading dots, ending in .xlsx. Chinese stays."""
    name = " ".join(UNSAFE_IN_NAME.sub("_", name).split()).strip(" ._")
    if name.lower().endswith(".xlsx"):
        name = name[:-5].rstrip(" ._")
    return f"{(name or 'export')[:150]}.xlsx"


def ascii_filename(name: str) -> str:
    """The name for clients that read only the plain `filename=`, and for storage: ASCII
    letters, digits, dots, dashes and underscores."""
    stem = name[:-5] if name.lower().endswith(".xlsx") else name
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = UNSAFE_IN_ASCII_NAME.sub("-", stem)
    stem = re.sub(r"-{2,}", "-", stem).strip("-._")
    return f"{stem[:100] or 'export'}.xlsx"


def content_disposition(filename: str, *, ascii_name: str | None = None) -> str:
    """`attachment` with an ASCII `filename` (`ascii_name`, else the Excel name made ASCII)
    and the real name as RFC 6266 `filename*` (RFC 5987 UTF-8 encoding)."""
    return (
        f'attachment; filename="{ascii_name or ascii_filename(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename)
    # Personal data: no shared or browser cache keeps a copy.
    add_never_cache_headers(response)
    return response


# Background exports ------------------------------------------------------------------------


def _move(export_id: int, *, from_: tuple, **fields) -> bool:
    """Change an export's state only from the states given; whether it was in one of them."""
    return bool(Export.objects.filter(pk=export_id, status__in=from_).update(**fields))


def start_export(
    *, by, kind: str, params: dict, filename: str, rows: int, language: str = ""
) -> tuple[Export, bool]:
    """Queue an export for `by` and return it, with whether it is new. While the same export
    (same kind and params) of `by` is queued or being prepared, it is returned instead of a
    second one. The caller has checked that the place is in `by`'s scope; the worker checks
    again. Deletes expired exports first."""
    from .tasks import build_export_task

    params = clean_params(kind, params)
    key = fingerprint(kind, params)
    purge_old_exports()
    now = timezone.now()
    running = Export.objects.in_progress().filter(requested_by=by, fingerprint=key).first()
    if running is not None:
        # Lost its worker (Export.RUNNING_STALLED_AFTER), or never found one: fail it and
        # start anew.
        if not running.is_stalled(now):
            return running, False
        _move(
            running.pk,
            from_=Export.IN_PROGRESS,
            status=Export.Status.FAILED,
            error=_("The export stopped before it was ready. It has been started again."),
            finished_at=now,
        )
    try:
        with transaction.atomic():
            export = Export.objects.create(
                requested_by=by,
                kind=kind,
                params=params,
                fingerprint=key,
                language=language,
                filename=safe_filename(filename),
                rows=rows,
            )
            # Inside the transaction: with the database backend the worker sees the task
            # only once the export's row is committed, and a rollback leaves neither.
            build_export_task.enqueue(export.pk)
    except IntegrityError:
        # A second request started the same export a moment earlier.
        return Export.objects.in_progress().get(requested_by=by, fingerprint=key), False
    # An immediate backend (tests) has finished it already.
    export.refresh_from_db()
    return export, True


def _tell(export: Export, *, ready: bool) -> None:
    if ready:
        title = _("Your export is ready: %(name)s") % {"name": export.filename}
        body = _("Download it within %(days)d days; then it is deleted.") % {
            "days": settings.REPORTS_EXPORT_KEEP_DAYS
        }
        url = reverse("exports:download", args=[export.pk])
    else:
        title = _("Your export could not be prepared: %(name)s") % {"name": export.filename}
        body = export.error
        url = reverse("exports:list")
    notify(
        [export.requested_by],
        title=title[:200],
        body=body,
        url=url,
        key=f"export:{export.pk}",
    )


def _fail(export: Export, error: str) -> Export:
    _move(
        export.pk,
        from_=(Export.Status.RUNNING,),
        status=Export.Status.FAILED,
        error=error,
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    if export.is_failed:
        _tell(export, ready=False)
    return export


def run_export(export_id: int) -> Export | None:
    """The export's background work: build its tables with the requester's scope as it is
    now, write the workbook, store it, mark it ready and tell the requester. A place no longer
    in their scope fails it with a message saying so; any other failure fails it too and is
    raised again for the worker's record."""
    now = timezone.now()
    if not _move(
        export_id,
        from_=(Export.Status.QUEUED,),
        status=Export.Status.RUNNING,
        started_at=now,
        progressed_at=now,
    ):
        # Done, failed, already taken by another worker, or deleted with its requester.
        return Export.objects.filter(pk=export_id).first()
    export = Export.objects.select_related("requested_by").get(pk=export_id)
    with translation.override(export.language or settings.LANGUAGE_CODE):
        try:
            tables = tables_for(export.requested_by, export.kind, export.params)
            data = workbook_bytes(tables)
        except (Http404, PermissionDenied):
            return _fail(
                export,
                _("This place is no longer among those you look after, so it was not exported."),
            )
        except Exception:
            logger.exception("Export %s failed", export_id)
            _fail(
                export,
                _(
                    "Something went wrong while preparing the export. Try again; if it fails "
                    "again, tell the administrator."
                ),
            )
            raise
        export.file.save(ascii_filename(export.filename), ContentFile(data), save=False)
        rows = sum(len(table.rows) for table in tables)
        if not _move(
            export_id,
            from_=(Export.Status.RUNNING,),
            status=Export.Status.DONE,
            file=export.file.name,
            size=len(data),
            rows=rows,
            finished_at=timezone.now(),
        ):
            # Declared stalled and started again meanwhile: this file has no row to keep it.
            export.file.delete(save=False)
            return Export.objects.filter(pk=export_id).first()
        export.refresh_from_db()
        _tell(export, ready=True)
    logger.info("Export %s: %d rows, %d bytes", export_id, rows, len(data))
    return export


def purge_old_exports(*, now=None) -> int:
    """Delete exports finished more than `REPORTS_EXPORT_KEEP_DAYS` ago, files and rows; how
    many were deleted. Run at each new background export and by `manage.py purge_exports`."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.REPORTS_EXPORT_KEEP_DAYS)
    purged = 0
    for export in Export.objects.filter(finished_at__lt=cutoff).exclude(
        status__in=Export.IN_PROGRESS
    ):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        purged += 1
    return purged


# The views' entry point --------------------------------------------------------------------


def respond(request, *, kind: str, params: dict, filename: str, rows: int):
    """Send the export now if it holds at most `REPORTS_INLINE_EXPORT_ROWS` rows (`rows`: the
    caller's estimate), else queue it and take the user to their exports with a message. The
    caller has checked that the user may see the place (the builders check again)."""
    filename = safe_filename(filename)
    if rows <= settings.REPORTS_INLINE_EXPORT_ROWS:
        tables = tables_for(request.user, kind, clean_params(kind, params))
        return xlsx_response(workbook_bytes(tables), filename)
    export, created = start_export(
        by=request.user,
        kind=kind,
        params=params,
        filename=filename,
        rows=rows,
        language=translation.get_language() or "",
    )
    name = {"name": export.filename}
    if export.is_done:
        messages.success(request, _("Your export %(name)s is ready.") % name)
    elif export.is_failed:
        messages.error(request, export.error)
    elif created:
        messages.info(
            request,
            _(
                "%(name)s is large, so it is being prepared in the background. You will get a "
                "notification when it is ready, and it will be listed here."
            )
            % name,
        )
    else:
        messages.info(
            request,
            _("%(name)s is already being prepared. You will get a notification when it is ready.")
            % name,
        )
    return redirect("exports:list")

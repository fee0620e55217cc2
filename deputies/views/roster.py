"""Roster pages, for county and township staff: the template, the current roster to edit and
upload again, the upload and its review, and the review's findings as a workbook.

An upload that refuses a row, changes a known deputy or leaves a column unread is stored and
shown for review; nothing is written until its uploader confirms. The confirmation carries the
fingerprint of the plan it saw: if the roster has changed since (a clerk's edit, another
import), the new plan is shown instead of written.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views import View

from ..forms import RosterUploadForm
from ..models import RosterImport
from ..roster import (
    XLSX,
    RosterFileError,
    apply_roster,
    problems_workbook,
    read_roster,
    record_roster_import,
    roster_export,
    roster_template,
)
from ..selectors import (
    deputies_in_care_of,
    roster_counties_for,
    scope_for,
    townships_visible_to,
)
from .staff import StaffRequiredMixin

# The review page lists this many refused rows and changed deputies; the workbook has them all.
REVIEW_LIMIT = 200


class RosterManagerMixin(StaffRequiredMixin):
    """County and township staff. Station staff get 403; deputies and editors, as above, 404."""

    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        if scope.is_staff and not scope.manages_roster:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def render_review(request, upload, plan, *, status, notice=""):
    context = {
        "upload": upload,
        "plan": plan,
        "digest": plan.digest(),
        "errors_shown": plan.errors[:REVIEW_LIMIT],
        "updates_shown": plan.updates[:REVIEW_LIMIT],
        "limit": REVIEW_LIMIT,
        "notice": notice,
    }
    return render(request, "deputies/roster_review.html", context, status=status)


class RosterTemplateView(RosterManagerMixin, View):
    def get(self, request):
        townships = townships_visible_to(request.user).prefetch_related("stations").order_by("name")
        return xlsx_response(roster_template(list(townships)), "roster-template.xlsx")


class RosterExportView(RosterManagerMixin, View):
    """The deputies of one county in the user's care, in the template's layout.

    Full mobile numbers: the file goes only to county and township staff, and holds only the
    deputies in their care, each of whom they see with the full number on the deputy's page
    (`get_visible_deputy`). Station staff (who see their station's numbers there too, but keep
    no roster) get 403, as for the import; anyone else 404."""

    def get(self, request):
        counties = roster_counties_for(request.user)
        chosen = request.GET.get("county", "")
        if chosen.isdigit():
            county = get_object_or_404(counties, pk=chosen)
        else:
            only = list(counties[:2])
            if len(only) != 1:
                raise Http404("Name the county: ?county=<id>")
            county = only[0]
        townships = list(
            townships_visible_to(request.user)
            .filter(county=county)
            .prefetch_related("stations")
            .order_by("name")
        )
        deputies = (
            deputies_in_care_of(request.user)
            .filter(township__in=[t.pk for t in townships])
            .with_people()
            .order_by("township__name", "station__name", "user__name", "pk")
        )
        content = roster_export(
            county=county, townships=townships, deputies=deputies, by=request.user
        )
        filename = f"roster-{county.code}-{timezone.localdate():%Y%m%d}.xlsx"
        return xlsx_response(content, filename)


class RosterUploadView(RosterManagerMixin, View):
    template_name = "deputies/roster_upload.html"

    def get_form(self, data=None, files=None):
        return RosterUploadForm(data, files, counties=roster_counties_for(self.request.user))

    def render_form(self, form, status=200):
        counties = list(roster_counties_for(self.request.user))
        scope = scope_for(self.request.user)
        context = {
            "form": form,
            "export_counties": counties,
            # County officers open a new term from here too (as `terms.term_counties_for`).
            "term_counties": [c for c in counties if scope.everything or c.pk in scope.county_ids],
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_form(self.get_form())

    def post(self, request):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=400)
        county = form.cleaned_data["county"]
        content = form.cleaned_data["file"].read()
        townships = townships_visible_to(request.user).filter(county=county)
        try:
            plan = read_roster(content, townships=townships)
        except RosterFileError as exc:
            form.add_error("file", str(exc))
            return self.render_form(form, status=400)
        if plan.needs_review:
            upload = RosterImport.objects.create(
                uploaded_by=request.user,
                county=county,
                filename=form.cleaned_data["file"].name[:200],
                content=content,
                rejected_count=len(plan.errors),
            )
            return render_review(request, upload, plan, status=422 if plan.errors else 200)
        with transaction.atomic():
            apply_roster(plan)
            record_roster_import(plan, county=county, filename=form.cleaned_data["file"].name)
        return render(request, "deputies/roster_done.html", {"plan": plan})


class RosterConfirmView(RosterManagerMixin, View):
    """Imports an upload its uploader has reviewed.

    The file is checked again: the roster may have changed since it was uploaded. If the check
    differs from the one reviewed, it is shown again and nothing is written.
    """

    def post(self, request, pk):
        # A term change's roster is confirmed with the term change, not here.
        upload = get_object_or_404(
            RosterImport,
            pk=pk,
            uploaded_by=request.user,
            applied_at__isnull=True,
            term_change__isnull=True,
        )
        townships = townships_visible_to(request.user).filter(county=upload.county)
        try:
            plan = read_roster(bytes(upload.content), townships=townships)
        except RosterFileError as exc:
            # Read once already, so only a change of this code or a damaged row gets here.
            messages.error(request, str(exc))
            form = RosterUploadForm(counties=roster_counties_for(request.user))
            return render(request, "deputies/roster_upload.html", {"form": form}, status=400)
        if not constant_time_compare(request.POST.get("digest", ""), plan.digest()):
            notice = _(
                "The roster has changed since this file was checked. This is the check as it "
                "is now: look at it again before importing. Nothing has been imported yet."
            )
            return render_review(request, upload, plan, status=409, notice=notice)
        with transaction.atomic():
            applied = apply_roster(plan, upload=upload)
            if applied is not None:
                record_roster_import(plan, county=upload.county, filename=upload.filename)
        if applied is None:
            # Confirmed twice at once (a double click): the first confirmation imported it.
            messages.info(request, _("This roster was imported already."))
            return redirect("deputy_list")
        messages.success(
            request,
            _("Imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": plan.created, "updated": plan.updated, "unchanged": plan.unchanged},
        )
        return render(request, "deputies/roster_done.html", {"plan": plan})


class RosterProblemsView(RosterManagerMixin, View):
    """The review of one's own upload as a workbook: every problem, and every change."""

    def get(self, request, pk):
        upload = get_object_or_404(RosterImport, pk=pk, uploaded_by=request.user)
        townships = townships_visible_to(request.user).filter(county=upload.county)
        try:
            plan = read_roster(bytes(upload.content), townships=townships)
        except RosterFileError as exc:
            messages.error(request, str(exc))
            return redirect("roster_upload")
        content = problems_workbook(plan, filename=upload.filename)
        return xlsx_response(content, f"roster-check-{upload.pk}.xlsx")

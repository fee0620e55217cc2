"""Certificates: a deputy's own list and downloads, the public verification page, and the
county officers' page to revoke and re-issue. Views coordinate: selectors read, services
write."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from courses.models import CoursePage
from deputies.selectors import get_visible_deputy, staff_or_404

from . import selectors
from .batches import resume_stalled_batch, start_batch
from .forms import CodeForm, IssueByHandForm, RevokeForm, UploadForm
from .services import (
    CertificateError,
    issue_by_hand,
    reissue,
    revoke,
)


@login_required
def my_certificates(request):
    certificates = list(selectors.own_certificates(request.user))
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
@never_cache
def download(request, pk):
    certificate = selectors.downloadable_certificate(request.user, pk)
    if not certificate.is_rendered:
        raise Http404("The certificate is still being prepared")
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )


def _verify_rate(group, request) -> str:
    return settings.VERIFY_RATE


def _upload_rate(group, request) -> str:
    return settings.VERIFY_UPLOAD_RATE


# Codes are 128 random bits, so guessing is hopeless anyway; the limit keeps a script from
# hammering the page (and the database) trying.
@ratelimit(group="certificates:verify", key="ip", rate=_verify_rate)
def verify_form(request):
    """Enter a code by hand (the QR code leads straight to the certificate's page)."""
    form = CodeForm(request.GET or None)
    if form.is_valid():
        certificate = selectors.certificate_by_code(form.cleaned_data["code"])
        if certificate is not None:
            return redirect("certificates:verify", code=certificate.code)
        return _not_found(request, form)
    return render(request, "certificates/verify_form.html", {"form": form})


def _not_found(request, form):
    """The form again, with what was typed, saying that no certificate has this code: a 404
    still, so that tools and crawlers see there is nothing here."""
    return render(
        request, "certificates/verify_form.html", {"form": form, "not_found": True}, status=404
    )


@ratelimit(group="certificates:verify", key="ip", rate=_verify_rate)
@ratelimit(group="certificates:verify-upload", key="ip", rate=_upload_rate, method="POST")
def verify(request, code):
    """A certificate's public record, and whether an uploaded PDF is the one issued. A code
    typed into the address with spaces or full-width characters leads to its proper address."""
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return _not_found(request, CodeForm({"code": code}))
    if request.method != "POST" and certificate.code != code:
        return redirect("certificates:verify", code=certificate.code)
    upload_form = UploadForm()
    match = None
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            digest = hashlib.sha256()
            for chunk in upload_form.cleaned_data["file"].chunks():
                digest.update(chunk)
            match = certificate.is_rendered and digest.hexdigest() == certificate.sha256
    context = {
        "certificate": certificate,
        "state": certificate.state(),
        "upload_form": upload_form,
        "match": match,
    }
    return render(request, "certificates/verify.html", context)


def _staff(request):
    staff_or_404(request.user, "Only staff see deputies' certificates")


@login_required
def staff_list(request):
    """Certificates of the deputies in the user's care, newest first."""
    _staff(request)
    page = Paginator(selectors.certificates_in_care_of(request.user), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "certificates": list(page),
        "batch_courses": selectors.batch_courses(request.user),
        "batches": selectors.recent_batches(request.user),
    }
    return render(request, "certificates/staff_list.html", context)


@login_required
def staff_deputy(request, pk):
    """One deputy's certificates, with issue, revoke and re-issue for county officers."""
    _staff(request)
    deputy = get_visible_deputy(request.user, pk)
    if deputy.user_id == request.user.pk:
        raise Http404("Staff do not manage their own certificates")
    return _deputy_page(request, deputy)


def _deputy_page(request, deputy, *, issue_form=None, status=200):
    certificates = list(selectors.certificates_in_care_of(request.user).filter(deputy=deputy))
    for certificate in certificates:
        # One form per certificate, each with its own field ids.
        certificate.revoke_form = RevokeForm(auto_id=f"id_revoke{certificate.pk}_%s")
    may_manage = selectors.may_manage(request.user)
    if may_manage and issue_form is None:
        issue_form = IssueByHandForm(courses=selectors.courses_to_issue(deputy))
    context = {
        "deputy": deputy,
        "certificates": certificates,
        "may_manage": may_manage,
        "issue_form": issue_form,
    }
    return render(request, "certificates/staff_deputy.html", context, status=status)


@require_POST
@login_required
def staff_issue(request, pk):
    """Issue a certificate by hand; a bad form shows the deputy's page again with its errors."""
    deputy = get_object_or_404(selectors.managed_deputies(request.user), pk=pk)
    form = IssueByHandForm(request.POST, courses=selectors.courses_to_issue(deputy))
    if form.is_valid():
        try:
            certificate = issue_by_hand(
                deputy=deputy,
                course=form.cleaned_data["course"],
                credit_hours=form.cleaned_data["credit_hours"],
                note=form.cleaned_data["note"],
                trained_on=form.cleaned_data["trained_on"],
                by=request.user,
            )
        except CertificateError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Certificate %(serial)s issued; its PDF is being prepared.")
                % {"serial": certificate.serial},
            )
            return redirect("certificates:staff_deputy", pk=deputy.pk)
    return _deputy_page(request, deputy, issue_form=form, status=400)


@require_POST
@login_required
def staff_revoke(request, pk):
    certificate = get_object_or_404(selectors.managed_certificates(request.user), pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose why the certificate is revoked and give the reason."))
    else:
        try:
            revoke(
                certificate=certificate,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except CertificateError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Certificate %(serial)s revoked.") % {"serial": certificate.serial}
            )
    return redirect("certificates:staff_deputy", pk=certificate.deputy_id)


@require_POST
@login_required
def staff_reissue(request, pk):
    certificate = get_object_or_404(selectors.managed_certificates(request.user), pk=pk)
    try:
        new = reissue(certificate=certificate, by=request.user)
    except CertificateError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Certificate %(old)s replaced by %(new)s.")
            % {"old": certificate.serial, "new": new.serial},
        )
    return redirect("certificates:staff_deputy", pk=certificate.deputy_id)


@require_POST
@login_required
def staff_start_batch(request, course_pk):
    """Issue for everyone in the officer's care who completed the course, then show progress."""
    if not selectors.may_manage(request.user):
        raise Http404("Only county officers issue in bulk")
    course = get_object_or_404(CoursePage, pk=course_pk)
    try:
        batch = start_batch(course=course, by=request.user)
    except CertificateError as exc:
        messages.error(request, str(exc))
        return redirect("certificates:staff_list")
    return redirect("certificates:staff_batch", pk=batch.pk)


@login_required
@never_cache
def staff_batch(request, pk):
    """A batch's progress; it reloads itself while the worker renders. A batch whose worker
    was lost is handed to a new one from here (the officer is looking at it)."""
    batch = selectors.own_batch(request.user, pk)
    if batch.is_stalled():
        resume_stalled_batch(batch_id=batch.pk)
        batch = selectors.own_batch(request.user, pk)
    context = {"batch": batch, "keep_days": settings.CERTIFICATE_BATCH_KEEP_DAYS}
    return render(request, "certificates/certificate_batch.html", context)


@login_required
@never_cache
def staff_batch_download(request, pk):
    batch = selectors.own_batch(request.user, pk)
    if not batch.zip_available:
        raise Http404("The batch is not done, or its ZIP was deleted")
    return FileResponse(
        batch.zip_file.open("rb"),
        as_attachment=True,
        filename=batch.zip_name,
        content_type="application/zip",
    )

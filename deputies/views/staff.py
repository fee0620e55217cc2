"""Staff pages: the deputies in one's scope, password resets, sign-in links, roster import."""

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView

from ..forms import DeputyFilterForm, RosterUploadForm
from ..models import RosterImport
from ..roster import (
    RosterFileError,
    apply_roster,
    read_roster,
    record_roster_import,
    roster_template,
)
from ..selectors import (
    deputies_in_care_of,
    get_visible_deputy,
    may_reset_sign_in,
    roster_counties_for,
    scope_for,
    stations_visible_to,
    townships_visible_to,
)
from ..services import create_signin_link, reset_password


class StaffRequiredMixin(LoginRequiredMixin):
    """Staff with a place in their scope. Deputies and editors get 404: the page is not theirs."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).is_staff:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class RosterManagerMixin(StaffRequiredMixin):
    """County and township staff. Station staff get 403; deputies and editors, as above, 404."""

    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        if scope.is_staff and not scope.manages_roster:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DeputyListView(StaffRequiredMixin, ListView):
    template_name = "deputies/deputy_list.html"
    context_object_name = "deputies"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        self.filter_form = DeputyFilterForm(
            self.request.GET or None,
            townships=townships_visible_to(user).order_by("name"),
            stations=stations_visible_to(user).select_related("township").order_by("name"),
        )
        deputies = deputies_in_care_of(user).with_people().order_by("township__name", "user__name")
        if self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            if data["q"]:
                deputies = deputies.filter(
                    Q(user__name__icontains=data["q"]) | Q(user__mobile__contains=data["q"])
                )
            if data["township"]:
                deputies = deputies.filter(township=data["township"])
            if data["station"]:
                deputies = deputies.filter(station=data["station"])
        return deputies

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["manages_roster"] = scope_for(self.request.user).manages_roster
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context


class DeputyDetailView(StaffRequiredMixin, DetailView):
    template_name = "deputies/deputy_detail.html"
    context_object_name = "deputy"

    def get_object(self, queryset=None):
        return get_visible_deputy(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_help_sign_in"] = may_reset_sign_in(self.request.user, self.object.user)
        return context


class SignInHelpMixin(StaffRequiredMixin):
    def get_deputy(self):
        deputy = get_visible_deputy(self.request.user, self.kwargs["pk"])
        if not may_reset_sign_in(self.request.user, deputy.user):
            raise PermissionDenied
        return deputy


class ResetPasswordView(SignInHelpMixin, View):
    def post(self, request, pk):
        deputy = self.get_deputy()
        password = reset_password(user=deputy.user, by=request.user)
        return render(
            request,
            "deputies/password_reset_done.html",
            {"deputy": deputy, "password": password},
        )


class SignInLinkCreateView(SignInHelpMixin, View):
    def post(self, request, pk):
        deputy = self.get_deputy()
        link, token = create_signin_link(user=deputy.user, created_by=request.user)
        url = request.build_absolute_uri(reverse("signin_link", args=[token]))
        qr_svg = segno.make(url, error="m").svg_inline(scale=6, border=2)
        return render(
            request,
            "deputies/signin_link.html",
            {"deputy": deputy, "link": link, "url": url, "qr_svg": qr_svg},
        )


class RosterTemplateView(RosterManagerMixin, View):
    def get(self, request):
        townships = townships_visible_to(request.user).prefetch_related("stations").order_by("name")
        response = HttpResponse(
            roster_template(list(townships)),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="roster-template.xlsx"'
        return response


class RosterUploadView(RosterManagerMixin, View):
    template_name = "deputies/roster_upload.html"

    def get_form(self, data=None, files=None):
        return RosterUploadForm(data, files, counties=roster_counties_for(self.request.user))

    def get(self, request):
        return render(request, self.template_name, {"form": self.get_form()})

    def post(self, request):
        form = self.get_form(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        county = form.cleaned_data["county"]
        content = form.cleaned_data["file"].read()
        townships = townships_visible_to(request.user).filter(county=county)
        try:
            plan = read_roster(content, townships=townships)
        except RosterFileError as exc:
            form.add_error("file", str(exc))
            return render(request, self.template_name, {"form": form}, status=400)
        if plan.errors:
            upload = RosterImport.objects.create(
                uploaded_by=request.user,
                county=county,
                filename=form.cleaned_data["file"].name[:200],
                content=content,
                rejected_count=len(plan.errors),
            )
            return render(
                request,
                "deputies/roster_review.html",
                {"plan": plan, "upload": upload},
                status=422,
            )
        with transaction.atomic():
            apply_roster(plan)
            record_roster_import(plan, county=county, filename=form.cleaned_data["file"].name)
        return render(request, "deputies/roster_done.html", {"plan": plan})


class RosterConfirmView(RosterManagerMixin, View):
    """Imports the good rows of an upload that had bad ones, once the user has seen the report.

    The file is checked again: the roster may have changed since it was uploaded.
    """

    def post(self, request, pk):
        upload = get_object_or_404(
            RosterImport, pk=pk, uploaded_by=request.user, applied_at__isnull=True
        )
        townships = townships_visible_to(request.user).filter(county=upload.county)
        try:
            plan = read_roster(bytes(upload.content), townships=townships)
        except RosterFileError as exc:
            # Read once already, so only a change of this code or a damaged row gets here.
            messages.error(request, str(exc))
            form = RosterUploadForm(counties=roster_counties_for(request.user))
            return render(request, "deputies/roster_upload.html", {"form": form}, status=400)
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

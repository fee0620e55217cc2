"""Staff pages: the deputies in one's scope, password resets, sign-in links."""

import segno
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django.views.generic import DetailView, ListView

from ..forms import DeputyFilterForm
from ..selectors import (
    deputies_in_care_of,
    get_visible_deputy,
    may_reset_sign_in,
    scope_for,
    stations_visible_to,
    townships_visible_to,
)
from ..services import create_signin_link, reset_password
from ..terms import seats_of


class StaffRequiredMixin(LoginRequiredMixin):
    """Staff with a place in their scope. Deputies and editors get 404: the page is not theirs."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not scope_for(request.user).is_staff:
            raise Http404
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
        context["seats"] = seats_of(self.object)
        # County and township staff record a deputy's leaving office; not for themselves.
        context["may_record_leaving"] = (
            self.object.is_active
            and scope_for(self.request.user).manages_roster
            and self.object.user_id != self.request.user.pk
        )
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

"""Sign-in, sign-out, password change and one-time sign-in links."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View

from ..forms import ChangePasswordForm, FirstPasswordForm, MobileSignInForm
from ..services import find_signin_link, use_signin_link


class SignInView(auth_views.LoginView):
    form_class = MobileSignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ChangePasswordForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def get_form_class(self):
        if not self.request.user.has_usable_password():
            return FirstPasswordForm
        return super().get_form_class()

    def form_valid(self, form):
        response = super().form_valid(form)
        user = form.user
        if user.must_change_password:
            user.must_change_password = False
            user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response


def locked_out(request, credentials, *args, **kwargs):
    """django-axes calls this instead of signing in once a number or an address is locked."""
    return render(request, "registration/locked_out.html", status=429)


class SignInLinkView(View):
    """GET shows whose link this is and a button; POST spends the link and signs in.

    Spending the link on POST only keeps chat apps and link previews, which fetch every link
    they see, from using it up before the deputy taps it.
    """

    template_name = "registration/signin_link.html"

    def get(self, request, token):
        link = find_signin_link(token)
        status = 200 if link else 410
        return render(request, self.template_name, {"link": link}, status=status)

    def post(self, request, token):
        user = use_signin_link(token=token)
        if user is None:
            return render(request, self.template_name, {"link": None}, status=410)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("You are signed in. Welcome, %(name)s.") % {"name": user.name})
        if not user.has_usable_password():
            # A new account, signed in from a printed card: offer to choose a password now.
            return redirect("password_change")
        return redirect("home")

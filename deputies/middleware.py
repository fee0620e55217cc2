from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """After staff reset a password, the user picks their own before doing anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = (
                reverse("password_change"),
                reverse("logout"),
                reverse("set_language"),
                reverse("favicon"),
            )
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)


# What a former deputy may still open (URL names), where their county lets them keep their
# archive: their learning archive, their certificates, and their account's own pages.
FORMER_DEPUTY_PAGES = frozenset(
    {
        "reports:archive",
        "reports:archive_pdf",
        "certificates:mine",
        "certificates:download",
        "certificates:verify_form",
        "certificates:verify",
        "logout",
        "password_change",
        "set_language",
        "toggle_large_font",
        "manifest",
        "service_worker",
        "offline",
        "healthz",
        "me",
        "favicon",
    }
)


class FormerDeputyMiddleware:
    """A deputy who has left office (`User.archive_only`, read with the user at no cost), and
    holds no staff role, reads their own archive and certificates and nothing else, if their
    county allows it (`County.former_deputies_keep_access`); if it does not, they are signed
    out with a page that says why. Staff who were deputies keep their staff pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.archive_only:
            return self.get_response(request)
        from .selectors import scope_for

        scope = scope_for(user)
        deputy = getattr(user, "deputy", None)
        if scope.is_staff or scope.is_editor or user.is_superuser or deputy is None:
            return self.get_response(request)
        if not deputy.township.county.former_deputies_keep_access:
            from django.contrib.auth import logout
            from django.shortcuts import render

            logout(request)
            return render(request, "deputies/former_deputy.html", {"deputy": deputy}, status=403)
        match = _resolve(request.path_info)
        if match is not None and match.view_name in FORMER_DEPUTY_PAGES:
            return self.get_response(request)
        if request.path_info.startswith(("/static/", "/media/")):
            return self.get_response(request)
        return redirect("reports:archive")


def _resolve(path):
    from django.urls import Resolver404, resolve

    try:
        return resolve(path)
    except Resolver404:
        return None

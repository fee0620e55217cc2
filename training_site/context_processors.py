from deputies.selectors import scope_for
from materials.selectors import library_url

LARGE_FONT_COOKIE = "large_font"


def display(request):
    """The reader's display choices, read from a cookie so they hold before signing in too."""
    return {"large_font": request.COOKIES.get(LARGE_FONT_COOKIE) == "1"}


def navigation(request):
    """Which sections the main navigation offers this user. The scope is read once per request
    and cached on the user, so pages that also use it pay nothing more."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    return {
        "nav": {"staff": scope.is_staff, "roster": scope.manages_roster},
        "laws_url": library_url(),
    }

from functools import partial

from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.models import Page

from audit.selectors import may_read_log
from common import generations, pageslots
from courses.models import CourseIndexPage
from deputies.places.selectors import manages_places
from deputies.selectors import deputy_of, scope_for
from materials.models import LawIndexPage
from notifications.selectors import unread_count

from .menu import me_sections, menu_urls, tabs

LARGE_FONT_COOKIE = "large_font"


def display(request):
    """The reader's display choices, read from a cookie so they hold before signing in too."""
    return {"large_font": _large_font(request)}


def display_key(request) -> str:
    """All that `display` gives varies with (settings.PAGE_VARIES_WITH)."""
    return "large" if _large_font(request) else "standard"


def _large_font(request) -> bool:
    return request.COOKIES.get(LARGE_FONT_COOKIE) == "1"


def roles(user) -> dict:
    """Which sections the menus offer this user: {} to a visitor, {"former": True} to a former
    deputy (who opens their archive and certificates only: FormerDeputyMiddleware), else a flag
    for each role. The scope is read once per request and cached on the user, so pages that also
    use it pay nothing more."""
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    if user.archive_only and not (scope.is_staff or scope.is_editor or user.is_superuser):
        return {"former": True}
    return {
        "staff": scope.is_staff,
        "deputy": deputy_of(user) is not None,
        "roster": scope.manages_roster,
        "places": manages_places(user),
        "audit": may_read_log(user),
    }


def menu_key(request) -> str:
    """All that the menus (main_nav.html, tab_bar.html) show varies with besides the page's
    address and the language: the sections offered and the content admin's link
    (settings.PAGE_VARIES_WITH). The unread badges are parts of their own (common.pageslots),
    so that readers with other counts share one kept page."""
    user = getattr(request, "user", None)
    offered = roles(user)
    if not offered:
        return "visitor"
    names = ".".join(sorted(name for name, on in offered.items() if on))
    if offered.get("former"):
        return names
    return f"{names}:editor" if user.is_staff else names


def unread(request) -> int:
    """The reader's unread count, counted once a request however often it is asked for."""
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(request.user)
    return request._unread_notifications


def unread_badge(badge_class: str, lead: str = ""):
    """How a menu shows the unread count: nothing when none are unread (a part of its own:
    common.pageslots; registered by TrainingSiteConfig.ready)."""

    def render(request) -> str:
        count = unread(request)
        if not count:
            return ""
        return format_html(
            '{}<span class="{}" aria-hidden="true">{}</span>'
            '<span class="visually-hidden">{}</span>',
            lead,
            badge_class,
            count,
            _("(%(number)s unread)") % {"number": count},
        )

    return render


def navigation(request):
    """Which sections the main navigation offers this user, their addresses, which one the page
    is in, and the tab bar."""
    user = getattr(request, "user", None)
    offered = roles(user)
    if not offered:
        return {}
    if offered.get("former"):
        nav = {"former": True, "urls": menu_urls()}
        nav["tabs"] = tabs(request.path, nav)
        nav["me_sections"] = partial(me_sections, nav, is_content_editor=False)
        return {"nav": nav}
    urls = section_urls()
    menu = menu_urls()
    nav = {
        "urls": menu,
        **offered,
        **urls,
        # Which section the page belongs to, for aria-current on its menu item.
        "in_courses": _within(request.path, urls.get("courses_url")),
        "in_laws": _within(request.path, urls.get("laws_url")),
        "in_proposals": _within(request.path, menu["proposals_list"]),
        "in_notifications": _within(request.path, menu["notifications_list"]),
        # The unread count: a function the template calls, so the COUNT runs only on pages
        # that show it, and once however often the page asks. The menus show it as parts of
        # their own (common.pageslots).
        "unread_notifications": partial(unread, request),
        "unread_badge": partial(pageslots.part, request, "unread-nav"),
        "unread_tab_badge": partial(pageslots.part, request, "unread-tab"),
    }
    # The phone's bottom tab bar (training_site/menu.py).
    nav["tabs"] = tabs(request.path, nav)
    # What the Me page lists: built only on that page, when its template asks.
    nav["me_sections"] = partial(me_sections, nav, is_content_editor=user.is_staff)
    return {"nav": nav}


def section_urls() -> dict[str, str]:
    """Where the law library and the course list live: editors may move or rename them in the
    page tree, so they are read in one query and kept under the pages' generation (renewed by
    any change of a page or a site). A section not yet created is left out of the menu."""
    # By script prefix too: the addresses hold it (a site served under /county/).
    return generations.kept(f"section-urls:{get_script_prefix()}", _read_section_urls)


def _read_section_urls() -> dict[str, str]:
    urls = {}
    for page in Page.objects.live().type(LawIndexPage, CourseIndexPage).specific(defer=True):
        urls.setdefault("laws_url" if isinstance(page, LawIndexPage) else "courses_url", page.url)
    return urls


def _within(path: str, section_url: str | None) -> bool:
    return bool(section_url) and path.startswith(section_url)

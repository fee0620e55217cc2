"""The phone's navigation: the bottom tab bar (at most five destinations, fitted to the role)
and the 我的 (Me) page that lists everything else, grouped by purpose.

Desktop keeps the full menu (templates/components/main_nav.html); on a phone that menu is
hidden by CSS and these two take its place, so every destination stays reachable in two taps.
Both read the flags the `navigation` context processor computes, so they cost no query of
their own beyond the unread count the menu already pays for.
"""

from dataclasses import dataclass
from functools import cache, lru_cache

from django.template.loader import get_template
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Every address the menus show (main_nav.html, the tab bar, the Me page): reversed once a
# process for the URLconf and script prefix in use, not some forty times on every page (a
# quarter of the menu's rendering, measured).
MENU_URL_NAMES = (
    "audit:log",
    "certificates:mine",
    "certificates:staff_list",
    "course_overview",
    "dashboard:home",
    "deputy_list",
    "home",
    "inspections:list",
    "inspections:mine",
    "logout",
    "me",
    "notifications:list",
    "offline_kept",
    "password_change",
    "places:index",
    "practice:book",
    "proposals:list",
    "proposals:review_queue",
    "quiz_staff:results",
    "receptions:register",
    "receptions:suggestion_staff_list",
    "receptions:suggestions",
    "reports:archive",
    "roster_upload",
    "search",
    "send_notice",
    "studysessions:mine",
    "studysessions:staff_list",
)


def menu_urls() -> dict[str, str]:
    """Every menu address by its URL name, with "_" for ":" as templates read it
    (`nav.urls.reports_archive`)."""
    return _reversed(get_resolver(get_urlconf()), get_script_prefix())


@lru_cache(maxsize=8)
def _reversed(resolver, prefix: str) -> dict[str, str]:
    return {name.replace(":", "_"): reverse(name) for name in MENU_URL_NAMES}


@cache
def icon_svg(name: str) -> str:
    """An icon's markup (templates/components/icons/<name>.svg, plain SVG), read once a process:
    the tab bar shows four or five on every page."""
    return mark_safe(get_template(f"components/icons/{name}.svg").render())  # noqa: S308 (our own files, no variables)


def url(name: str) -> str:
    """One menu address (`menu_urls`)."""
    return menu_urls()[name.replace(":", "_")]


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url: str
    icon: str  # the name of templates/components/icons/<icon>.svg
    current: bool = False
    badge: object = None  # a callable giving the tab's badge (the unread count), HTML or ""

    @property
    def icon_svg(self) -> str:
        return icon_svg(self.icon)


@dataclass(frozen=True)
class Row:
    label: str
    url: str
    badge: object = None


@dataclass(frozen=True)
class Section:
    title: str
    rows: list


def tabs(path: str, nav: dict) -> list[Tab]:
    """The tab bar for this user and page: which destinations, and which one is current."""
    me_url = url("me")
    me = Tab(
        "me",
        pgettext_lazy("tab", "Me"),
        me_url,
        "me",
        current=path == me_url or path in _me_pages(nav),
        badge=nav.get("unread_tab_badge"),
    )
    if nav.get("former"):
        archive, certificates = url("reports:archive"), url("certificates:mine")
        return [
            Tab("archive", pgettext_lazy("tab", "Archive"), archive, "archive", path == archive),
            Tab(
                "certificates",
                pgettext_lazy("tab", "Certificates"),
                certificates,
                "certificate",
                path == certificates,
            ),
            me,
        ]
    home = Tab("home", pgettext_lazy("tab", "Home"), url("home"), "home", path == url("home"))
    learn = None
    if nav.get("courses_url") or nav.get("laws_url"):
        learn = Tab(
            "learn",
            pgettext_lazy("tab", "Learn"),
            nav.get("courses_url") or nav["laws_url"],
            "book",
            bool(nav.get("in_courses") or nav.get("in_laws")),
        )
    if nav.get("staff"):
        deputies = url("deputy_list")
        study = url("studysessions:staff_list")
        review = url("proposals:review_queue")
        return [
            home,
            Tab(
                "deputies",
                pgettext_lazy("tab", "Deputies"),
                deputies,
                "people",
                path.startswith(deputies),
            ),
            Tab("study", pgettext_lazy("tab", "Study"), study, "calendar", path.startswith(study)),
            Tab("review", pgettext_lazy("tab", "Review"), review, "check", path.startswith(review)),
            me,
        ]
    if nav.get("deputy"):
        practice = url("practice:book")
        return [
            home,
            *([learn] if learn else []),
            Tab(
                "practice",
                pgettext_lazy("tab", "Practice"),
                practice,
                "target",
                path.startswith("/practice/"),
            ),
            Tab(
                "writing",
                pgettext_lazy("tab", "Writing"),
                url("proposals:list"),
                "pen",
                bool(nav.get("in_proposals"))
                and not path.startswith(url("proposals:review_queue")),
            ),
            me,
        ]
    return [home, *([learn] if learn else []), me]


def _me_pages(nav: dict) -> set[str]:
    """The pages reached from the Me page, whose tab stays lit while the reader is on them."""
    pages = {
        url("certificates:mine"),
        url("studysessions:mine"),
        url("receptions:register"),
        url("inspections:mine"),
        url("reports:archive"),
        url("search"),
        url("offline_kept"),
        url("notifications:list"),
        url("password_change"),
    }
    if nav.get("former"):
        pages -= {url("certificates:mine"), url("reports:archive")}
    return pages


def me_sections(nav: dict, *, is_content_editor: bool) -> list[Section]:
    """Everything the tab bar leaves out, grouped by purpose, for the Me page."""
    sections = []
    if nav.get("former"):
        sections.append(
            Section(
                _("My record"),
                [
                    Row(_("Learning archive"), url("reports:archive")),
                    Row(_("My certificates"), url("certificates:mine")),
                ],
            )
        )
        return sections
    learning = []
    if nav.get("staff") and nav.get("courses_url"):
        learning.append(Row(_("Courses"), nav["courses_url"]))
    if nav.get("laws_url"):
        learning.append(Row(_("Law library"), nav["laws_url"]))
    if nav.get("deputy"):
        learning += [
            Row(_("My certificates"), url("certificates:mine")),
            Row(_("Group study"), url("studysessions:mine")),
            Row(_("Inspections"), url("inspections:mine")),
            Row(_("Learning archive"), url("reports:archive")),
            Row(_("My suggestions"), url("receptions:suggestions")),
        ]
        if nav.get("staff"):
            learning += [
                Row(_("Practice"), url("practice:book")),
                Row(_("Writing practice"), url("proposals:list")),
            ]
    if learning:
        sections.append(Section(_("Learning"), learning))
    if nav.get("deputy") or nav.get("staff"):
        sections.append(
            Section(_("Work with voters"), [Row(_("Voter reception"), url("receptions:register"))])
        )
    sections.append(
        Section(
            _("Messages and reading"),
            [
                Row(
                    _("Notifications"),
                    url("notifications:list"),
                    badge=nav.get("unread_notifications"),
                ),
                Row(_("Search"), url("search")),
                Row(_("Offline reading"), url("offline_kept")),
            ],
        )
    )
    tools = []
    if nav.get("staff"):
        tools += [
            Row(_("Dashboard"), url("dashboard:home")),
            Row(_("Course assignment"), url("course_overview")),
            Row(_("Send a notice"), url("send_notice")),
            Row(_("Quiz results"), url("quiz_staff:results")),
            Row(_("Certificates"), url("certificates:staff_list")),
            Row(_("Suggestion replies"), url("receptions:suggestion_staff_list")),
            Row(_("Inspections and surveys"), url("inspections:list")),
        ]
    if nav.get("roster"):
        tools.append(Row(_("Roster import"), url("roster_upload")))
    if nav.get("places"):
        tools.append(Row(_("Places and staff"), url("places:index")))
    if nav.get("audit"):
        tools.append(Row(_("Audit log"), url("audit:log")))
    if is_content_editor:
        tools.append(Row(_("Content admin"), "/admin/"))
    if tools:
        sections.append(Section(_("Staff tools"), tools))
    return sections

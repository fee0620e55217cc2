"""The phone's navigation: the bottom tab bar (at most five destinations, fitted to the role)
and the 我的 (Me) page that lists everything else, grouped by purpose.

Desktop keeps the full menu (templates/components/main_nav.html); on a phone that menu is
hidden by CSS and these two take its place, so every destination stays reachable in two taps.
Both read the flags the `navigation` context processor computes, so they cost no query of
their own beyond the unread count the menu already pays for.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url: str
    icon: str  # the name of templates/components/icons/<icon>.svg
    current: bool = False
    badge: object = None  # a callable giving the count shown on the tab (the unread badge)


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
    me_url = reverse("me")
    me = Tab(
        "me",
        pgettext_lazy("tab", "Me"),
        me_url,
        "me",
        current=path == me_url or path in _me_pages(nav),
        badge=nav.get("unread_notifications"),
    )
    if nav.get("former"):
        archive, certificates = reverse("reports:archive"), reverse("certificates:mine")
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
    home = Tab(
        "home", pgettext_lazy("tab", "Home"), reverse("home"), "home", path == reverse("home")
    )
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
        deputies = reverse("deputy_list")
        study = reverse("studysessions:staff_list")
        review = reverse("proposals:review_queue")
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
        practice = reverse("practice:book")
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
                reverse("proposals:list"),
                "pen",
                bool(nav.get("in_proposals"))
                and not path.startswith(reverse("proposals:review_queue")),
            ),
            me,
        ]
    return [home, *([learn] if learn else []), me]


def _me_pages(nav: dict) -> set[str]:
    """The pages reached from the Me page, whose tab stays lit while the reader is on them."""
    pages = {
        reverse("certificates:mine"),
        reverse("studysessions:mine"),
        reverse("receptions:register"),
        reverse("inspections:mine"),
        reverse("reports:archive"),
        reverse("search"),
        reverse("offline_kept"),
        reverse("notifications:list"),
        reverse("password_change"),
    }
    if nav.get("former"):
        pages -= {reverse("certificates:mine"), reverse("reports:archive")}
    return pages


def me_sections(nav: dict, *, is_content_editor: bool) -> list[Section]:
    """Everything the tab bar leaves out, grouped by purpose, for the Me page."""
    sections = []
    if nav.get("former"):
        sections.append(
            Section(
                _("My record"),
                [
                    Row(_("Learning archive"), reverse("reports:archive")),
                    Row(_("My certificates"), reverse("certificates:mine")),
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
            Row(_("My certificates"), reverse("certificates:mine")),
            Row(_("Group study"), reverse("studysessions:mine")),
            Row(_("Inspections"), reverse("inspections:mine")),
            Row(_("Learning archive"), reverse("reports:archive")),
            Row(_("My suggestions"), reverse("receptions:suggestions")),
        ]
        if nav.get("staff"):
            learning += [
                Row(_("Practice"), reverse("practice:book")),
                Row(_("Writing practice"), reverse("proposals:list")),
            ]
    if learning:
        sections.append(Section(_("Learning"), learning))
    if nav.get("deputy") or nav.get("staff"):
        sections.append(
            Section(
                _("Work with voters"), [Row(_("Voter reception"), reverse("receptions:register"))]
            )
        )
    sections.append(
        Section(
            _("Messages and reading"),
            [
                Row(
                    _("Notifications"),
                    reverse("notifications:list"),
                    badge=nav.get("unread_notifications"),
                ),
                Row(_("Search"), reverse("search")),
                Row(_("Offline reading"), reverse("offline_kept")),
            ],
        )
    )
    tools = []
    if nav.get("staff"):
        tools += [
            Row(_("Dashboard"), reverse("dashboard:home")),
            Row(_("Course assignment"), reverse("course_overview")),
            Row(_("Send a notice"), reverse("send_notice")),
            Row(_("Quiz results"), reverse("quiz_staff:results")),
            Row(_("Certificates"), reverse("certificates:staff_list")),
            Row(_("Suggestion replies"), reverse("receptions:suggestion_staff_list")),
            Row(_("Inspections and surveys"), reverse("inspections:list")),
        ]
    if nav.get("roster"):
        tools.append(Row(_("Roster import"), reverse("roster_upload")))
    if nav.get("places"):
        tools.append(Row(_("Places and staff"), reverse("places:index")))
    if nav.get("audit"):
        tools.append(Row(_("Audit log"), reverse("audit:log")))
    if is_content_editor:
        tools.append(Row(_("Content admin"), "/admin/"))
    if tools:
        sections.append(Section(_("Staff tools"), tools))
    return sections

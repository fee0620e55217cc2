"""A roster import racing: the same upload confirmed from two tabs, two clerks importing the
same new deputy, and a clerk's edit of a deputy landing while an import of that deputy runs.
No duplicate, no 500, and nothing lost silently: both changes land, or the import says which
row it left out. Through the real views."""

import threading

import pytest
from django.urls import reverse

from audit.models import Action, AuditEntry
from deputies.models import Deputy, RosterImport, User
from deputies.views import roster as roster_views
from tests.concurrency.racing import MEET_SECONDS, client_for, race, statuses

from ..deputies.rosters import build_roster, roster_row, roster_upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UPLOAD = reverse("roster_upload")


def upload(browser, content, county):
    return lambda: browser.post(UPLOAD, {"file": roster_upload(content), "county": county.pk})


def facts(response) -> str:
    """The done page's counts, as one line: 'Added 1 Updated 0 Unchanged 0 Not imported 0'."""
    page = response.content.decode()
    start = page.index('<dl class="facts">')
    text = page[start : page.index("</dl>", start)]
    for tag in ('<dl class="facts">', "<dt>", "</dt>", "<dd>", "</dd>"):
        text = text.replace(tag, " ")
    return " ".join(text.split())


@pytest.fixture
def read_then_meet(meeting, monkeypatch):
    """Each import has read its file against the roster before any writes."""
    monkeypatch.setattr(roster_views, "read_roster", meeting.after(roster_views.read_roster))
    return meeting


def test_an_upload_confirmed_from_two_tabs_is_applied_once(
    county, station, county_officer, read_then_meet
):
    content = build_roster(
        [
            roster_row(mobile="13512340001"),
            roster_row(mobile="13512340002", name="林小红", gender="女"),
            roster_row(mobile="12345"),
        ]
    )
    first = client_for(county_officer)
    reviewed = upload(first, content, county)()
    assert reviewed.status_code == 422
    pending = RosterImport.objects.get()
    url = reverse("roster_confirm", args=[pending.pk])
    tabs = [first, client_for(county_officer)]
    seen = {"digest": reviewed.context["digest"]}

    responses = race(*(lambda t=t: t.post(url, seen) for t in tabs), meeting=read_then_meet)

    # One tab shows what was imported; the other is sent to the deputies, told it was already.
    assert sorted(statuses(responses)) == [200, 302]
    assert Deputy.objects.filter(user__mobile__in=["13512340001", "13512340002"]).count() == 2
    (entry,) = AuditEntry.objects.filter(action=Action.ROSTER_IMPORTED)
    assert entry.detail["created"] == 2
    pending.refresh_from_db()
    # The upload keeps the counts of the confirmation that applied it.
    counts = (pending.created_count, pending.updated_count, pending.rejected_count)
    assert pending.applied_at is not None and counts == (2, 0, 1)


def test_two_clerks_importing_one_new_deputy_make_one_and_the_second_is_told(
    county, station, county_officer, township_staff, read_then_meet
):
    files = [
        build_roster([roster_row(mobile="13512340001", card_number="A-0001")]),
        build_roster([roster_row(mobile="13512340001", card_number="B-0002")]),
    ]
    clerks = [client_for(county_officer), client_for(township_staff)]

    responses = race(
        *(upload(c, f, county) for c, f in zip(clerks, files, strict=True)),
        meeting=read_then_meet,
    )

    assert statuses(responses) == [200, 200]
    deputy = Deputy.objects.get(user__mobile="13512340001")
    assert User.objects.filter(mobile="13512340001").count() == 1
    told = sorted(facts(r) for r in responses)
    assert told == [
        "Added 0 Updated 0 Unchanged 0 Not imported 1",
        "Added 1 Updated 0 Unchanged 0 Not imported 0",
    ]
    winner = ["A-0001", "B-0002"][[facts(r)[6] for r in responses].index("1")]
    assert deputy.card_number == winner


@pytest.mark.parametrize(
    ("field", "value", "told_if_edited_first"),
    [
        # The clerk changes what the file does not: both land.
        ("card_number", "A-0099", "Added 0 Updated 1 Unchanged 0 Not imported 0"),
        # The clerk changes the term the file changes too: the clerk's stays, the import says so.
        ("term", 20, "Added 0 Updated 0 Unchanged 0 Not imported 1"),
    ],
)
def test_a_clerks_edit_landing_during_an_import_is_not_lost(
    county, station, deputy, county_officer, read_then_meet, field, value, told_if_edited_first
):
    """The file has been reviewed and confirmed; the confirmation has read the deputy; the
    clerk's edit is saved; then the import writes. (On SQLite the import may hold the write
    lock first: then the edit waits and lands after it, which loses nothing either.)"""
    deputy.term = 18
    deputy.save()
    row = roster_row(
        name=deputy.user.name,
        mobile=deputy.user.mobile,
        gender={"male": "男", "female": "女"}[deputy.gender],
        level={"county": "县级", "township": "乡镇级"}[deputy.level],
        term="第十九届",
        card_number=deputy.card_number,
    )
    content = build_roster([row])
    clerk = client_for(county_officer)
    reviewed = upload(clerk, content, county)()
    assert reviewed.status_code == 200 and reviewed.context["plan"].updated == 1
    url = reverse("roster_confirm", args=[RosterImport.objects.get().pk])
    edited, order = threading.Event(), {}

    def edit():
        # A clerk's edit writes the field the clerk changed.
        read_then_meet.wait()
        clerk_copy = Deputy.objects.get(pk=deputy.pk)
        setattr(clerk_copy, field, value)
        clerk_copy.save(update_fields=[field, "updated_at"])
        edited.set()

    real_apply = roster_views.apply_roster

    def apply_after_the_edit(plan, **kwargs):
        order["edited_first"] = edited.wait(timeout=MEET_SECONDS)
        return real_apply(plan, **kwargs)

    roster_views.apply_roster = apply_after_the_edit
    try:
        imported, _edited = race(
            lambda: clerk.post(url, {"digest": reviewed.context["digest"]}),
            edit,
            meeting=read_then_meet,
        )
    finally:
        roster_views.apply_roster = real_apply

    assert imported.status_code == 200
    if order["edited_first"]:
        assert facts(imported) == told_if_edited_first
    else:
        assert facts(imported) == "Added 0 Updated 1 Unchanged 0 Not imported 0"
    deputy.refresh_from_db()
    # The clerk's change is there either way, and so is the import's where they do not clash.
    assert getattr(deputy, field) == value
    if field != "term":
        assert deputy.term == 19

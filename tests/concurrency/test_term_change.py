"""Two county officers confirming a term change at once: the same change from two offices, and
two different changes of one county. The new terms open once, every seat is written once, and the
second officer is told what happened. Through the real views."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from deputies import term_change
from deputies.models import Membership, StaffRole, Term, TermChange, User
from deputies.services import grant_role
from tests.concurrency.racing import client_for, race, statuses

from ..deputies.rosters import build_roster, roster_row, roster_upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def second_officer(county):
    user = User.objects.create_user(mobile="13799990001", name="县人大干部二")
    grant_role(user=user, kind=StaffRole.Kind.COUNTY, place=county)
    return user


@pytest.fixture
def checked_then_meet(meeting, monkeypatch):
    """Each confirmation has checked the roster against the terms before any writes."""
    monkeypatch.setattr(term_change, "check_change", meeting.after(term_change.check_change))
    return meeting


def started(browser, county, mobile="13512340001"):
    """A term change started and checked by `browser`: its confirm URL and the digest shown."""
    content = build_roster([roster_row(name="王秀英", mobile="13600000001", gender="女"),
                            roster_row(mobile=mobile, term="19")])  # fmt: skip
    data = {
        "county": county.pk,
        "starts_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "county_number": 19,
        "reelected_choice": "exempted",
        "file": roster_upload(content),
        **{f"township_{t.pk}": 19 for t in county.townships.all()},
    }
    response = browser.post(reverse("term_change_start"), data)
    page = browser.get(response["Location"])
    return reverse("term_change_confirm", args=[page.context["change"].pk]), page.context["digest"]


def test_one_change_confirmed_by_two_officers_is_carried_out_once(
    county, deputy, county_officer, second_officer, checked_then_meet
):
    first = client_for(county_officer)
    url, digest = started(first, county)
    second = client_for(second_officer)

    responses = race(
        lambda: first.post(url, {"digest": digest}),
        lambda: second.post(url, {"digest": digest}),
        meeting=checked_then_meet,
    )

    assert statuses(responses) == [302, 302]
    assert Term.objects.filter(number=19).count() == 1 + county.townships.count()
    assert Membership.objects.filter(term__number=19).count() == 2
    assert TermChange.objects.get().confirmed_at is not None


def test_two_changes_of_one_county_open_the_new_terms_once(
    county, deputy, county_officer, second_officer, checked_then_meet
):
    first, second = client_for(county_officer), client_for(second_officer)
    one = started(first, county, mobile="13512340001")
    two = started(second, county, mobile="13512340002")

    responses = race(
        lambda: first.post(one[0], {"digest": one[1]}),
        lambda: second.post(two[0], {"digest": two[1]}),
        meeting=checked_then_meet,
    )

    assert not [r for r in responses if isinstance(r, Exception)]
    assert Term.objects.filter(number=19).count() == 1 + county.townships.count()
    assert TermChange.objects.filter(confirmed_at__isnull=False).count() == 1
    # Only the confirmed change's new deputy was made.
    assert User.objects.filter(mobile__in=["13512340001", "13512340002"]).count() == 1

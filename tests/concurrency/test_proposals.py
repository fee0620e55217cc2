"""A draft open in two tabs: both save from the same version, or Submit is tapped twice. No
revision is lost: the later save is refused with the conflict answer, and a double submit makes
one revision and shows it to both. Through the real views."""

import json

import pytest
from django.urls import reverse

from proposals import services as proposal_services
from proposals.factories import GOOD, VAGUE, ExerciseFactory
from proposals.models import Draft, Revision
from proposals.services import start_draft
from tests.concurrency.racing import client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_tabs_saving_from_one_version_keep_the_first_and_refuse_the_second(
    deputy, meeting, monkeypatch
):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory())
    # Both saves have read the draft at version 0 before either writes.
    monkeypatch.setattr(
        proposal_services, "_refuse_if_closed", meeting.before(proposal_services._refuse_if_closed)
    )
    url = reverse("proposals:autosave", args=[draft.pk])
    texts = ["第一个标签页写的问题。", "第二个标签页写的问题。"]

    def save(text):
        tab = client_for(deputy.user)
        body = json.dumps({"parts": {"problem": text}, "saved_version": 0})
        return lambda: tab.post(url, body, content_type="application/json")

    responses = race(*(save(text) for text in texts), meeting=meeting)

    assert statuses(responses) == [200, 409]
    won = texts[[r.status_code for r in responses].index(200)]
    lost = next(r for r in responses if r.status_code == 409).json()
    assert lost["stale"] is True and "another tab or device" in lost["error"]
    draft.refresh_from_db()
    assert (draft.saved_version, draft.text_of("problem")) == (1, won)


@pytest.mark.parametrize(
    ("checker_decides", "text", "status"),
    [(False, GOOD, Draft.Status.SUBMITTED), (True, VAGUE, Draft.Status.RETURNED)],
    ids=["for-staff", "sent-back-by-the-checker"],
)
def test_submit_tapped_twice_makes_one_revision_and_shows_it_to_both(
    deputy, meeting, monkeypatch, checker_decides, text, status
):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(pass_by_checker=checker_decides))
    # Both submissions have read the draft before either writes its revision.
    monkeypatch.setattr(
        proposal_services, "_refuse_if_closed", meeting.before(proposal_services._refuse_if_closed)
    )
    url = reverse("proposals:draft", args=[draft.pk])
    form = {**text, "saved_version": 0, "action": "submit"}
    tabs = [client_for(deputy.user) for _ in range(2)]

    responses = race(*(lambda t=t: t.post(url, form) for t in tabs), meeting=meeting)

    revision = Revision.objects.get()
    assert statuses(responses) == [302, 302]
    assert {r.url for r in responses} == {reverse("proposals:revision", args=[draft.pk, 1])}
    draft.refresh_from_db()
    assert (draft.status, revision.number, revision.parts) == (status, 1, text)

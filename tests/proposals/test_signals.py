"""`exercise_accepted` is sent inside the transaction that accepts the draft
(proposals/signals.py): a listener that fails takes the acceptance back with it, so a draft is
never accepted while what its listeners write (the course it completes) is missing."""

import pytest

from proposals.factories import GOOD, ExerciseFactory
from proposals.models import Draft, Review, Revision
from proposals.reviews import review_revision
from proposals.services import start_draft, submit_draft
from proposals.signals import exercise_accepted


class ListenerFailed(Exception):
    pass


@pytest.fixture
def failing_listener():
    def receiver(sender, **kwargs):
        raise ListenerFailed

    exercise_accepted.connect(receiver, dispatch_uid="test-failing-listener")
    yield
    exercise_accepted.disconnect(dispatch_uid="test-failing-listener")


def test_a_failing_listener_takes_back_the_checkers_acceptance(deputy, failing_listener):
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(pass_by_checker=True))

    with pytest.raises(ListenerFailed):
        submit_draft(draft=draft, parts=GOOD, saved_version=0)

    draft = Draft.objects.get(pk=draft.pk)
    assert draft.status == Draft.Status.WRITING and draft.saved_version == 0
    assert not Revision.objects.exists()


def test_a_failing_listener_takes_back_the_reviewers_acceptance(
    deputy, station_staff, draft, failing_listener
):
    revision = submit_draft(draft=draft, parts=GOOD, saved_version=0)

    with pytest.raises(ListenerFailed):
        review_revision(
            revision=revision,
            reviewer=station_staff,
            scores={},
            comments={},
            general_comment="",
            decision="accepted",
        )

    assert Draft.objects.get(pk=draft.pk).status == Draft.Status.SUBMITTED
    assert not Review.objects.exists()

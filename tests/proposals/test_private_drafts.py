"""A suggestion draft a deputy starts from their own work (a voter's matter at reception): on an
exercise of its own that no other deputy sees, opened through the draft."""

from django.urls import reverse

from proposals import selectors
from proposals.services import start_private_draft


def test_a_private_draft_is_its_deputys_alone(client, deputy, station):
    from deputies.factories import DeputyFactory

    peer = DeputyFactory(station=station, user__mobile="13600000071")
    draft = start_private_draft(
        deputy=deputy,
        title="由接待事项形成的建议",
        level="township",
        scenario="村口桥面塌了。",
        parts={"problem": "村口桥面塌了。", "handler": "镇交通办"},
    )
    assert not draft.exercise.live and draft.exercise.genre == "suggestion"
    assert draft.parts["problem"] == "村口桥面塌了。" and draft.parts["measures"] == ""
    assert draft.exercise not in selectors.live_exercises(peer)
    assert draft in selectors.own_drafts(deputy)
    client.force_login(deputy.user)
    assert client.get(reverse("proposals:draft", args=[draft.pk])).status_code == 200
    client.force_login(peer.user)
    assert client.get(reverse("proposals:draft", args=[draft.pk])).status_code == 404
    assert client.get(reverse("proposals:exercise", args=[draft.exercise.pk])).status_code == 404

"""Save tapped twice on a new submitted suggestion (or two tabs): one suggestion, and both taps
are sent to it. Through the real view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from receptions.models import Suggestion
from receptions.suggestions import services
from tests.concurrency.racing import client_for, race, statuses

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_save_tapped_twice_records_one_suggestion(deputy, meeting, monkeypatch):
    # Both have checked the form and looked for the suggestion before either writes it.
    monkeypatch.setattr(services, "_check_details", meeting.after(services._check_details))
    form = {
        "title": "关于村口路灯的建议",
        "level": "township",
        "main_unit": "镇建设办",
        "assigned_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
    }
    url = reverse("receptions:suggestion_add")
    tabs = [client_for(deputy.user) for _ in range(2)]
    responses = race(*(lambda tab=tab: tab.post(url, form) for tab in tabs), meeting=meeting)

    assert statuses(responses) == [302, 302]
    (suggestion,) = Suggestion.objects.all()
    assert {r["Location"] for r in responses} == {
        reverse("receptions:suggestion", args=[suggestion.pk])
    }

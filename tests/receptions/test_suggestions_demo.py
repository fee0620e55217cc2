"""The demo's suggestions: one counting down to its reply, one overdue with its notice, one
awaiting the second reply; seeding again adds nothing."""

from django.utils import timezone

from deputies.demo import seed_people
from notifications.models import Notification
from receptions.models import Suggestion
from receptions.suggestions.demo import seed_suggestions


def test_the_demo_counts_down_and_runs_twice(db):
    seed_people()
    lines = seed_suggestions()
    assert len(lines) == 3
    today = timezone.localdate()
    reader = Suggestion.objects.filter(deputy__user__mobile="13900000001")
    counting = reader.filter(status="awaiting", reply_due__gte=today).get()
    assert 0 < counting.days_left() <= 23
    assert reader.overdue(on=today).count() == 1
    assert Suggestion.objects.filter(status="rehandling").count() == 1
    assert Notification.objects.filter(key__startswith="suggestion-overdue").count() == 1
    count = Suggestion.objects.count()
    assert seed_suggestions() == []
    assert Suggestion.objects.count() == count

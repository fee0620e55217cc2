"""Factories shared by the tests and the demo seeding command: writing exercises and drafts.

`GOOD` and `VAGUE` are the parts of two suggestions about the same road: one the shipped
rules pass, one the checker sends back.
"""

import factory
from django.utils import timezone

from deputies.factories import DeputyFactory, UserFactory

from .models import Draft, Exercise, Genre, Level, Review, Revision

# A suggestion the shipped rules pass: one matter, concrete measures, a named unit.
GOOD = {
    "title": "关于修复杨家村村道的建议",
    "problem": "杨家村村口到镇上的村道长约3公里，路面多处断裂下沉，雨天积水，上月有老人骑车摔伤。",
    "causes": "村北石料厂每天有20多辆满载货车经过，超出村道的设计荷载；厂方答应维修后一直未动工。",
    "measures": "由镇政府组织检测，今年11月底前完成破损路段修复，并在村口设置限重标志。",
    "handler": "镇人民政府交通管理办公室",
}

# One the checker sends back: measures that only exhort, a handler that names no unit.
VAGUE = {
    "title": "村道问题",
    "problem": "杨家村村口到镇上的村道被大货车压坏了，坑坑洼洼，很多人有意见。",
    "causes": "货车太多太重。",
    "measures": "希望有关部门高度重视，尽快解决。",
    "handler": "有关部门",
}


class ExerciseFactory(factory.django.DjangoModelFactory):
    """A live township suggestion about a road the lorries broke."""

    class Meta:
        model = Exercise

    title = "村道被货车压坏"
    genre = Genre.SUGGESTION
    level = Level.TOWNSHIP
    scenario = "村民在选民接待日反映：村道被运石料的货车压坏了。\n\n下雨天坑里积水。"
    guidance = "写清哪一段坏了，由谁来修。"
    live = True


class DraftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Draft

    deputy = factory.SubFactory(DeputyFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    parts = factory.LazyFunction(lambda: dict(GOOD))


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    draft = factory.SubFactory(DraftFactory)
    number = 1
    genre = factory.LazyAttribute(lambda o: o.draft.exercise.genre)
    level = factory.LazyAttribute(lambda o: o.draft.exercise.level)
    parts = factory.LazyAttribute(lambda o: dict(o.draft.parts))
    overall = 88
    passed = True


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    revision = factory.SubFactory(RevisionFactory)
    reviewer = factory.SubFactory(UserFactory)
    decision = Review.Decision.ACCEPTED


def accepted_draft(deputy, exercise, *, reviewer, when=None) -> Draft:
    """A draft accepted at its second revision (`when`), the first returned with a comment
    two days after it was submitted on the first of the month; it earned the exercise's
    credit hours."""
    when = when or timezone.now()
    draft = DraftFactory(
        deputy=deputy,
        exercise=exercise,
        status=Draft.Status.ACCEPTED,
        accepted_at=when,
        credit_hours=exercise.credit_hours,
    )
    first = RevisionFactory(
        draft=draft, number=1, overall=62, passed=False, submitted_at=when.replace(day=1)
    )
    ReviewFactory(
        revision=first,
        reviewer=reviewer,
        decision=Review.Decision.RETURNED,
        general_comment="写具体些。",
        created_at=when.replace(day=2),
    )
    second = RevisionFactory(draft=draft, number=2, submitted_at=when.replace(day=3))
    ReviewFactory(revision=second, reviewer=reviewer, created_at=when)
    return draft

"""Existing lessons get the basis they were written against: for each law their article blocks
quote, the version in force when the lesson was first published among the versions imported
by then (the text the author had before their eyes). A lesson published before an amendment
was imported thus follows the earlier text, and stays among the lessons to check. A law
without such a version gets no row (its study notes' version is not known yet: saving the
lesson adds it)."""

import json

from django.db import migrations
from django.utils import timezone


def _quoted_laws(body) -> set[int]:
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        raw = json.loads(raw or "[]")
    laws = set()
    for block in raw or []:
        value = block.get("value") or {}
        if block.get("type") == "law_article" and value.get("law") and value.get("article"):
            laws.add(int(value["law"]))
    return laws


def _kind(line: str) -> str:
    if "修订" in line:
        return "revised"
    if "修正" in line or "修改" in line:
        return "amended"
    return "adopted"


def forwards(apps, schema_editor):
    LessonPage = apps.get_model("courses", "LessonPage")
    LessonBasis = apps.get_model("courses", "LessonBasis")
    LawVersion = apps.get_model("materials", "LawVersion")
    AmendmentEvent = apps.get_model("materials", "AmendmentEvent")
    versions = list(LawVersion.objects.order_by("law_id", "-effective_date"))
    if not versions:
        return
    lines = {
        (event.version_id, event.date): event.text for event in AmendmentEvent.objects.all()
    }
    now = timezone.now()
    rows = []
    for lesson in LessonPage.objects.exclude(pk__in=LessonBasis.objects.values("lesson_id")):
        when = lesson.first_published_at or now
        for position, law_id in enumerate(sorted(_quoted_laws(lesson.body))):
            version = next(
                (
                    v
                    for v in versions
                    if v.law_id == law_id
                    and v.imported_at <= when
                    and v.effective_date <= timezone.localtime(when).date()
                ),
                None,
            )
            if version is None:
                continue
            line = lines.get((version.pk, version.effective_date))
            rows.append(
                LessonBasis(
                    lesson_id=lesson.pk,
                    law_id=law_id,
                    law_name=version.law.short_name,
                    amended_on=version.effective_date,
                    kind=_kind(line) if line else "amended",
                    sort_order=position,
                )
            )
    LessonBasis.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0012_law_basis"),
        ("materials", "0006_lawpage_notes_follow"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

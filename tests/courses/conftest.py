import json

import pytest
from django.urls import reverse
from wagtail.models import Site

from courses.models import CourseIndexPage, CoursePage, LessonPage


def add_lesson(course, slug, body=None, minutes=10):
    body = body or [{"type": "text", "value": f"<p>{slug}</p>"}]
    return course.add_child(
        instance=LessonPage(
            title=f"课 {slug}", slug=slug, estimated_minutes=minutes, body=json.dumps(body)
        )
    )


def assign(client, course, data, **kwargs):
    """Preview, then confirm as the preview's button does; the confirming response."""
    url = reverse("course_assign", args=[course.pk])
    preview = client.post(url, data, **kwargs)
    if preview.status_code != 200 or not preview.context["digest"]:
        return preview
    return client.post(url, {**data, "confirm": preview.context["digest"]}, **kwargs)


@pytest.fixture
def course_index(db):
    root = Site.objects.get(is_default_site=True).root_page
    return root.add_child(instance=CourseIndexPage(title="学习课程", slug="courses"))


@pytest.fixture
def course(course_index):
    return course_index.add_child(
        instance=CoursePage(title="村务课程", slug="cunwu", summary="村务议事规则入门。")
    )


@pytest.fixture
def elective(course_index):
    return course_index.add_child(
        instance=CoursePage(title="选修课", slug="xuanxiu", summary="选修。", required=False)
    )

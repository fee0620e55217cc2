"""Assigning a course through its page, as staff do."""

from django.urls import reverse


def assign(client, course, data, **kwargs):
    """Preview, then confirm as the preview's button does; the confirming response."""
    url = reverse("course_assign", args=[course.pk])
    preview = client.post(url, data, **kwargs)
    if preview.status_code != 200 or not preview.context["digest"]:
        return preview
    return client.post(url, {**data, "confirm": preview.context["digest"]}, **kwargs)

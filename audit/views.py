"""The audit log page, for county officers (their counties) and administrators (everything)."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from deputies.selectors import scope_for

from .forms import AuditFilterForm
from .selectors import entries_visible_to, may_read_log

PAGE_SIZE = 50


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@never_cache
@login_required
def log(request):
    if not may_read_log(request.user):
        raise Http404("The audit log is for county officers")
    scope = scope_for(request.user)
    entries = entries_visible_to(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["q"]:
            entries = entries.filter(
                Q(actor_name__icontains=data["q"]) | Q(deputy__user__name__icontains=data["q"])
            )
        if data["since"]:
            entries = entries.filter(at__gte=_start_of(data["since"]))
        if data["until"]:
            entries = entries.filter(at__lt=_start_of(data["until"] + timedelta(days=1)))
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries.select_related("county"), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "entries": page.object_list,
            "page_obj": page,
            "paginator": page.paginator,
            "is_paginated": page.has_other_pages(),
            "query_string": query.urlencode(),
            "many_counties": scope.everything or len(scope.county_ids) > 1,
        },
    )

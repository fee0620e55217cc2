"""Proposal practice, the staff's side: the review queue of their deputies' submitted drafts,
the review of a revision (rubric, comments by part, return or accept), and publishing an
accepted draft as an example. Also the example gallery, which every signed-in user may read.
Views coordinate: selectors read, `reviews` writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from deputies.selectors import deputies_in_care_of, scope_for, staff_or_404

from . import selectors
from .checker import PART_LABELS, PARTS
from .forms import ExampleForm, ReviewForm
from .models import Draft, Example, Review
from .reviews import ReviewError, publish_example, review_revision, unpublish_example


def _staff(request) -> None:
    staff_or_404(request.user, "Only staff review drafts")


@login_required
def review_queue(request):
    _staff(request)
    tab = request.GET.get("tab", "waiting")
    if tab not in selectors.REVIEW_TABS:
        tab = "waiting"
    page = Paginator(selectors.review_queue(request.user, tab), 30).get_page(
        request.GET.get("page")
    )
    context = {
        "tab": tab,
        "counts": selectors.review_tab_counts(request.user),
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "drafts": list(page),
    }
    return render(request, "proposals/review_queue.html", context)


@login_required
def review(request, pk):
    """One revision: its text with the checker's findings and a comment box beside each part,
    the rubric, and the decision; earlier revisions and reviews below. A revision that is not
    waiting (reviewed already, or a later one came) is shown with its review, read-only."""
    _staff(request)
    revision = selectors.revision_for_review(request.user, pk)
    draft = revision.draft
    latest = draft.revisions.order_by("-number").values_list("number", flat=True).first()
    open_for_review = draft.status == Draft.Status.SUBMITTED and revision.number == latest
    form = None
    status = 200
    if open_for_review:
        form = ReviewForm(request.POST or None, revision=revision)
        if request.method == "POST":
            if form.is_valid():
                try:
                    review_revision(
                        revision=revision,
                        reviewer=request.user,
                        scores=form.scores(),
                        comments=form.comments(),
                        general_comment=form.cleaned_data["general_comment"],
                        decision=form.cleaned_data["decision"],
                    )
                except ReviewError as exc:
                    form.add_error(None, str(exc))
                else:
                    if form.cleaned_data["decision"] == Review.Decision.ACCEPTED:
                        done = _("Accepted: %(name)s's draft is done.")
                    else:
                        done = _("Returned to %(name)s for changes.")
                    messages.success(request, done % {"name": draft.deputy.user.name})
                    return redirect("proposals:review", pk=revision.pk)
            status = 400
    elif request.method == "POST":
        messages.error(request, _("This revision is no longer waiting for review."))
        return redirect("proposals:review", pk=revision.pk)
    reviews = selectors.reviews_of(draft)
    this_review = next((r for r in reversed(reviews) if r.revision_id == revision.pk), None)
    shown = selectors.revision_view(revision)
    review_shown = selectors.review_view(this_review, genre=revision.genre)
    for row in shown["rows"]:
        row["comment_field"] = form.comment_field(row["name"]) if form else None
        row["comment"] = review_shown["comments"].get(row["name"]) if review_shown else ""
    example = getattr(revision, "example", None)
    context = {
        "revision": revision,
        "draft": draft,
        "exercise": draft.exercise,
        "deputy": draft.deputy,
        "form": form,
        "reviews": reviews,
        "this_review": review_shown,
        "revisions": selectors.revisions_of(draft),
        "may_publish": draft.status == Draft.Status.ACCEPTED and revision.number == latest,
        "example": example,
        "example_form": ExampleForm(
            initial={"show_author": example.show_author, "note": example.note} if example else None
        ),
        **shown,
    }
    return render(request, "proposals/review.html", context, status=status)


@require_POST
@login_required
def publish(request, pk):
    _staff(request)
    revision = selectors.revision_for_review(request.user, pk)
    form = ExampleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The example could not be saved: the note is too long."))
    else:
        try:
            example = publish_example(
                revision=revision,
                by=request.user,
                show_author=form.cleaned_data["show_author"],
                note=form.cleaned_data["note"],
            )
        except ReviewError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Shown in the example gallery."))
            return redirect("proposals:example", pk=example.pk)
    return redirect("proposals:review", pk=revision.pk)


@require_POST
@login_required
def unpublish(request, pk):
    _staff(request)
    example = get_object_or_404(Example.objects.select_related("revision"), pk=pk)
    revision = selectors.revision_for_review(request.user, example.revision_id)
    unpublish_example(example=example, by=request.user)
    messages.success(request, _("Taken out of the example gallery."))
    return redirect("proposals:review", pk=revision.pk)


@login_required
def gallery(request):
    return render(request, "proposals/gallery.html", {"examples": selectors.examples()})


@login_required
def example_page(request, pk):
    example = selectors.example(pk)
    revision = example.revision
    rows = [
        {"label": PART_LABELS[name], "text": revision.parts.get(name, "")}
        for name in PARTS[revision.genre]
    ]
    context = {
        "example": example,
        "revision": revision,
        "exercise": revision.draft.exercise,
        "rows": rows,
        "may_unpublish": scope_for(request.user).is_staff
        and deputies_in_care_of(request.user).filter(pk=revision.draft.deputy_id).exists(),
    }
    return render(request, "proposals/example.html", context)

"""The county's terms (届) and its term change (换届), for county officers; recording that a
deputy left office, for county and township staff.

The term change follows the roster import: the form takes the new terms' first day and numbers
and the new roster; the check shows who is re-elected, who is new and who leaves, and nothing is
written until the officer confirms. The confirmation carries the check's fingerprint: if the
roster or the terms changed since, the new check is shown instead.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from ..forms import LeaveOfficeForm, TermChangeForm, TermDatesForm
from ..models import County, Membership, RosterImport, Term, TermChange, Township
from ..roster import RosterFileError, read_roster
from ..selectors import deputies_in_care_of, scope_for
from ..term_change import PlanChanged, TermChangeRefused, check_change, confirm_change
from ..term_change import current_terms as current_terms_of
from ..terms import leave_office, seats_of, set_term_start
from .staff import StaffRequiredMixin

# The preview lists this many deputies of each kind; the counts cover them all.
PREVIEW_LIMIT = 200


def term_counties_for(user):
    """The counties whose terms the user runs: a county officer's, every county for an
    administrator."""
    scope = scope_for(user)
    counties = County.objects.order_by("code")
    return counties if scope.everything else counties.filter(pk__in=scope.county_ids)


class CountyOfficerMixin(StaffRequiredMixin):
    """County officers and administrators. Other staff get 403; deputies and editors 404."""

    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        if scope.is_staff and not (scope.everything or scope.county_ids):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chosen_county(self):
        counties = term_counties_for(self.request.user)
        chosen = self.request.GET.get("county", "")
        if chosen.isdigit():
            return get_object_or_404(counties, pk=chosen)
        only = list(counties[:2])
        if len(only) != 1:
            raise Http404("Name the county: ?county=<id>")
        return only[0]


class TermsView(CountyOfficerMixin, View):
    """The county's congresses and their terms, current and past, with the deputies who sat in
    each; the term changes started. Five queries whatever the number of terms."""

    def get(self, request):
        county = self.chosen_county()
        terms = list(
            Term.objects.filter(county=county)
            .select_related("township")
            .annotate(
                seats=Count("memberships"),
                in_office=Count("memberships", filter=Q(memberships__ended_on__isnull=True)),
            )
            .order_by("township__name", "-number")
        )
        changes = (
            TermChange.objects.filter(county=county)
            .select_related("started_by", "confirmed_by", "upload")
            .order_by("-created_at")[:10]
        )
        return render(
            request,
            "deputies/terms.html",
            {
                "county": county,
                "county_terms": [t for t in terms if t.township_id is None],
                "township_terms": [t for t in terms if t.township_id is not None],
                "changes": changes,
                "dates_form": TermDatesForm(),
            },
        )


class TermChangeStartView(CountyOfficerMixin, View):
    template_name = "deputies/term_change_form.html"

    def get_form(self, county, data=None, files=None):
        counties = County.objects.filter(pk=county.pk)
        return TermChangeForm(
            data,
            files,
            counties=counties,
            townships=Township.objects.filter(county=county).order_by("name"),
            current_terms=current_terms_of(county),
        )

    def render_form(self, county, form, status=200):
        context = {"county": county, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request):
        county = self.chosen_county()
        return self.render_form(county, self.get_form(county))

    def post(self, request):
        county = self.chosen_county()
        form = self.get_form(county, request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(county, form, status=400)
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            read_roster(content, townships=Township.objects.filter(county=county))
        except RosterFileError as exc:
            form.add_error("file", str(exc))
            return self.render_form(county, form, status=400)
        with transaction.atomic():
            stored = RosterImport.objects.create(
                uploaded_by=request.user,
                county=county,
                filename=upload.name[:200],
                content=content,
            )
            change = TermChange.objects.create(
                county=county,
                started_by=request.user,
                upload=stored,
                starts_on=form.cleaned_data["starts_on"],
                county_number=form.cleaned_data["county_number"],
                township_numbers=form.township_numbers(),
                previous_terms=sorted(t.pk for t in current_terms_of(county).values()),
                reelected_choice=form.cleaned_data["reelected_choice"],
            )
        return redirect("term_change", change.pk)


def get_change(user, pk) -> TermChange:
    """A term change of one of the user's counties, or 404."""
    return get_object_or_404(
        TermChange.objects.select_related("county", "upload", "started_by", "confirmed_by"),
        pk=pk,
        county__in=term_counties_for(user),
    )


def render_preview(request, change, plan, *, status=200, notice=""):
    context = {
        "change": change,
        "plan": plan,
        "digest": plan.digest(),
        "reelected_shown": plan.reelected[:PREVIEW_LIMIT],
        "new_shown": plan.new[:PREVIEW_LIMIT],
        "leaving_shown": plan.leaving[:PREVIEW_LIMIT],
        "errors_shown": plan.roster.errors[:PREVIEW_LIMIT],
        "limit": PREVIEW_LIMIT,
        "notice": notice,
    }
    return render(request, "deputies/term_change_preview.html", context, status=status)


class TermChangeView(CountyOfficerMixin, View):
    """The check of a term change before it is confirmed; once confirmed, what it did."""

    def get(self, request, pk):
        change = get_change(request.user, pk)
        if change.confirmed_at:
            return render(request, "deputies/term_change_done.html", {"change": change})
        try:
            plan = check_change(change)
        except RosterFileError as exc:
            messages.error(request, str(exc))
            return redirect(f"{reverse('term_change_start')}?county={change.county_id}")
        return render_preview(request, change, plan, status=422 if plan.roster.errors else 200)


class TermChangeConfirmView(CountyOfficerMixin, View):
    def post(self, request, pk):
        change = get_change(request.user, pk)
        try:
            plan = confirm_change(change, by=request.user, digest=request.POST.get("digest", ""))
        except TermChangeRefused as exc:
            messages.error(request, str(exc))
            return redirect("term_change", change.pk)
        except PlanChanged as changed:
            notice = _(
                "The roster or the terms have changed since this check. This is the check as "
                "it is now: look at it again before confirming. Nothing has been changed yet."
            )
            return render_preview(request, change, changed.plan, status=409, notice=notice)
        if plan is None:
            messages.info(request, _("This term change was confirmed already."))
        else:
            messages.success(
                request,
                _(
                    "The new term is open: %(reelected)d re-elected, %(new)d new, %(left)d "
                    "left office."
                )
                % {
                    "reelected": len(plan.reelected),
                    "new": len(plan.new),
                    "left": len(plan.leaving),
                },
            )
        return redirect("term_change", change.pk)


class TermDatesView(CountyOfficerMixin, View):
    """Set a term's first day (left empty when terms were first recorded, or mistyped). The
    seats that began with the term begin on the new day."""

    def post(self, request, pk):
        term = get_object_or_404(Term, pk=pk, county__in=term_counties_for(request.user))
        form = TermDatesForm(request.POST)
        back = f"{reverse('terms')}?county={term.county_id}"
        if not form.is_valid():
            messages.error(request, _("Give the first day as a date."))
            return redirect(back)
        problem = set_term_start(term, form.cleaned_data["starts_on"], by=request.user)
        if problem:
            messages.error(request, problem)
        else:
            messages.success(request, _("%(term)s: the first day is saved.") % {"term": term})
        return redirect(back)


class LeaveOfficeView(StaffRequiredMixin, View):
    """Record that a deputy left office: the last day, why, a note. County and township staff
    of the deputy's place; station staff 403; anyone else 404."""

    template_name = "deputies/leave_office.html"

    def get_deputy(self, pk):
        scope = scope_for(self.request.user)
        deputy = get_object_or_404(deputies_in_care_of(self.request.user).with_people(), pk=pk)
        if not scope.manages_roster:
            raise PermissionDenied
        return deputy

    def open_seat(self, deputy) -> Membership | None:
        return next((s for s in seats_of(deputy) if s.ended_on is None), None)

    def get(self, request, pk):
        deputy = self.get_deputy(pk)
        seat = self.open_seat(deputy)
        form = LeaveOfficeForm(seat_started_on=seat.started_on if seat else None)
        return self.render(deputy, seat, form)

    def render(self, deputy, seat, form, status=200):
        context = {"deputy": deputy, "seat": seat, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def post(self, request, pk):
        deputy = self.get_deputy(pk)
        seat = self.open_seat(deputy)
        if not deputy.is_active:
            messages.info(request, _("This deputy's leaving office is recorded already."))
            return redirect("deputy_detail", deputy.pk)
        form = LeaveOfficeForm(request.POST, seat_started_on=seat.started_on if seat else None)
        if not form.is_valid():
            return self.render(deputy, seat, form, status=400)
        data = form.cleaned_data
        leave_office(
            deputy, on=data["last_day"], reason=data["reason"], note=data["note"], by=request.user
        )
        messages.success(
            request,
            _("Recorded: %(name)s left office on %(day)s.")
            % {"name": deputy.name, "day": data["last_day"].isoformat()},
        )
        return redirect("deputy_detail", deputy.pk)

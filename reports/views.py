"""The learning archive (学习档案), grown into the learning and duties record (学习履职档案,
`reports.duties`): a deputy's own, and those of the deputies in a staff
member's scope, on screen and as a PDF. Scope comes from `deputies.selectors`: outside it the
archive does not exist (404). Views coordinate: the selector reads, the template shows."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from deputies.selectors import deputy_or_404, get_visible_deputy
from deputies.terms import seats_of

from .exports import UNSAFE_IN_NAME, content_disposition
from .forms import ArchiveTermForm, YearForm
from .pdf import render_archive_pdf
from .selectors import learning_archive


def _own_deputy(request):
    # Read again through the scoped selector: the header needs the township and station.
    deputy = deputy_or_404(request.user, "Only deputies have a learning archive")
    return get_visible_deputy(request.user, deputy.pk)


def _period_or_400(request, page_url, seats):
    """The chosen year and term (None for all), or a 400 page saying what is wrong with them
    and linking to the whole archive at `page_url`."""
    year_form = YearForm(request.GET)
    term_form = ArchiveTermForm(request.GET, seats=seats)
    if year_form.is_valid() and term_form.is_valid():
        return year_form.cleaned_data["year"], term_form.chosen, None
    errors = [*year_form.errors.get("year", []), *term_form.errors.get("term", [])]
    context = {"errors": errors, "page_url": page_url}
    return None, None, render(request, "reports/bad_year.html", context, status=400)


def _archive_or_400(request, deputy, page_url):
    seats = seats_of(deputy)
    year, term, refusal = _period_or_400(request, page_url, seats)
    if refusal:
        return None, refusal
    return learning_archive(deputy, year=year, term=term, seats=seats), None


def _page_url(deputy, *, own: bool) -> str:
    if own:
        return reverse("reports:archive")
    return reverse("reports:deputy_archive", args=[deputy.pk])


def _page(request, deputy, *, own: bool):
    archive, refusal = _archive_or_400(request, deputy, request.path)
    if refusal:
        return refusal
    query = {}
    if archive.year:
        query["year"] = archive.year
    if archive.term:
        query["term"] = archive.term.pk
    context = {"archive": archive, "own": own, "pdf_query": urlencode(query)}
    return render(request, "reports/archive.html", context)


def _name_for_file(name: str) -> str:
    # A name with a slash or a character Windows refuses must not break the download.
    return " ".join(UNSAFE_IN_NAME.sub(" ", name).split()) or "-"


def _pdf(request, deputy, *, own: bool):
    archive, refusal = _archive_or_400(request, deputy, _page_url(deputy, own=own))
    if refusal:
        return refusal
    response = HttpResponse(render_archive_pdf(archive), content_type="application/pdf")
    year, term = archive.year, archive.term
    suffix = f"{f'-{year}' if year else ''}{f'-term{term.number}' if term else ''}"
    # 学习履职档案-张三.pdf; browsers that read only the plain ASCII name get archive-<pk>.pdf.
    name = f"{gettext('Learning and duties record')}-{_name_for_file(deputy.user.name)}{suffix}.pdf"
    response["Content-Disposition"] = content_disposition(
        name, ascii_name=f"archive-{deputy.pk}{suffix}.pdf"
    )
    return response


@login_required
@never_cache
def my_archive(request):
    return _page(request, _own_deputy(request), own=True)


@login_required
@never_cache
def my_archive_pdf(request):
    return _pdf(request, _own_deputy(request), own=True)


@login_required
@never_cache
def deputy_archive(request, pk):
    """A deputy's archive for staff whose scope covers them (a deputy reaching their own record
    this way sees it too: it is theirs)."""
    deputy = get_visible_deputy(request.user, pk)
    return _page(request, deputy, own=deputy.user_id == request.user.pk)


@login_required
@never_cache
def deputy_archive_pdf(request, pk):
    return _pdf(request, get_visible_deputy(request.user, pk), own=False)

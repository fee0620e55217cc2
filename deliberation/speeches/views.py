"""The deputy's way from their remarks to the speech: "Compose my speech" starts the speech
as a draft of the proposals engine, filled from the remarks while it is empty, and goes to the
engine's draft page. Only deputies, on a live report; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from deliberation.reports import selectors
from deputies.selectors import deputy_or_404
from proposals.services import DraftError

from .services import compose_speech


@require_POST
@login_required
def compose(request, pk):
    deputy = deputy_or_404(request.user, "Only deputies practise deliberating reports")
    report = selectors.exercise_for(deputy, pk)
    try:
        draft = compose_speech(deputy=deputy, report=report)
    except DraftError as exc:
        messages.error(request, str(exc))
        return redirect("deliberation:report", pk=report.pk)
    return redirect("proposals:draft", pk=draft.pk)

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.widgets import IsoDateInput
from notifications.forms import AudienceForm


class AssignForm(AudienceForm):
    """Whom to assign a course to: everyone it is meant for, whole townships, whole stations
    and/or chosen deputies, each limited to what the staff member may see; and by when."""

    audience = forms.BooleanField(required=False)
    due_date = forms.DateField(
        label=_("Due date"),
        # ISO dates whatever the language: a date input cannot read "2026/12/09".
        widget=IsoDateInput(),
        input_formats=["%Y-%m-%d"],
    )

    choosing = ("audience", "townships", "stations", "deputies")
    field_order = ["audience", "townships", "stations", "deputies", "due_date"]

    def __init__(self, *args, user, course, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.course = course
        audience_size = course.audience(self.visible).count()
        self.fields["audience"].label = ngettext(
            "Everyone the course is meant for in your area (%(count)d deputy)",
            "Everyone the course is meant for in your area (%(count)d deputies)",
            audience_size,
        ) % {"count": audience_size}
        due = self.fields["due_date"]
        due.initial = course.due_date
        # A course with a due date gives every assignment one (another may be chosen); a
        # course without may be assigned without.
        due.required = course.due_date is not None
        due.help_text = (
            _("The course's due date is %(date)s; choose another for these deputies if needed.")
            % {"date": course.due_date.isoformat()}
            if course.due_date
            else _("Optional: the course has no due date.")
        )

    def nobody_message(self):
        return _("Choose the course's audience, or at least one township, station or deputy.")

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due is not None and due < timezone.localdate():
            raise forms.ValidationError(_("Choose a due date from today on."))
        return due

    def wanted(self) -> Q:
        wanted = super().wanted()
        if self.cleaned_data.get("audience"):
            wanted |= Q(pk__in=self.course.audience(self.visible).values("pk"))
        return wanted


class AssignmentKindForm(forms.Form):
    """What a deputy is given of a programme: the programme, its refresher (where it has one),
    or an exemption with the reason."""

    kind = forms.ChoiceField(label=_("Given"))
    note = forms.CharField(
        label=_("Reason (required to exempt)"), required=False, max_length=200, strip=True
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ProgrammeAssignment

        Kind = ProgrammeAssignment.Kind
        kinds = [Kind.REQUIRED, Kind.REFRESHER, Kind.EXEMPTED]
        if not programme.refresher_id:
            kinds.remove(Kind.REFRESHER)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]

    def clean(self):
        data = super().clean()
        if data.get("kind") == "exempted" and not data.get("note"):
            self.add_error("note", _("Say why the deputy is exempted."))
        return data


class AssignmentFilterForm(forms.Form):
    """Which assignments of a programme the staff register lists."""

    kind = forms.ChoiceField(label=_("Given"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[
            ("", _("All")),
            ("overdue", _("Overdue")),
            ("completed", _("Completed")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import ProgrammeAssignment

        self.fields["kind"].choices = [("", _("All")), *ProgrammeAssignment.Kind.choices]

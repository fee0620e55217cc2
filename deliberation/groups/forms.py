from django import forms
from django.utils.translation import gettext_lazy as _

from deliberation.models import ReportExercise


class GroupForm(forms.Form):
    """Which report the group deliberates, and how the summary names the deputies."""

    exercise = forms.ModelChoiceField(
        label=_("Report"),
        queryset=ReportExercise.objects.live(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    attributed = forms.TypedChoiceField(
        label=_("In the summary"),
        choices=[
            ("1", _("Each remark with its deputy's name, as（王秀英代表）")),
            ("0", _("Without names: the opinions of the group")),
        ],
        coerce=lambda value: value == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    convener = forms.CharField(
        label=_("Convener (召集人)"),
        max_length=40,
        required=False,
        help_text=_("Optional: the deputy who chairs the group."),
    )

    def group_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "exercise": data["exercise"],
            "attributed": data["attributed"],
            "convener": data["convener"],
        }


class MarksForm(forms.Form):
    """The clerk's ticks: the remarks to carry into the summary (any of those shown); and a
    short summing-up of each section with remarks (召集人小结), optional."""

    carried = forms.TypedMultipleChoiceField(
        label=_("Carry forward"),
        choices=(),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, remarks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carried"].choices = [(r.pk, str(r.pk)) for r in remarks]
        self.section_ids = sorted({r.paragraph.section_id for r in remarks if r.paragraph_id})
        for pk in self.section_ids:
            self.fields[f"note-{pk}"] = forms.CharField(
                label=_("Convener's summing-up"),
                max_length=300,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def notes(self) -> dict[int, str]:
        return {pk: self.cleaned_data[f"note-{pk}"] for pk in self.section_ids}

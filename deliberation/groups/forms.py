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
    """The clerk's ticks: the remarks to carry into the summary (any of those shown)."""

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

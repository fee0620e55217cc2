from django import forms
from django.utils.translation import gettext_lazy as _

from deliberation.models.votes import Ballot, MockVote

MAX_CHOSEN = 50


class VoteForm(forms.Form):
    """A mock vote's title and the rule it states."""

    title = forms.CharField(label=_("Title"), max_length=120)
    rule = forms.ChoiceField(
        label=_("Rule"),
        choices=MockVote.Rule.choices,
        initial=MockVote.Rule.EXPECTED,
        widget=forms.RadioSelect,
    )
    max_chosen = forms.IntegerField(
        label=_("Choose at most this many projects"),
        required=False,
        min_value=1,
        max_value=MAX_CHOSEN,
        help_text=_(
            "Leave empty to choose every project that passes. With a number, the passing "
            "projects with the most votes for are chosen; a tie for the last place is shown, "
            "not decided by the platform."
        ),
    )

    def vote_fields(self) -> dict:
        data = self.cleaned_data
        return {"title": data["title"], "rule": data["rule"], "max_chosen": data["max_chosen"]}


class ProjectForm(forms.Form):
    name = forms.CharField(label=_("Project"), max_length=80)
    description = forms.CharField(
        label=_("What it does"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    cost = forms.DecimalField(
        label=_("Estimated cost (10,000 yuan)"),
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=1,
    )
    order = forms.IntegerField(
        label=_("Order"),
        required=False,
        min_value=0,
        max_value=999,
        help_text=_("Leave empty to put it last."),
    )

    def project_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "cost": data["cost"],
            "order": data["order"],
        }


class BallotForm(forms.Form):
    """One choice a project (for, against, abstain), each optional: a project left without a
    choice is not voted on. At least one choice is asked for."""

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.projects = list(projects)
        for project in self.projects:
            self.fields[self.field_name(project)] = forms.ChoiceField(
                label=project.name,
                choices=Ballot.Choice.choices,
                required=False,
                widget=forms.RadioSelect,
            )

    @staticmethod
    def field_name_for(project_id) -> str:
        return f"project-{project_id}"

    def field_name(self, project) -> str:
        return self.field_name_for(project.pk)

    def clean(self):
        data = super().clean()
        if not any(data.get(self.field_name(p)) for p in self.projects):
            raise forms.ValidationError(
                _("Choose for, against or abstain on at least one project.")
            )
        return data

    def choices(self) -> dict[int, str]:
        data = self.cleaned_data
        return {p.pk: data[self.field_name(p)] for p in self.projects if data[self.field_name(p)]}

    def rows(self):
        """Each project with its field, for the template."""
        return [(p, self[self.field_name(p)]) for p in self.projects]

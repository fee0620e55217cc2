"""The drafting form: one text box per part of the genre, each with a one-line hint, and the
version of the draft the page holds. The text itself is judged by `services.clean_parts`, for
this form and for the page's script alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .checker import PART_LABELS, PARTS, Criterion, criterion_labels
from .models import Exercise, Genre, Level, Review, Revision
from .services import MAX_PART_CHARS

# What each part asks for, in one line: the form's hints, and the exercise page's outline.
PART_HINTS = {
    Genre.SUGGESTION: {
        "title": _("“关于……的建议”: one matter, named plainly."),
        "problem": _("What is wrong, where, since when, and whom it affects."),
        "causes": _("Why it happens, and the facts that show it: numbers, dates, places."),
        "measures": _("What should be done, step by step, and by when."),
        "handler": _("The unit you expect to handle it, e.g. the township government."),
    },
    Genre.MOTION: {
        "title": _("“关于……的议案”: one matter within the congress's powers."),
        "reason": _("案由: what the congress is asked to decide, and why now."),
        "basis": _("案据: the laws, policies and facts the motion rests on."),
        "plan": _("方案: how it is to be done, by whom, with what money, by when."),
        "cosigners": _("The lead deputy first, then the deputies who sign with them, one a line."),
    },
    Genre.DELIBERATION: {
        "assessment": _("Briefly, what the report gets right, with a figure from it."),
        "problems": _("What falls short, with the report's figures or what voters told you."),
        "questions": _("Each question put to a named department, about one thing."),
        "suggestions": _("Who should do what, and by when."),
    },
    Genre.VISIT_PLAN: {
        "purpose": _("Why the deputies go, and what they want to find out."),
        "route": _("The places in the order visited, the date and the times."),
        "focus_questions": _(
            "One question a line, naming a place or thing and something to count or check."
        ),
        "participants": _("The deputies taking part, and who asks or notes what."),
    },
    Genre.VISIT_REPORT: {
        "overview": _("When, who, which places, and how: briefing, looking, talking to people."),
        "issues": _("Each problem with what was seen on site: place, numbers, what people said."),
        "recommendations": _("For each problem: which office should do what, and by when."),
    },
}

# Short parts get short boxes; the box grows as the deputy writes (the page's script).
ROWS = {"title": 2, "handler": 2}


def cosigners_hint(exercise: Exercise) -> str:
    """Who may sign and how many: deputies of the congress the motion goes to, the lead deputy
    (领衔代表) written first and counted with the others (地方组织法第二十二条)."""
    if exercise.level == Level.COUNTY:
        hint = _(
            "The lead deputy first, then the others, one name per line. A motion to a county "
            "congress needs at least %(min)d of its deputies, the lead deputy included."
        )
    else:
        hint = _(
            "The lead deputy first, then the others, one name per line. A motion to a township "
            "congress needs at least %(min)d of its deputies, the lead deputy included."
        )
    return hint % {"min": exercise.cosigners_min}


def part_guide(exercise: Exercise) -> list[dict]:
    """Each part of the exercise's genre with its label and hint, in order."""
    hints = PART_HINTS[exercise.genre]
    guide = []
    for name in exercise.part_names:
        hint = hints[name]
        if name == "cosigners":
            hint = cosigners_hint(exercise)
        guide.append({"name": name, "label": PART_LABELS[name], "hint": hint})
    return guide


class DraftForm(forms.Form):
    saved_version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, exercise: Exercise, **kwargs):
        super().__init__(*args, **kwargs)
        self.exercise = exercise
        for part in part_guide(exercise):
            name = part["name"]
            self.fields[name] = forms.CharField(
                label=part["label"],
                help_text=part["hint"],
                required=False,
                strip=False,
                widget=forms.Textarea(
                    attrs={
                        "rows": ROWS.get(name, 6),
                        "maxlength": MAX_PART_CHARS,
                        "data-part": name,
                        "autocomplete": "off",
                    }
                ),
            )

    @property
    def part_fields(self) -> list:
        return [self[name] for name in self.exercise.part_names]

    def parts(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in self.exercise.part_names}


class PasteForm(forms.Form):
    """A whole text written elsewhere (Word, WeChat), pasted in one piece to be split into
    parts. Its length and emptiness are judged by `services.split_pasted`, with one message
    for the draft page and the exercise page alike; the box has no `maxlength`, which would
    cut a long paste short without a word."""

    text = forms.CharField(
        label=_("The whole text, with its title on the first line"),
        help_text=_(
            "Copy everything you wrote in Word or WeChat and paste it here. Each piece is put "
            "into its box for you to check."
        ),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label=_("If this draft is accepted, it may be shown to other deputies as an example."),
        required=False,
    )


class ReviewForm(forms.Form):
    """A reviewer's rubric (0 to 5 on each of the checker's criteria, first suggested from the
    checker's scores), a comment box for each part of the revision, a general comment, and the
    decision, which is the button pressed."""

    general_comment = forms.CharField(
        label=_("General comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decision = forms.ChoiceField(choices=Review.Decision.choices, widget=forms.HiddenInput)

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        self.revision = revision
        suggested = revision.report.get("scores", {})
        labels = criterion_labels(revision.genre)
        choices = [("", "—")] + [(str(n), str(n)) for n in range(Review.MAX_SCORE + 1)]
        for code in Criterion.values:
            self.fields[f"score_{code}"] = forms.TypedChoiceField(
                label=labels[code],
                choices=choices,
                coerce=int,
                initial=_suggested(suggested.get(code)),
            )
        for part in PARTS[revision.genre]:
            self.fields[f"comment_{part}"] = forms.CharField(
                label=_("Comment on %(part)s") % {"part": PART_LABELS[part]},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @property
    def score_fields(self) -> list:
        return [self[f"score_{code}"] for code in Criterion.values]

    def comment_field(self, part: str):
        return self[f"comment_{part}"]

    def scores(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"score_{code}"] for code in Criterion.values}

    def comments(self) -> dict[str, str]:
        return {part: self.cleaned_data[f"comment_{part}"] for part in PARTS[self.revision.genre]}


def _suggested(checker_score) -> int | None:
    """The checker's 0–100 on a criterion as a 0–5 starting point for the reviewer."""
    if checker_score is None:
        return None
    return round(checker_score * Review.MAX_SCORE / 100)


class ExampleForm(forms.Form):
    show_author = forms.BooleanField(label=_("Show the author's name"), required=False)
    note = forms.CharField(
        label=_("Why it is a good example"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

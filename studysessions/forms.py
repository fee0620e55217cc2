from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.widgets import IsoDateInput, IsoTimeInput

from .models import SessionSeries, StudySession

MAX_MINUTES = 12 * 60


class SessionForm(forms.Form):
    """Schedule a session, or change one. Dates and times are in the site's time zone; a
    session starts and ends on the same day."""

    INVITE_STATION = "station"
    INVITE_CHOSEN = "chosen"
    REPEAT_NONE = ""

    station = forms.ModelChoiceField(queryset=None, label=_("Liaison station"))
    topic = forms.CharField(label=_("Topic"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    day = forms.DateField(label=_("Date"), widget=IsoDateInput)
    start = forms.TimeField(label=_("Starts"), widget=IsoTimeInput)
    end = forms.TimeField(label=_("Ends"), widget=IsoTimeInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    facilitator = forms.CharField(label=_("Facilitator"), max_length=80, required=False)
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        help_text=_("Leave empty for no limit. Replies of “attending” stop when it is full."),
    )
    lessons = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Lessons studied"),
        widget=forms.CheckboxSelectMultiple,
    )
    marks_lessons_studied = forms.BooleanField(
        required=False,
        label=_("Attending counts these lessons as studied"),
        help_text=_("They then count towards the deputy's courses as if read online."),
    )
    credit_hours = forms.DecimalField(
        label=_("Credit hours (学时)"),
        required=False,
        min_value=0,
        max_digits=4,
        decimal_places=1,
        help_text=_("Leave empty to count the session's length (45 minutes a credit hour)."),
    )
    checkin_opens_before = forms.IntegerField(
        label=_("Check-in opens, minutes before the start"), min_value=0, max_value=240, initial=30
    )
    checkin_closes_after = forms.IntegerField(
        label=_("Check-in closes, minutes after the end"), min_value=0, max_value=240, initial=30
    )

    def __init__(self, *args, stations, lessons, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        self.fields["lessons"].queryset = lessons
        only = list(stations[:2])
        if len(only) == 1:
            self.fields["station"].initial = only[0].pk

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start"), data.get("end")
        if day and start and end:
            data["starts_at"] = timezone.make_aware(datetime.combine(day, start))
            data["ends_at"] = timezone.make_aware(datetime.combine(day, end))
            if data["ends_at"] <= data["starts_at"]:
                self.add_error("end", _("The session must end after it starts."))
            elif (data["ends_at"] - data["starts_at"]).total_seconds() > MAX_MINUTES * 60:
                self.add_error("end", _("A session lasts at most 12 hours."))
        if data.get("marks_lessons_studied") and not data.get("lessons"):
            self.add_error("lessons", _("Choose the lessons that attending counts as studied."))
        return data

    def session_fields(self) -> dict:
        data = self.cleaned_data
        names = [
            "topic", "description", "starts_at", "ends_at", "place", "facilitator", "capacity",
            "credit_hours", "marks_lessons_studied", "checkin_opens_before",
            "checkin_closes_after",
        ]  # fmt: skip
        return {name: data[name] for name in names}


class ScheduleForm(SessionForm):
    """A new session: whom to invite and whether it repeats."""

    invite = forms.ChoiceField(
        label=_("Invite"),
        choices=[
            (SessionForm.INVITE_STATION, _("Every deputy of the station")),
            (SessionForm.INVITE_CHOSEN, _("Only the deputies chosen below")),
        ],
        initial=SessionForm.INVITE_STATION,
        widget=forms.RadioSelect,
    )
    deputies = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        label=_("Chosen deputies"),
        widget=forms.CheckboxSelectMultiple,
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"),
        required=False,
        choices=[
            (SessionForm.REPEAT_NONE, _("Does not repeat")),
            (SessionSeries.Frequency.WEEKLY, _("Weekly, on the same weekday")),
            (SessionSeries.Frequency.MONTHLY, _("Monthly, on the same day of the month")),
        ],
    )
    repeat_until = forms.DateField(label=_("Repeat until"), required=False, widget=IsoDateInput)
    repeat_count = forms.IntegerField(
        label=_("Or this many sessions"), required=False, min_value=2, max_value=52
    )

    field_order = [
        "station", "topic", "description", "day", "start", "end", "place", "facilitator",
        "capacity", "repeat", "repeat_until", "repeat_count", "invite", "deputies", "lessons",
        "marks_lessons_studied", "credit_hours",
    ]  # fmt: skip

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = deputies
        self.fields["deputies"].label_from_instance = lambda d: f"{d.user.name}（{d.station.name}）"

    def clean(self):
        data = super().clean()
        station = data.get("station")
        if data.get("invite") == self.INVITE_CHOSEN:
            chosen = data.get("deputies") or []
            if not chosen:
                self.add_error("deputies", _("Choose at least one deputy to invite."))
            elif station and any(d.station_id != station.pk for d in chosen):
                self.add_error("deputies", _("Choose deputies of the session's station only."))
        if data.get("repeat"):
            until, count = data.get("repeat_until"), data.get("repeat_count")
            if not until and not count:
                self.add_error("repeat_until", _("Say until when, or how many sessions."))
            elif until and data.get("day") and until <= data["day"]:
                self.add_error("repeat_until", _("The repeats must end after the first session."))
        return data


class InviteMoreForm(forms.Form):
    """More deputies of the session's station, from those not invited yet."""

    deputies = forms.ModelMultipleChoiceField(
        queryset=None, label=_("Deputies to invite"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, deputies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputies"].queryset = deputies
        self.fields["deputies"].label_from_instance = lambda d: d.user.name


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, told to the invited deputies"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    attend = forms.TypedChoiceField(
        label=_("Will you attend?"),
        choices=[("yes", _("I will attend")), ("no", _("I cannot attend"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("If not, why?"),
        required=False,
        max_length=200,
        help_text=_("Needed when you cannot attend, so that the station knows."),
    )

    def clean(self):
        data = super().clean()
        if data.get("attend") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please say why you cannot come."))
        return data


def initial_from(session: StudySession) -> dict:
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return {
        "station": session.station_id,
        "topic": session.topic,
        "description": session.description,
        "day": starts.date(),
        "start": starts.time().replace(second=0, microsecond=0),
        "end": ends.time().replace(second=0, microsecond=0),
        "place": session.place,
        "facilitator": session.facilitator,
        "capacity": session.capacity,
        "lessons": list(session.lessons.all()),
        "marks_lessons_studied": session.marks_lessons_studied,
        "credit_hours": session.credit_hours,
        "checkin_opens_before": session.checkin_opens_before,
        "checkin_closes_after": session.checkin_closes_after,
    }

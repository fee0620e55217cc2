"""The pages of submitted suggestions: the deputy's list with its countdown, recording one (from
scratch and from a practice draft), the reply and the opinion; the staff's list with its tabs
and recording for a deputy; who may open what (scope); the queries each page makes."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from deputies.factories import DeputyFactory
from proposals.factories import ExerciseFactory
from proposals.services import start_draft
from receptions.models import Suggestion
from receptions.suggestions import services
from receptions.suggestions.factories import submitted_suggestion
from receptions.suggestions.services import add_months


def _today():
    return timezone.localdate()


def _form(**overrides):
    data = {
        "title": "关于村口路灯的建议",
        "level": "township",
        "session": "",
        "main_unit": "镇建设办",
        "co_units": "镇财政所\n村委会",
        "assigned_on": (_today() - timedelta(days=10)).isoformat(),
    }
    data.update(overrides)
    return data


def test_the_deputy_records_a_suggestion_and_sees_the_countdown(client, deputy):
    client.force_login(deputy.user)
    response = client.post(reverse("receptions:suggestion_add"), _form())
    suggestion = Suggestion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("receptions:suggestion", args=[suggestion.pk])
    assert suggestion.deputy == deputy and suggestion.created_by == deputy.user
    assert suggestion.co_unit_names == ["镇财政所", "村委会"]
    days = (add_months(_today() - timedelta(days=10), 3) - _today()).days
    page = client.get(reverse("receptions:suggestions")).content.decode()
    assert f"还有 {days} 天答复期满" in page
    assert "countdown--ok" in page


def test_an_overdue_reply_shows_in_red_with_the_days(client, deputy):
    referred = add_months(_today(), -3) - timedelta(days=4)
    submitted_suggestion(deputy, assigned_on=referred)
    client.force_login(deputy.user)
    page = client.get(reverse("receptions:suggestions")).content.decode()
    assert "答复已超期 4 天" in page
    assert "countdown--late" in page


def test_a_bad_form_is_refused_with_a_message_and_changes_nothing(client, deputy):
    client.force_login(deputy.user)
    tomorrow = (_today() + timedelta(days=1)).isoformat()
    response = client.post(reverse("receptions:suggestion_add"), _form(assigned_on=tomorrow))
    assert response.status_code == 400
    assert "这个日期在将来" in response.content.decode()
    response = client.post(reverse("receptions:suggestion_add"), _form(title=""))
    assert response.status_code == 400
    assert not Suggestion.objects.exists()


def test_one_tap_from_a_suggestion_draft_fills_the_form(client, deputy):
    exercise = ExerciseFactory(genre="suggestion", level="county")
    draft = start_draft(deputy=deputy, exercise=exercise)
    draft.parts = {"title": "关于增设公交站点的建议", "handler": "县交通运输局\n县财政局"}
    draft.save()
    client.force_login(deputy.user)
    draft_page = client.get(reverse("proposals:draft", args=[draft.pk])).content.decode()
    url = reverse("receptions:suggestion_from_draft", args=[draft.pk])
    assert url in draft_page
    form = client.get(url).context["form"]
    assert form.initial["title"] == "关于增设公交站点的建议"
    assert form.initial["main_unit"] == "县交通运输局"
    assert form.initial["co_units"] == "县财政局"
    assert form.initial["level"] == "county"
    client.post(url, _form(title="关于增设公交站点的建议", level="county"))
    assert Suggestion.objects.get().draft == draft


def test_a_motion_draft_or_anothers_draft_cannot_be_recorded(client, deputy, other_station_deputy):
    motion = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="motion"))
    theirs = start_draft(deputy=other_station_deputy, exercise=ExerciseFactory(genre="suggestion"))
    client.force_login(deputy.user)
    draft_page = client.get(reverse("proposals:draft", args=[motion.pk])).content.decode()
    assert "/receptions/suggestions/from-draft/" not in draft_page
    for draft in (motion, theirs):
        url = reverse("receptions:suggestion_from_draft", args=[draft.pk])
        assert client.get(url).status_code == 404


def test_the_reply_then_the_opinion_from_the_detail_page(client, deputy):
    suggestion = submitted_suggestion(deputy, assigned_on=_today() - timedelta(days=20))
    client.force_login(deputy.user)
    reply_url = reverse("receptions:suggestion_reply", args=[suggestion.pk])
    detail_url = reverse("receptions:suggestion", args=[suggestion.pk])
    assert reply_url in client.get(detail_url).content.decode()
    response = client.post(
        reply_url,
        {"replied_on": _today().isoformat(), "outcome": "resolved", "summary": "已安装。"},
    )
    assert response.status_code == 302
    # A second tap on the reply page: refused with a message, nothing changes.
    response = client.post(
        reply_url, {"replied_on": _today().isoformat(), "outcome": "planned"}, follow=True
    )
    assert "此步骤当前不适用" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.outcome == "resolved"
    opinion_url = reverse("receptions:suggestion_satisfaction", args=[suggestion.pk])
    client.post(opinion_url, {"satisfaction": "not_satisfied", "said_on": _today().isoformat()})
    suggestion.refresh_from_db()
    assert suggestion.is_rehandling
    page = client.get(detail_url).content.decode()
    assert "再次答复" in page and suggestion.rehandling_due.isoformat() in page


def test_staff_list_tabs_count_and_filter(client, station_staff, deputy, station):
    today = _today()
    other = DeputyFactory(station=station, user__name="陈丽", user__mobile="13600000005")
    submitted_suggestion(deputy, assigned_on=today - timedelta(days=3), title="未到期")
    submitted_suggestion(other, assigned_on=add_months(today, -4), title="已超期")
    answered = submitted_suggestion(deputy, assigned_on=today - timedelta(days=40), title="已答复")
    services.record_reply(
        suggestion=answered, by=deputy.user, replied_on=today, outcome="explained", summary=""
    )
    services.record_satisfaction(
        suggestion=answered, by=deputy.user, satisfaction="not_satisfied", said_on=today
    )
    client.force_login(station_staff)
    url = reverse("receptions:suggestion_staff_list")
    response = client.get(url)
    assert response.context["counts"] == {
        "awaiting": 2,  # not yet due, and the one handled again
        "overdue": 1,
        "answered": 0,
        "not_satisfied": 1,
        "all": 3,
    }
    # The reply owed soonest first: the second reply (a month) before the first (three).
    assert [s.title for s in response.context["suggestions"]] == ["已答复", "未到期"]
    overdue = client.get(url, {"tab": "overdue"})
    assert [s.title for s in overdue.context["suggestions"]] == ["已超期"]
    assert "陈丽" in overdue.content.decode()
    unknown = client.get(url, {"tab": "nonsense"})
    assert unknown.context["tab"] == "awaiting"


def test_staff_record_for_a_deputy_in_their_care_only(
    client, station_staff, deputy, other_station_deputy
):
    client.force_login(station_staff)
    url = reverse("receptions:suggestion_staff_add")
    response = client.post(url, _form(deputy=other_station_deputy.pk))
    assert response.status_code == 400  # not among the choices
    assert not Suggestion.objects.exists()
    response = client.post(url, _form(deputy=deputy.pk))
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.deputy == deputy and suggestion.created_by == station_staff
    entry = AuditEntry.objects.get(action=Action.SUGGESTION_RECORDED)
    assert entry.deputy == deputy and entry.actor == station_staff


@pytest.mark.parametrize(
    "outsider", ["other_station_deputy", "other_station_staff", "other_county_officer", "editor"]
)
def test_outside_the_scope_every_page_of_a_suggestion_is_404(request, client, deputy, outsider):
    suggestion = submitted_suggestion(deputy, assigned_on=_today() - timedelta(days=3))
    if outsider == "other_station_deputy":
        user = request.getfixturevalue("other_station_deputy").user
    elif outsider == "other_station_staff":
        from deputies.factories import UserFactory
        from deputies.models import StaffRole
        from deputies.services import grant_role

        user = UserFactory(name="古城站务员", mobile="13700000005")
        grant_role(
            user=user,
            kind=StaffRole.Kind.STATION,
            place=request.getfixturevalue("other_station"),
        )
    elif outsider == "other_county_officer":
        from deputies.factories import UserFactory
        from deputies.models import StaffRole
        from deputies.services import grant_role

        user = UserFactory(name="德清县人大干部", mobile="13700000006")
        grant_role(
            user=user, kind=StaffRole.Kind.COUNTY, place=request.getfixturevalue("other_county")
        )
    else:
        user = request.getfixturevalue("editor")
    client.force_login(user)
    for name in ("suggestion", "suggestion_edit", "suggestion_reply", "suggestion_delete"):
        url = reverse(f"receptions:{name}", args=[suggestion.pk])
        if name != "suggestion_delete":
            assert client.get(url).status_code == 404, name
        assert client.post(url, {"outcome": "resolved"}).status_code == 404, name
    if outsider not in ("other_station_deputy", "editor"):
        listing = client.get(reverse("receptions:suggestion_staff_list"))
        assert listing.context["counts"]["all"] == 0
    suggestion.refresh_from_db()
    assert suggestion.is_awaiting_reply


def _more(deputy, station, n):
    """n more suggestions, at every step, of n more deputies of the station."""
    today = _today()
    for i in range(n):
        other = DeputyFactory(station=station)
        s = submitted_suggestion(
            other, assigned_on=today - timedelta(days=100 + i), co_units=["镇财政所", "村委会"]
        )
        if i % 2:
            services.record_reply(
                suggestion=s, by=other.user, replied_on=today, outcome="planned", summary=""
            )
        submitted_suggestion(
            deputy, assigned_on=today - timedelta(days=i), title=f"建议{i}", co_units=["村委会"]
        )


def test_the_pages_make_a_fixed_number_of_queries(
    client, deputy, station, station_staff, django_assert_max_num_queries
):
    first = submitted_suggestion(deputy, assigned_on=_today(), co_units=["村委会"])
    replied = submitted_suggestion(deputy, assigned_on=_today(), title="已答复")
    services.record_reply(
        suggestion=replied, by=deputy.user, replied_on=_today(), outcome="planned", summary=""
    )
    again = submitted_suggestion(deputy, assigned_on=_today(), title="不满意")
    services.record_reply(
        suggestion=again, by=deputy.user, replied_on=_today(), outcome="planned", summary=""
    )
    services.record_satisfaction(
        suggestion=again, by=deputy.user, satisfaction="not_satisfied", said_on=_today()
    )
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory(genre="suggestion"))
    pages = [
        (deputy.user, reverse("receptions:suggestion_edit", args=[first.pk]), 8),
        (deputy.user, reverse("receptions:suggestion_reply", args=[first.pk]), 7),
        (deputy.user, reverse("receptions:suggestion_satisfaction", args=[replied.pk]), 7),
        (deputy.user, reverse("receptions:suggestion_second_reply", args=[again.pk]), 7),
        (deputy.user, reverse("receptions:suggestion_from_draft", args=[draft.pk]), 8),
        (deputy.user, reverse("receptions:suggestions"), 8),
        (deputy.user, reverse("receptions:suggestion", args=[first.pk]), 8),
        (deputy.user, reverse("receptions:suggestion_add"), 7),
        (station_staff, reverse("receptions:suggestion_staff_list"), 11),
        (station_staff, reverse("receptions:suggestion_staff_list") + "?tab=all", 11),
        (station_staff, reverse("receptions:suggestion", args=[first.pk]), 9),
        (station_staff, reverse("receptions:suggestion_staff_add"), 9),
    ]
    for rounds in (0, 1):
        if rounds:
            _more(deputy, station, 6)
        for user, url, limit in pages:
            client.force_login(user)
            with django_assert_max_num_queries(limit):
                assert client.get(url).status_code == 200, url


def test_the_details_are_fixed_once_the_reply_is_recorded(client, deputy):
    suggestion = submitted_suggestion(deputy, assigned_on=_today() - timedelta(days=5))
    services.record_reply(
        suggestion=suggestion, by=deputy.user, replied_on=_today(), outcome="planned", summary=""
    )
    client.force_login(deputy.user)
    url = reverse("receptions:suggestion_edit", args=[suggestion.pk])
    response = client.post(url, _form(title="改了"), follow=True)
    assert "答复已经登记，建议信息不能再修改。" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.title == "关于修缮村卫生室的建议"


def test_a_suggestion_recorded_by_mistake_is_deleted_until_replied(client, deputy, station_staff):
    mine = submitted_suggestion(deputy, assigned_on=_today() - timedelta(days=5))
    theirs = submitted_suggestion(deputy, assigned_on=_today(), title="站里登记错的")
    client.force_login(deputy.user)
    edit = client.get(reverse("receptions:suggestion_edit", args=[mine.pk])).content.decode()
    delete_url = reverse("receptions:suggestion_delete", args=[mine.pk])
    assert delete_url in edit
    assert client.get(delete_url).status_code == 405  # a POST only
    response = client.post(delete_url)
    assert response["Location"] == reverse("receptions:suggestions")
    assert not Suggestion.objects.filter(pk=mine.pk).exists()
    assert not AuditEntry.objects.filter(action=Action.SUGGESTION_RECORDED).exists()  # own

    # Staff delete one for the deputy: logged. A replied one stays.
    client.force_login(station_staff)
    response = client.post(reverse("receptions:suggestion_delete", args=[theirs.pk]))
    assert response["Location"] == reverse("receptions:suggestion_staff_list")
    entry = AuditEntry.objects.get(action=Action.SUGGESTION_RECORDED)
    assert entry.detail["step"] == "deleted" and entry.deputy == deputy
    replied = submitted_suggestion(deputy, assigned_on=_today(), title="已答复的")
    services.record_reply(
        suggestion=replied, by=deputy.user, replied_on=_today(), outcome="planned", summary=""
    )
    response = client.post(reverse("receptions:suggestion_delete", args=[replied.pk]), follow=True)
    assert "答复已经登记，建议不能再删除。" in response.content.decode()
    assert Suggestion.objects.filter(pk=replied.pk).exists()

"""The deputy reads a report and remarks on it: the pages without the script (a form per
paragraph), the script's autosave, who may see what, and the pages' queries."""

import json

import pytest
from django.urls import reverse

from deliberation.models import Remark
from deliberation.reports.factories import report_exercise
from deliberation.reports.services import add_remark, save_remark
from deputies.factories import DeputyFactory


@pytest.fixture
def exercise(db):
    return report_exercise()


def paragraph_with(exercise, words):
    return next(p for p in exercise.paragraphs.all() if words in p.text)


@pytest.fixture
def remark(deputy, exercise):
    return add_remark(
        deputy=deputy,
        paragraph=paragraph_with(exercise, "养护资金60万元"),
        data={"kind": "question", "text": "资金从哪一项预算安排？", "department": "镇财政所"},
    )


def section_url(exercise, position):
    return reverse("deliberation:report_section", args=[exercise.pk, position])


def test_the_list_and_the_contents(english, deputy, exercise, remark):
    report_exercise(title="还没上线的报告", live=False)
    english.force_login(deputy.user)
    page = english.get(reverse("deliberation:reports")).text
    assert exercise.title in page and "还没上线的报告" not in page
    assert "Government work report" in page and "1 remark" in page
    page = english.get(reverse("deliberation:report", args=[exercise.pk])).text
    assert "审议本报告，提出审议意见。" in page
    assert "（一）道路" in page and "Start reading" in page


def test_a_hidden_exercise_is_not_found(client, deputy):
    hidden = report_exercise(live=False)
    client.force_login(deputy.user)
    assert client.get(reverse("deliberation:report", args=[hidden.pk])).status_code == 404
    assert client.get(section_url(hidden, 1)).status_code == 404


def test_a_section_shows_its_paragraphs_my_remarks_and_a_form_for_each(
    english, deputy, exercise, remark
):
    english.force_login(deputy.user)
    page = english.get(section_url(exercise, 4)).text
    assert "计划新修村道8公里，镇财政安排养护资金60万元。" in page
    assert "资金从哪一项预算安排？" in page and "to 镇财政所" in page
    assert page.count("Remark on this paragraph</summary>") == 1
    assert reverse("deliberation:remark_autosave", args=[remark.pk]) in page
    assert "Next part" in page and "Previous part" in page
    assert english.get(section_url(exercise, 99)).status_code == 404


def test_a_remark_posted_without_the_script(client, deputy, exercise):
    paragraph = paragraph_with(exercise, "新修村道12公里")
    client.force_login(deputy.user)
    url = reverse("deliberation:remark_add", args=[exercise.pk, paragraph.key])
    data = {"kind": "assessment", "text": "超额完成，值得肯定。", "quote": "比上年多4公里"}
    response = client.post(url, data)
    remark = Remark.objects.get()
    assert response.status_code == 302
    assert response.url.endswith(f"{section_url(exercise, 2)}#r-{remark.pk}")
    assert (remark.deputy, remark.paragraph, remark.quote) == (deputy, paragraph, "比上年多4公里")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"kind": "assessment", "text": "好", "quote": "比上年多5公里"}, "not in the paragraph"),
        ({"kind": "praise", "text": "好"}, "Select a valid choice"),
        ({"kind": "problem", "text": ""}, "This field is required"),
        ({"kind": "problem", "text": "长" * 2001}, "at most 2000"),
    ],
)
def test_a_remark_refused_shows_why_and_saves_nothing(english, deputy, exercise, data, says):
    paragraph = paragraph_with(exercise, "新修村道12公里")
    english.force_login(deputy.user)
    url = reverse("deliberation:remark_add", args=[exercise.pk, paragraph.key])
    response = english.post(url, data)
    assert response.status_code == 400
    assert says in response.text
    assert not Remark.objects.exists()


def test_changing_and_deleting_without_the_script(client, deputy, exercise, remark):
    client.force_login(deputy.user)
    url = reverse("deliberation:remark", args=[remark.pk])
    assert client.get(url).status_code == 200
    data = {"kind": "question", "text": "每公里每年多少？", "quote": "", "department": "镇财政所"}
    response = client.post(url, {**data, "saved_version": 1})
    assert response.status_code == 302
    remark.refresh_from_db()
    assert (remark.text, remark.saved_version) == ("每公里每年多少？", 2)
    # From the page as it was before that save: refused, not written over.
    response = client.post(url, {**data, "text": "旧的", "saved_version": 1})
    assert response.status_code == 409
    remark.refresh_from_db()
    assert remark.text == "每公里每年多少？"
    response = client.post(reverse("deliberation:remark_delete", args=[remark.pk]))
    assert response.status_code == 302
    assert not Remark.objects.exists()


def autosave(client, remark, parts, version):
    return client.post(
        reverse("deliberation:remark_autosave", args=[remark.pk]),
        data=json.dumps({"parts": parts, "saved_version": version}),
        content_type="application/json",
    )


def test_autosave_saves_and_refuses_a_stale_version(client, deputy, remark):
    client.force_login(deputy.user)
    response = autosave(client, remark, {"text": "每公里每年多少钱？"}, 1)
    assert response.status_code == 200
    assert response.json()["saved_version"] == 2
    stale = autosave(client, remark, {"text": "另一个标签页的字"}, 1)
    assert stale.status_code == 409
    body = stale.json()
    assert body["stale"] is True and body["saved_version"] == 2
    assert body["parts"]["text"] == "每公里每年多少钱？"
    remark.refresh_from_db()
    assert remark.text == "每公里每年多少钱？"


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        json.dumps({"parts": {"text": "x"}}).encode(),
        json.dumps({"parts": {"text": "x"}, "saved_version": "1"}).encode(),
        json.dumps({"parts": {"text": "x"}, "saved_version": True}).encode(),
        json.dumps({"parts": ["x"], "saved_version": 1}).encode(),
        json.dumps({"parts": {"owner": "x"}, "saved_version": 1}).encode(),
        json.dumps({"parts": {"kind": "praise"}, "saved_version": 1}).encode(),
        json.dumps({"parts": {"quote": "不在段落里"}, "saved_version": 1}).encode(),
        json.dumps({"parts": {"text": 5}, "saved_version": 1}).encode(),
    ],
)
def test_autosave_refuses_what_it_cannot_save(client, deputy, remark, body):
    client.force_login(deputy.user)
    response = client.post(
        reverse("deliberation:remark_autosave", args=[remark.pk]),
        data=body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "error" in response.json()
    remark.refresh_from_db()
    assert (remark.text, remark.saved_version) == ("资金从哪一项预算安排？", 1)


def test_my_remarks_by_section_and_those_detached(english, deputy, exercise, remark):
    from deliberation.reports.factories import SAMPLE
    from deliberation.reports.services import import_report

    other = add_remark(
        deputy=deputy,
        paragraph=paragraph_with(exercise, "入住老人46人"),
        data={"kind": "problem", "text": "入住人数偏少。"},
    )
    import_report(exercise=exercise, text=SAMPLE.replace("入住老人46人", "入住老人64人"))
    english.force_login(deputy.user)
    page = english.get(reverse("deliberation:my_remarks", args=[exercise.pk])).text
    assert page.index("（一）道路") < page.index("资金从哪一项预算安排？")
    assert "No longer attached" in page and "入住人数偏少。" in page
    assert "A problem 1" in page and "A question 1" in page and "A suggestion 0" in page
    # Detached: it can be read and deleted, not changed.
    with pytest.raises(Exception, match="no longer in the report"):
        save_remark(remark=other, data={"text": "改"}, saved_version=1)


# Who may see what ------------------------------------------------------------------------------


def remark_urls(remark):
    return [
        ("get", reverse("deliberation:remark", args=[remark.pk])),
        ("post", reverse("deliberation:remark", args=[remark.pk])),
        ("post", reverse("deliberation:remark_autosave", args=[remark.pk])),
        ("post", reverse("deliberation:remark_delete", args=[remark.pk])),
    ]


def test_another_deputy_finds_none_of_my_remarks(client, remark, exercise, other_station_deputy):
    client.force_login(other_station_deputy.user)
    for method, url in remark_urls(remark):
        assert getattr(client, method)(url).status_code == 404, url
    page = client.get(section_url(exercise, 4)).text
    assert "资金从哪一项预算安排？" not in page
    page = client.get(reverse("deliberation:my_remarks", args=[exercise.pk])).text
    assert "资金从哪一项预算安排？" not in page
    assert Remark.objects.filter(pk=remark.pk, saved_version=1).exists()


@pytest.mark.parametrize("who", ["station_staff", "township_staff", "county_officer", "editor"])
def test_staff_find_no_remark_page(request, client, remark, exercise, who):
    client.force_login(request.getfixturevalue(who))
    for method, url in [*remark_urls(remark), ("get", section_url(exercise, 1))]:
        assert getattr(client, method)(url).status_code == 404, url


def test_the_anonymous_visitor_is_asked_to_sign_in(client, remark, exercise):
    for method, url in [*remark_urls(remark), ("get", reverse("deliberation:reports"))]:
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "login" in response.url


# Queries ----------------------------------------------------------------------------------------


def more_data(deputy, exercise):
    """More reports, paragraphs and remarks (the deputy's and another's): no more queries."""
    other = DeputyFactory()
    for n in range(3):
        more = report_exercise(title=f"报告{n}")
        for paragraph in more.paragraphs.all()[:3]:
            add_remark(deputy=deputy, paragraph=paragraph, data={"kind": "problem", "text": "问"})
    for paragraph in exercise.paragraphs.all():
        for who in (deputy, other, deputy):
            add_remark(deputy=who, paragraph=paragraph, data={"kind": "suggestion", "text": "建"})


def pages(exercise):
    return [
        reverse("deliberation:reports"),
        reverse("deliberation:report", args=[exercise.pk]),
        section_url(exercise, 2),
        reverse("deliberation:my_remarks", args=[exercise.pk]),
    ]


def test_the_pages_queries_do_not_grow_with_the_data(
    client, deputy, exercise, remark, django_assert_max_num_queries
):
    client.force_login(deputy.user)
    # Three for the session, the user and their deputy, three for the menu (roles, the site
    # root, unread notifications); the rest: the exercise, its sections, paragraphs, remarks;
    # where remarks show the checker's feedback, the rules and the report's text once.
    limits = [7, 8, 12, 11]
    for url, limit in zip(pages(exercise), limits, strict=True):
        client.get(url)
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200
    more_data(deputy, exercise)
    for url, limit in zip(pages(exercise), limits, strict=True):
        client.get(url)
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200
    # The session, the user, the deputy, the remark; then, locked, again, and written (two
    # savepoints each way); the rules and the report's text for the checker's feedback.
    with django_assert_max_num_queries(11):
        response = autosave(client, remark, {"text": "改一改"}, 1)
    assert response.status_code == 200

"""The deliberation speech: a report exercise's writing exercise kept in step with it, the
speech composed from the deputy's remarks (in report order, each with its passage; never over
what the deputy wrote), its spoken length on the engine's draft page, the checker reading the
report beside it, and who may do what."""

import pytest
from django.urls import reverse
from django.utils import translation

from deliberation.models import ReportExercise
from deliberation.reports.factories import SAMPLE, report_exercise
from deliberation.reports.services import add_remark, import_report
from deliberation.speeches.services import compose_speech, parts_from_remarks, reference
from proposals.models import Draft, Exercise, Genre
from proposals.models.writing import spoken_minutes
from proposals.services import check_draft, save_draft


@pytest.fixture
def report(db):
    return report_exercise()


def paragraph_with(report, words):
    return next(p for p in report.paragraphs.all() if words in p.text)


def remark(deputy, report, words, kind, text, department=""):
    return add_remark(
        deputy=deputy,
        paragraph=paragraph_with(report, words),
        data={"kind": kind, "text": text, "department": department},
    )


@pytest.fixture
def remarks(deputy, report):
    # Written out of the report's order: the speech puts them back in it.
    return [
        remark(deputy, report, "养护资金60万元", "suggestion", "建议镇交通办年底前公布养护计划。"),
        remark(deputy, report, "新修村道12公里", "assessment", "村道比上年多修4公里，值得肯定。"),
        remark(deputy, report, "南岭村400人", "problem", "南岭村400人还在等自来水。"),
        remark(
            deputy, report, "养护资金60万元", "question", "60万元从哪里来？", department="镇财政所"
        ),
        remark(deputy, report, "新建互助养老点3个", "assessment", "养老点入住46人，不错。"),
    ]


def test_a_report_exercise_has_its_writing_exercise_kept_in_step(report):
    exercise = ReportExercise.objects.get(pk=report.pk).speech_exercise
    assert exercise.genre == Genre.DELIBERATION and exercise.part_names == (
        "assessment",
        "problems",
        "questions",
        "suggestions",
    )
    assert (exercise.title, exercise.level, exercise.live) == (report.title, "township", True)
    assert "养护资金60万元" in exercise.material
    assert exercise.material_url == reverse("deliberation:report", args=[report.pk])
    report.title, report.live = "改过的标题", False
    report.save()
    exercise.refresh_from_db()
    assert (exercise.title, exercise.live) == ("改过的标题", False)
    import_report(exercise=report, text=SAMPLE.replace("60万元", "75万元"))
    exercise.refresh_from_db()
    assert "养护资金75万元" in exercise.material and "60万元" not in exercise.material
    assert Exercise.objects.filter(genre=Genre.DELIBERATION).count() == 1


def test_a_deleted_report_takes_its_exercise_or_closes_it(deputy, report, remarks):
    exercise = report.speech_exercise
    compose_speech(deputy=deputy, report=report)
    report.delete()
    exercise.refresh_from_db()
    assert not exercise.live  # the draft keeps it
    other = report_exercise(title="另一个报告")
    pk = other.speech_exercise_id
    other.delete()
    assert not Exercise.objects.filter(pk=pk).exists()


def test_composing_fills_the_parts_in_report_order_with_references(deputy, report, remarks):
    draft = compose_speech(deputy=deputy, report=report)
    assert draft.exercise == report.speech_exercise and draft.saved_version == 1
    assessment = draft.parts["assessment"].split("\n")
    assert assessment == [
        "村道比上年多修4公里，值得肯定。（报告“一、2025年工作回顾”第1段）",
        "养老点入住46人，不错。（报告“一、2025年工作回顾”第2段）",
    ]
    assert draft.parts["problems"] == "南岭村400人还在等自来水。（报告“（二）饮水”第1段）"
    assert draft.parts["questions"] == "镇财政所：60万元从哪里来？（报告“（一）道路”第1段）"
    assert draft.parts["suggestions"].startswith("建议镇交通办年底前公布养护计划。")


def test_the_opening_and_a_detached_remark(deputy, report):
    opening = remark(deputy, report, "请予审议", "assessment", "报告简明。")
    assert reference(opening) == "（报告开头第2段）"
    # Part of a speech given in Chinese, whatever language the pages are read in.
    with translation.override("en"):
        assert reference(opening) == "（报告开头第2段）"
    opening.paragraph = None
    assert reference(opening) == ""
    assert parts_from_remarks([opening])["assessment"] == "报告简明。"


def test_composing_again_leaves_what_the_deputy_wrote(deputy, report, remarks):
    draft = compose_speech(deputy=deputy, report=report)
    mine = {"assessment": "我自己改写的评价。", "problems": "", "questions": "", "suggestions": ""}
    draft = save_draft(draft=draft, parts=mine, saved_version=draft.saved_version)
    remark(deputy, report, "新修村道12公里", "problem", "新补的一条意见。")
    again = compose_speech(deputy=deputy, report=report)
    assert again.pk == draft.pk and again.parts == mine
    assert Draft.objects.count() == 1


def test_composing_without_remarks_starts_an_empty_draft(deputy, report):
    draft = compose_speech(deputy=deputy, report=report)
    assert draft.is_empty and draft.saved_version == 0


def test_the_checker_reads_the_report_beside_the_speech_as_a_speech(deputy, report, remarks):
    draft = compose_speech(deputy=deputy, report=report)
    codes = {finding.rule.code for finding in check_draft(draft).findings}
    # A minute of text is short for a speech: the length rule hears that it is one.
    assert "speech-too-short" in codes
    # The remarks cite the report's figures.
    assert "no-report-figure" not in codes


@pytest.mark.parametrize(
    ("size", "minutes"), [(0, 0), (100, 0.5), (250, 1), (800, 3), (875, 3.5), (1250, 5)]
)
def test_the_spoken_length_is_characters_at_250_a_minute_to_half_a_minute(size, minutes):
    assert spoken_minutes(size) == minutes


def test_the_draft_page_shows_the_spoken_length_and_the_way_back(
    english, deputy, report, remarks, django_assert_max_num_queries
):
    english.force_login(deputy.user)
    response = english.post(reverse("deliberation:report_speech", args=[report.pk]))
    draft = Draft.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("proposals:draft", args=[draft.pk])
    url = response.url
    english.get(url)
    with django_assert_max_num_queries(14):
        page = english.get(url).text
    assert "data-spoken" in page and 'data-per-minute="250"' in page
    minutes = f"{draft.spoken_minutes:g}"
    assert minutes in ("0.5", "1")
    assert f"Spoken length: about {minutes} min. A speech usually runs 3 to 5 minutes." in page
    assert 'data-state="outside"' in page
    assert 'data-says="Spoken length: about {minutes} min.' in page
    assert reverse("deliberation:report", args=[report.pk]) in page
    assert "Back to the report and your remarks" in page
    assert "Overall assessment" in page and "镇财政所：60万元从哪里来？" in page


def test_a_proposal_draft_page_has_no_spoken_length(client, deputy, db):
    from proposals.factories import ExerciseFactory
    from proposals.services import start_draft

    draft = start_draft(deputy=deputy, exercise=ExerciseFactory())
    client.force_login(deputy.user)
    page = client.get(reverse("proposals:draft", args=[draft.pk])).text
    assert "data-spoken" not in page


def test_the_contents_and_my_remarks_offer_to_compose(english, deputy, report, remarks):
    english.force_login(deputy.user)
    target = reverse("deliberation:report_speech", args=[report.pk])
    for url in (
        reverse("deliberation:report", args=[report.pk]),
        reverse("deliberation:my_remarks", args=[report.pk]),
    ):
        page = english.get(url).text
        assert target in page and "Compose my speech" in page


def test_writing_practice_sends_the_speech_to_its_report(english, deputy, report):
    """A speech is composed from remarks on the report: the writing practice list and the
    exercise's own page lead there, not to an empty draft."""
    english.force_login(deputy.user)
    report_url = reverse("deliberation:report", args=[report.pk])
    exercise = ReportExercise.objects.get(pk=report.pk).speech_exercise
    listing = english.get(reverse("proposals:list")).text
    assert f'href="{report_url}">{exercise.title}</a>' in listing
    assert f'href="{report_url}">Read the report</a>' in listing
    page = english.get(reverse("proposals:exercise", args=[exercise.pk])).text
    assert "the speech is then composed from them" in page and report_url in page


def test_composing_asks_a_post_and_a_live_report(client, deputy, report):
    client.force_login(deputy.user)
    url = reverse("deliberation:report_speech", args=[report.pk])
    assert client.get(url).status_code == 405
    report.live = False
    report.save()
    assert client.post(url).status_code == 404
    assert not Draft.objects.exists()


def test_another_deputy_finds_neither_the_speech_nor_my_remarks_in_it(
    client, deputy, report, remarks, other_station_deputy
):
    draft = compose_speech(deputy=deputy, report=report)
    client.force_login(other_station_deputy.user)
    assert client.get(reverse("proposals:draft", args=[draft.pk])).status_code == 404
    # Their own compose makes their own, empty speech: my remarks are not theirs.
    client.post(reverse("deliberation:report_speech", args=[report.pk]))
    theirs = Draft.objects.get(deputy=other_station_deputy)
    assert theirs.is_empty


@pytest.mark.parametrize("who", ["station_staff", "editor"])
def test_staff_cannot_compose(request, client, report, who):
    client.force_login(request.getfixturevalue(who))
    assert client.post(reverse("deliberation:report_speech", args=[report.pk])).status_code == 404


def test_composing_costs_the_same_with_more_remarks(
    client, deputy, report, remarks, django_assert_max_num_queries
):
    client.force_login(deputy.user)
    url = reverse("deliberation:report_speech", args=[report.pk])
    with django_assert_max_num_queries(30) as few:
        client.post(url)
    Draft.objects.all().delete()
    for _ in range(5):
        remark(deputy, report, "南岭村400人", "problem", "又一条。")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.post(url)

from datetime import date

import pytest
from django.utils import translation
from django.utils.translation import gettext

from materials.lawtext import parse_law
from materials.services import import_law
from quizzes.models import Question
from quizzes.review import ReviewError, flag_changed_articles, mark_ready, retire
from tests.materials.texts import (
    AMENDED,
    BASE,
    PROPOSERS,
    PUBLICITY,
    PURPOSE,
    REASONS,
    SAMPLE,
    SCOPE,
    START,
    VOTING,
    rule,
)

from .fixtures_bank import make_question, sample_law_fixture  # noqa: F401 (fixtures)

LAW = "某某县村务议事规则"
AMENDMENT = "2025-01-01"


def reload(question):
    return Question.objects.get(pk=question.pk)


@pytest.fixture
def cited(sample_law):
    """One question per article of SAMPLE that AMENDED touches, and one it leaves alone."""
    return {
        "reworded": make_question("第一条", cites=[(sample_law, 1)]),
        "unchanged": make_question("第二条", cites=[(sample_law, 2)]),
        "renumbered": make_question("第三条", cites=[(sample_law, 3)]),
        "removed": make_question("第四条", cites=[(sample_law, 4)]),
        "retired": make_question("停用", cites=[(sample_law, 4)], status=Question.Status.RETIRED),
    }


def import_amendment():
    return import_law(parsed=parse_law(AMENDED), source_name="amended.md").version


def test_importing_an_amendment_flags_questions_on_changed_articles(cited):
    import_amendment()

    flagged = {name: reload(question) for name, question in cited.items()}
    assert flagged["reworded"].status == Question.Status.NEEDS_REVIEW
    assert flagged["renumbered"].status == Question.Status.NEEDS_REVIEW
    assert flagged["removed"].status == Question.Status.NEEDS_REVIEW
    assert flagged["unchanged"].status == Question.Status.READY
    assert flagged["unchanged"].review_reason == ""
    assert flagged["retired"].status == Question.Status.RETIRED
    assert flagged["retired"].review_reason == ""


def test_each_reason_names_the_article_the_change_and_the_version(cited):
    with translation.override("en"):
        import_amendment()

    # Stored in the site's language (zh-hans) whatever the importer's language.
    with translation.override("zh-hans"):
        expected = {
            "reworded": gettext("%(article)s was reworded in the version of %(date)s.")
            % {"article": f"{LAW} 第一条", "date": AMENDMENT},
            "renumbered": gettext(
                "%(article)s became %(new)s in the version of %(date)s: the question still "
                "cites the old number."
            )
            % {"article": f"{LAW} 第三条", "new": "第四条", "date": AMENDMENT},
            "removed": gettext("%(article)s was removed in the version of %(date)s.")
            % {"article": f"{LAW} 第四条", "date": AMENDMENT},
        }
    for name, reason in expected.items():
        assert reload(cited[name]).review_reason == reason
    assert len(set(expected.values())) == 3


def test_reasons_read_in_english_for_an_english_site(cited, settings):
    settings.LANGUAGE_CODE = "en"
    import_amendment()

    assert reload(cited["reworded"]).review_reason == (
        f"{LAW} 第一条 was reworded in the version of {AMENDMENT}."
    )
    assert reload(cited["removed"]).review_reason == (
        f"{LAW} 第四条 was removed in the version of {AMENDMENT}."
    )
    assert reload(cited["renumbered"]).review_reason.startswith(
        f"{LAW} 第三条 became 第四条 in the version of {AMENDMENT}"
    )


def test_a_question_citing_two_changed_articles_gets_both_reasons(sample_law, settings):
    settings.LANGUAGE_CODE = "en"
    question = make_question("两条", cites=[(sample_law, 1), (sample_law, 4)])

    import_amendment()

    assert reload(question).review_reason.splitlines() == [
        f"{LAW} 第一条 was reworded in the version of {AMENDMENT}.",
        f"{LAW} 第四条 was removed in the version of {AMENDMENT}.",
    ]


def test_a_question_already_in_review_keeps_its_reason_and_gains_the_new_one(sample_law, settings):
    settings.LANGUAGE_CODE = "en"
    question = make_question(
        "旧", cites=[(sample_law, 4)], status=Question.Status.NEEDS_REVIEW, review_reason="旧的理由"
    )

    version = import_amendment()
    flag_changed_articles(version)  # twice: nothing repeated

    assert reload(question).review_reason.splitlines() == [
        "旧的理由",
        f"{LAW} 第四条 was removed in the version of {AMENDMENT}.",
    ]


def test_an_older_version_imported_late_flags_nothing(db):
    newer = import_law(parsed=parse_law(AMENDED)).version
    question = make_question("第一条", cites=[(newer.law, 1)])

    import_law(parsed=parse_law(SAMPLE))  # older than the version in force

    assert reload(question).status == Question.Status.READY


def test_questions_on_a_merged_or_split_article_are_flagged_with_where_it_went(db, settings):
    settings.LANGUAGE_CODE = "en"
    law = import_law(parsed=parse_law(rule(BASE, "2024-01-01"))).version.law
    merged = make_question("事由", cites=[(law, 4)])
    split = make_question("范围", cites=[(law, 2)])
    # 第四条 becomes the second paragraph of 第三条; 第二条's two paragraphs become two articles.
    amended = [PURPOSE, SCOPE[:1], SCOPE[1:], PROPOSERS + REASONS, VOTING, PUBLICITY, START]

    import_law(parsed=parse_law(rule(amended, "2025-01-01")))

    name = law.versions.first().title
    assert reload(merged).status == Question.Status.NEEDS_REVIEW
    assert reload(merged).review_reason == (
        f"{name} 第四条 was merged into 第四条第二款 in the version of 2025-01-01."
    )
    assert reload(split).review_reason == (
        f"{name} 第二条 was split into 第二条、第三条 in the version of 2025-01-01."
    )


def test_the_first_version_of_a_law_flags_nothing(sample_law):
    version = sample_law.versions.get()

    assert flag_changed_articles(version) == 0


def test_a_future_amendment_flags_questions_ahead_of_time(cited):
    import_law(parsed=parse_law(AMENDED), effective_date=date(2099, 1, 1))

    assert reload(cited["removed"]).status == Question.Status.NEEDS_REVIEW
    assert "2099-01-01" in reload(cited["removed"]).review_reason


def test_mark_ready_clears_the_reason(db):
    question = make_question(
        "待审", status=Question.Status.NEEDS_REVIEW, review_reason="第一条 was reworded"
    )

    mark_ready(question=question)

    question = reload(question)
    assert (question.status, question.review_reason) == (Question.Status.READY, "")


def test_mark_ready_and_retire_check_the_status(db, in_english):
    question = make_question("可用")

    with pytest.raises(ReviewError, match="already in use"):
        mark_ready(question=question)
    retire(question=question)
    assert reload(question).status == Question.Status.RETIRED
    with pytest.raises(ReviewError, match="already retired"):
        retire(question=question)
    mark_ready(question=question)  # a retired question can be put back in use
    assert reload(question).status == Question.Status.READY


# The review pages


def test_needs_review_listing_shows_the_reasons(client, superuser, cited):
    import_amendment()
    client.force_login(superuser)

    response = client.get("/admin/questions/?status=review", headers={"accept-language": "en"})

    html = response.content.decode()
    assert response.status_code == 200
    assert reload(cited["removed"]).review_reason in html
    assert "第四条" in html and "第二条" not in html  # the unchanged question is not listed


def test_an_editor_marks_a_reviewed_question_ready(client, editor, cited):
    import_amendment()
    client.force_login(editor)
    question = cited["removed"]
    url = f"/admin/questions/review/{question.pk}/"

    page = client.get(url, headers={"accept-language": "en"})
    assert page.status_code == 200
    assert reload(question).review_reason in page.content.decode()
    assert "What changed in this law" in page.content.decode()

    response = client.post(url, follow=True, headers={"accept-language": "en"})

    assert "is in use again" in response.content.decode()
    question = reload(question)
    assert (question.status, question.review_reason) == (Question.Status.READY, "")


def test_the_edit_form_says_why_a_question_waits(client, superuser, cited):
    import_amendment()
    client.force_login(superuser)
    question = cited["reworded"]

    response = client.get(
        f"/admin/questions/single/edit/{question.pk}/", headers={"accept-language": "en"}
    )

    html = response.content.decode()
    assert "This question waits for review" in html
    assert reload(question).review_reason in html

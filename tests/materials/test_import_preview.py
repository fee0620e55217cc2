"""Nothing is imported before the editor has seen it: the preview, its warnings, the held upload,
and deleting a version taking back what its import did."""

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from deputies.factories import UserFactory
from deputies.models import StaffRole
from deputies.services import grant_role
from materials.lawtext import parse_law
from materials.models import LawVersion, PendingLawImport, ReviewFlag
from materials.services import (
    LawImportError,
    confirm_upload,
    hold_upload,
    import_law,
    preview_import,
)
from quizzes.models import Question
from tests.quizzes.fixtures_bank import make_question

from .texts import AMENDED, SAMPLE, numbered_law

# The file cut short in the middle of its last article.
TRUNCATED = SAMPLE.replace("第六条　本规则自公布之日起施行。", "第六条　本规则自公布之日")
TRUNCATED_LINE = TRUNCATED.split("\n").index("第六条　本规则自公布之日") + 1
GAP = SAMPLE.replace("第四条　议题应当写明事由。\n", "")
GAP_LINE = GAP.split("\n").index("第五条　表决实行少数服从多数。") + 1
# A later version of a six-article law with only four articles: its end may be lost.
SHORT_LAW = "某某县议事办法"
IN_FORCE = numbered_law(SHORT_LAW, 2, 3, date="2024-01-01")
FEWER = numbered_law(SHORT_LAW, 2, 2, date="2025-01-01")

CASES = {
    "truncated": (TRUNCATED, "mid_sentence", f"Line {TRUNCATED_LINE}: the last article, 第六条"),
    "gap": (GAP, "numbering_gap", f"Line {GAP_LINE}: 第四条 missing"),
    "fewer": (FEWER, "fewer_articles", "4 articles, fewer than the 6 of the version in force"),
}


@pytest.fixture(autouse=True)
def client_in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def in_force(db):
    return import_law(parsed=parse_law(IN_FORCE)).version


def laws_written():
    """Versions stored besides the one in force that the "fewer" case compares with."""
    return LawVersion.objects.exclude(title=SHORT_LAW, effective_date="2024-01-01").count()


def run(*args):
    out = io.StringIO()
    call_command("import_law", *args, stdout=out)
    return out.getvalue()


def upload(client, text, name="law.md"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/markdown")
    response = client.post("/admin/laws/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


@pytest.mark.parametrize("case", CASES)
def test_each_damage_gives_its_warning(in_force, case):
    text, code, _message = CASES[case]
    preview = preview_import(parsed=parse_law(text))
    assert code in [warning.code for warning in preview.warnings]


def test_a_whole_text_has_no_warnings(in_force):
    assert preview_import(parsed=parse_law(SAMPLE)).warnings == []
    assert preview_import(parsed=parse_law(AMENDED)).warnings == []


def test_an_older_shorter_version_imported_late_is_no_damage(db):
    import_law(parsed=parse_law(FEWER))  # in force from 2025, four articles

    older = preview_import(parsed=parse_law(IN_FORCE))  # 2024, six articles
    assert older.warnings == []
    newer = preview_import(parsed=parse_law(FEWER.replace("2025年", "2026年")))
    assert newer.warnings == []  # as many as in force
    shorter = numbered_law(SHORT_LAW, 1, 3, date="2026-01-01")
    assert [w.code for w in preview_import(parsed=parse_law(shorter)).warnings] == [
        "fewer_articles"
    ]


def test_a_quote_may_close_the_last_sentence(db):
    text = SAMPLE.replace("本规则自公布之日起施行。", "本规则称“村务”，指村中事务。”")
    assert preview_import(parsed=parse_law(text)).warnings == []


@pytest.mark.parametrize("case", CASES)
def test_command_prints_the_preview_and_refuses_a_warning(in_force, tmp_path, case, capsys):
    text, _code, message = CASES[case]
    path = tmp_path / "law.md"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()

    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_law", str(path), stdout=out)

    printed = out.getvalue()
    assert "chapters" in printed and "first article: 第一条" in printed
    assert message[0].lower() + message[1:] in printed
    assert laws_written() == 0

    assert "imported:" in run(str(path), "--accept-warnings")
    assert laws_written() == 1


def test_command_preview_shows_counts_and_both_ends(db, tmp_path):
    path = tmp_path / "rules.md"
    path.write_text(SAMPLE, encoding="utf-8")
    printed = run(str(path))
    assert "3 chapters, 2 sections, 6 articles" in printed
    assert "first article: 第一条\n      为了规范村务议事，制定本规则。" in printed
    assert "last article: 第六条\n      本规则自公布之日起施行。" in printed
    assert "no warnings" in printed


def test_preview_page_shows_what_would_be_imported(client, editor, django_assert_max_num_queries):
    client.force_login(editor)
    location = upload(client, SAMPLE, "rules.md")
    assert not LawVersion.objects.exists()

    with django_assert_max_num_queries(16):  # 13 of them the admin's: session, permissions, menu
        page = client.get(location)

    html = page.content.decode()
    assert "某某县村务议事规则" in html and "rules.md" in html
    assert "3 chapters, 2 sections, 6 articles" in html
    assert "为了规范村务议事，制定本规则。" in html and "本规则自公布之日起施行。" in html
    assert "2024-06-30" in html and "No warnings" in html
    assert "accept_warnings" not in html  # nothing to confirm but the button
    assert not LawVersion.objects.exists()


def test_preview_queries_do_not_grow_with_the_law(client, editor, django_assert_max_num_queries):
    """A new version of a law in the library, 300 articles long, previewed as cheaply."""
    import_law(parsed=parse_law(numbered_law("大法", 10, 30, date="2020-01-01")))
    client.force_login(editor)
    location = upload(client, numbered_law("大法", 10, 30, date="2024-01-01"))

    with django_assert_max_num_queries(18):  # + the version in force, its size, the same date
        page = client.get(location)

    assert "10 chapters, 0 sections, 300 articles" in page.content.decode()


@pytest.mark.parametrize("case", CASES)
def test_admin_needs_the_box_ticked_to_import_a_warning(client, editor, in_force, case):
    text, _code, message = CASES[case]
    client.force_login(editor)
    location = upload(client, text)

    page = client.get(location).content.decode()
    assert message in page and "I have read the warnings; import anyway" in page

    refused = client.post(location)
    assert refused.status_code == 200
    assert "Tick the box" in refused.content.decode()
    assert laws_written() == 0

    accepted = client.post(location, {"accept_warnings": "on"})
    assert accepted.status_code == 302
    assert laws_written() == 1
    assert not PendingLawImport.objects.exists()


def test_another_editor_cannot_see_or_confirm_an_upload(client, editor):
    other = UserFactory(name="另一位编辑", mobile="13700000009")
    grant_role(user=other, kind=StaffRole.Kind.EDITOR)
    client.force_login(editor)
    location = upload(client, SAMPLE)

    client.force_login(other)
    assert client.get(location).status_code == 404
    assert client.post(location).status_code == 404
    assert not LawVersion.objects.exists()
    assert PendingLawImport.objects.count() == 1


def test_an_expired_upload_is_refused_and_cleared(client, editor):
    client.force_login(editor)
    location = upload(client, SAMPLE)
    PendingLawImport.objects.update(created_at=timezone.now() - timedelta(hours=25))

    response = client.post(location, follow=True)

    assert response.redirect_chain[-1][0] == "/admin/laws/import/"
    assert "This upload has expired" in response.content.decode()
    assert not LawVersion.objects.exists()
    assert not PendingLawImport.objects.exists()


def test_the_service_refuses_an_expired_upload_too(editor):
    pending = hold_upload(
        user=editor,
        file_name="rules.md",
        content=SAMPLE.encode(),
        effective_date=None,
        short_name="",
    )
    PendingLawImport.objects.update(created_at=timezone.now() - timedelta(hours=25))
    pending.refresh_from_db()

    with pytest.raises(LawImportError, match="expired"):
        confirm_upload(pending=pending, accept_warnings=True)
    assert not LawVersion.objects.exists()


def test_a_new_upload_clears_expired_ones(client, editor):
    client.force_login(editor)
    upload(client, SAMPLE)
    PendingLawImport.objects.update(created_at=timezone.now() - timedelta(hours=25))
    upload(client, AMENDED)
    assert PendingLawImport.objects.count() == 1


def test_an_unreadable_file_is_not_held(client, editor):
    client.force_login(editor)
    file = SimpleUploadedFile("bad.md", SAMPLE.replace("第四条", "第七条").encode())
    response = client.post("/admin/laws/import/", {"file": file})
    assert response.status_code == 200 and "Nothing was imported" in response.content.decode()
    assert not PendingLawImport.objects.exists()


def test_a_conflicting_text_is_shown_without_an_import_button(client, editor):
    import_law(parsed=parse_law(SAMPLE))
    client.force_login(editor)
    location = upload(client, SAMPLE.replace("制定本规则。", "特制定本规则。"))

    page = client.get(location).content.decode()
    assert "already has a different text in force from 2024-06-30" in page
    assert "button-longrunning" not in page

    refused = client.post(location)
    assert "already has a different text" in refused.content.decode()
    assert LawVersion.objects.count() == 1


# Deleting a version ----------------------------------------------------------------------------

# A third version that rewords 第一条 again: a question citing it is flagged by both.
THIRD = AMENDED.replace("2025年1月1日", "2026年1月1日").replace("保障村民参与", "保障村民依法参与")


@pytest.fixture
def flagged(db):
    law = import_law(parsed=parse_law(SAMPLE)).version.law
    questions = {
        "by_import": make_question("第四条", cites=[(law, 4)]),
        "by_hand": make_question(
            "手工", cites=[(law, 4)], status=Question.Status.NEEDS_REVIEW, review_reason="请核对"
        ),
        "by_both": make_question("第一条", cites=[(law, 1)]),
        "handled": make_question("已处理", cites=[(law, 3)]),
    }
    amended = import_law(parsed=parse_law(AMENDED)).version
    Question.objects.filter(pk=questions["handled"].pk).update(
        status=Question.Status.READY, review_reason=""
    )  # an editor has reviewed it since
    return amended, questions


def state(question):
    question = Question.objects.get(pk=question.pk)
    return question.status, question.review_reason.splitlines()


def test_deleting_a_version_takes_back_its_flags_only(client, editor, flagged):
    amended, questions = flagged
    third = import_law(parsed=parse_law(THIRD)).version
    by_both_reasons = state(questions["by_both"])[1]
    assert len(by_both_reasons) == 2
    client.force_login(editor)

    response = client.post(f"/admin/law_versions/delete/{third.pk}/")
    assert response.status_code == 302
    assert state(questions["by_both"]) == (Question.Status.NEEDS_REVIEW, by_both_reasons[:1])

    client.post(f"/admin/law_versions/delete/{amended.pk}/")

    assert state(questions["by_import"]) == (Question.Status.READY, [])
    assert state(questions["by_both"]) == (Question.Status.READY, [])
    assert state(questions["by_hand"]) == (Question.Status.NEEDS_REVIEW, ["请核对"])
    assert state(questions["handled"]) == (Question.Status.READY, [])
    assert not ReviewFlag.objects.exists()
    assert LawVersion.objects.count() == 1


def test_the_delete_confirmation_says_what_it_takes_back(client, editor, flagged):
    amended, _questions = flagged
    client.force_login(editor)

    page = client.get(f"/admin/law_versions/delete/{amended.pk}/").content.decode()

    assert "Its import sent 4 questions to review" in page
    assert "unless another version or an editor also sent it to review" in page
    assert "The law page stays" in page
    done = client.post(f"/admin/law_versions/delete/{amended.pk}/", follow=True)
    assert "2 questions it had sent to review are back in use" in done.content.decode()


def test_the_official_texts_import_without_warnings(db, shared_laws):
    """Whole texts, each version imported in turn as an editor would, oldest first: no check
    cries wolf (the 2025 代表法 has more articles than the 2015 one in force before it)."""
    from materials.demo import import_law_folder

    results = import_law_folder(shared_laws)
    assert len(results) == 3 and all(result.created for result in results)

"""A deputy writes a suggestion on a phone: the text saves itself (through a lost connection
too), the checker sends it back, the deputy fixes it, checks again, submits and reads the
revision. And two tabs on one draft: the older one is told, not allowed to overwrite."""

import pytest

from deputies.factories import DeputyFactory
from proposals.factories import GOOD, VAGUE, ExerciseFactory
from proposals.models import Draft, Revision

from .browser import DESKTOP, PHONE, assert_fits, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "write-pass-2026"
SAVED = "() => document.querySelector('[data-save-status]').textContent.startsWith('Saved')"


@pytest.fixture
def deputy():
    return DeputyFactory(user__mobile="13600000012", user__name="写作代表", user__password=PASSWORD)


def write(page, parts):
    for name, text in parts.items():
        page.fill(f"textarea[name={name}]", text)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_write_check_fix_and_submit_a_suggestion(new_page, screenshot, deputy, size):
    exercise = ExerciseFactory()
    page = new_page(PHONE if size == "phone" else DESKTOP, "en")
    sign_in(page, "13600000012", PASSWORD)

    page.goto("/proposals/")
    with page.expect_navigation():
        page.get_by_role("link", name=exercise.title).click()
    assert "What a suggestion needs" in page.locator("main").inner_text()
    page.get_by_role("button", name="Start writing").click()
    page.wait_for_url("**/drafts/*/")

    write(page, VAGUE)
    page.wait_for_function(SAVED)
    assert Draft.objects.get().parts == VAGUE
    assert_fits(page)

    # The connection drops while the deputy writes: the text is kept and sent when it returns.
    page.context.set_offline(True)
    page.fill("textarea[name=problem]", VAGUE["problem"] + "已经半年了。")
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('Not saved')"
    )
    page.context.set_offline(False)
    page.wait_for_function(SAVED, timeout=15000)
    assert Draft.objects.get().parts["problem"].endswith("已经半年了。")

    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**?check=1#report")
    report = page.locator("#report").inner_text()
    assert "things must be fixed" in report
    measures = page.locator("#part-measures").inner_text()
    assert "具体可行" in measures and "希望有关部门高度重视，尽快解决" in measures
    assert_fits(page)
    screenshot(page, f"proposal-check-{size}-en")

    write(page, GOOD)
    assert page.locator("[data-report-stale]").is_visible()
    page.wait_for_function(SAVED)
    page.get_by_role("button", name="Check").click()
    page.wait_for_url("**?check=1#report")
    assert "Passes the checker" in page.locator("#report").inner_text()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/revisions/1/")
    main = page.locator("main").inner_text()
    assert "Revision 1" in main and "Passes the checker" in main
    assert GOOD["measures"] in main
    assert_fits(page)
    screenshot(page, f"proposal-revision-{size}-en")
    revision = Revision.objects.get()
    assert revision.parts == GOOD and revision.passed
    assert Draft.objects.get().status == Draft.Status.SUBMITTED

    page.goto(f"/proposals/drafts/{revision.draft_id}/")
    assert page.locator("textarea").count() == 0


def test_a_second_tab_is_told_instead_of_overwriting(new_page, deputy):
    exercise = ExerciseFactory()
    first = new_page(DESKTOP, "en")
    sign_in(first, "13600000012", PASSWORD)
    first.goto(f"/proposals/exercises/{exercise.pk}/")
    first.get_by_role("button", name="Start writing").click()
    first.wait_for_url("**/drafts/*/")
    second = first.context.new_page()
    second.goto(first.url)

    second.fill("textarea[name=title]", "第二个标签页写的标题")
    second.wait_for_function(SAVED)
    first.fill("textarea[name=title]", "第一个标签页写的标题")
    first.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.includes('another tab')"
    )
    assert Draft.objects.get().parts["title"] == "第二个标签页写的标题"

    # Reloaded, the first tab offers the text it kept; the deputy chooses it.
    first.reload()
    first.get_by_role("button", name="Use the text from this device").click()
    first.wait_for_function(SAVED)
    assert Draft.objects.get().parts["title"] == "第一个标签页写的标题"


def test_staff_return_a_draft_and_the_deputy_reads_the_comments_on_a_phone(
    new_page, screenshot, deputy
):
    from deputies.factories import UserFactory
    from deputies.models import StaffRole
    from deputies.services import grant_role
    from proposals.services import start_draft, submit_draft

    clerk = UserFactory(mobile="13700000012", name="站务员")
    clerk.set_password(PASSWORD)
    clerk.save()
    grant_role(user=clerk, kind=StaffRole.Kind.STATION, place=deputy.station)
    draft = start_draft(deputy=deputy, exercise=ExerciseFactory())
    submit_draft(draft=draft, parts=VAGUE, saved_version=draft.saved_version)

    staff = new_page(DESKTOP, "en")
    sign_in(staff, "13700000012", PASSWORD)
    staff.goto("/proposals/review/")
    assert "Waiting (1)" in staff.locator("main").inner_text()
    with staff.expect_navigation():
        staff.get_by_role("link", name=VAGUE["title"]).click()
    staff.fill("textarea[name=comment_measures]", "写清由哪个单位、在什么时候前修好。")
    staff.select_option("select[name=score_concrete]", "1")
    with staff.expect_navigation():
        staff.get_by_role("button", name="Return for changes").click()
    assert "Returned to 写作代表 for changes." in staff.locator("main").inner_text()
    assert_fits(staff)

    page = new_page(PHONE, "zh-hans")
    sign_in(page, "13600000012", PASSWORD)
    page.goto(f"/proposals/drafts/{draft.pk}/")
    measures = page.locator("#part-measures").inner_text()
    assert "审阅意见" in measures and "写清由哪个单位、在什么时候前修好。" in measures
    # The checker's findings on the returned revision sit beside the comment.
    assert "具体可行" in measures
    assert page.locator("textarea[name=measures]").is_editable()
    assert_fits(page)
    screenshot(page, "proposal-returned-phone-zh")

    write(page, GOOD)
    page.wait_for_function(
        "() => document.querySelector('[data-save-status]').textContent.startsWith('已保存')"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/revisions/2/")
    assert Draft.objects.get().status == Draft.Status.SUBMITTED

import logging
import smtplib

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.db import transaction

from deputies.models import User
from notifications import selectors, services
from notifications.models import Notification
from notifications.services import mark_read, notify


def test_notify_creates_one_per_user(deputy, other_station_deputy):
    created = notify(
        [deputy.user, other_station_deputy.user],
        title="集中学习改期",
        body="本周四的集中学习改到周五上午九点。",
        url="/study/3/",
    )
    assert created == 2
    for user in (deputy.user, other_station_deputy.user):
        notification = Notification.objects.get(user=user)
        assert notification.title == "集中学习改期"
        assert notification.url == "/study/3/"
        assert notification.is_unread


def test_notify_takes_a_queryset_and_counts_each_user_once(deputy, other_station_deputy):
    users = User.objects.filter(pk__in=[deputy.user.pk, other_station_deputy.user.pk])
    assert notify(users, title="通知") == 2
    assert notify([deputy.user, deputy.user], title="再次通知") == 1
    assert Notification.objects.filter(user=deputy.user).count() == 2


def test_notify_nobody_creates_nothing(db):
    assert notify(User.objects.none(), title="通知") == 0
    assert not Notification.objects.exists()


def test_notify_with_a_key_is_idempotent_per_user(deputy, other_station_deputy):
    key = "session-reminder:7"
    assert notify([deputy.user], title="明天集中学习", key=key) == 1
    # The hourly reminder runs again, now with a newly invited deputy.
    assert notify([deputy.user, other_station_deputy.user], title="明天集中学习", key=key) == 1
    assert notify([deputy.user, other_station_deputy.user], title="明天集中学习", key=key) == 0
    assert Notification.objects.filter(key=key).count() == 2
    assert Notification.objects.filter(user=deputy.user).count() == 1
    # Another key, or none, is another notification.
    assert notify([deputy.user], title="明天集中学习", key="session-reminder:8") == 1
    assert notify([deputy.user], title="无键通知") == 1
    assert notify([deputy.user], title="无键通知") == 1
    assert Notification.objects.filter(user=deputy.user).count() == 4


def test_racing_senders_of_one_key_make_one_notification(
    deputy, staff_with_email, mail_on, monkeypatch, django_capture_on_commit_callbacks
):
    """Two processes that both looked before either inserted: the unique constraint keeps one
    row, the loser counts nothing and e-mails nobody."""
    key = "session-changed:5"
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([deputy.user, staff_with_email], title="变更", key=key) == 2
    assert len(mail.outbox) == 1
    monkeypatch.setattr(services, "already_notified", lambda user_ids, key: set())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify([deputy.user, staff_with_email], title="变更", key=key) == 0
    assert callbacks == []
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(key=key).count() == 2


def test_unique_constraint_drops_a_second_insert_of_the_same_key(deputy):
    def insert():
        Notification.objects.bulk_create(
            [Notification(user=deputy.user, title="提醒", key="session-reminder:1")],
            ignore_conflicts=True,
        )

    insert()
    insert()
    assert Notification.objects.filter(user=deputy.user).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example",
        "https://evil.example/notifications/",
        "//evil.example/x",
        "/\\evil.example",
        "javascript:alert(1)",
        "study/3/",
        "/study/3/\nLocation: https://evil.example",
    ],
)
def test_a_link_off_the_site_is_refused(deputy, url):
    with pytest.raises(ValidationError):
        notify([deputy.user], title="钓鱼", url=url)
    assert not Notification.objects.exists()
    with pytest.raises(ValidationError):
        Notification(user=deputy.user, title="钓鱼", url=url).full_clean()


def test_title_is_validated_before_anything_is_written(deputy):
    with pytest.raises(ValidationError):
        notify([deputy.user], title="")
    with pytest.raises(ValidationError):
        notify([deputy.user], title="长" * 201)
    assert not Notification.objects.exists()


def test_email_is_sent_after_commit_to_users_with_an_address(
    deputy, staff_with_email, mail_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            [deputy.user, staff_with_email],
            title="集中学习\n改期",
            body="改到周五上午九点。",
            url="/study/3/",
        )
    assert mail.outbox == []  # nothing leaves before the transaction commits
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1  # the deputy has no e-mail address
    message = mail.outbox[0]
    notification = Notification.objects.get(user=staff_with_email)
    assert message.to == ["zhanwu@example.gov.cn"]
    assert message.subject == "集中学习 改期"
    assert "改到周五上午九点。" in message.body
    assert f"https://daibiao.example.gov.cn/notifications/{notification.pk}/open/" in message.body


def test_no_email_when_the_setting_is_off(
    staff_with_email, mail_off, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert notify([staff_with_email], title="通知") == 1
    assert callbacks == []
    assert mail.outbox == []


def test_no_email_for_inactive_users(staff_with_email, mail_on, django_capture_on_commit_callbacks):
    staff_with_email.is_active = False
    staff_with_email.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify([staff_with_email], title="通知")
    assert mail.outbox == []


def test_rolled_back_notify_sends_nothing(
    staff_with_email, mail_on, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify([staff_with_email], title="通知")
        raise RuntimeError("the caller's save failed")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_failing_mail_server_does_not_fail_the_caller(
    staff_with_email, mail_on, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="notifications.services"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert notify([staff_with_email], title="通知") == 1
    assert Notification.objects.filter(user=staff_with_email).exists()
    assert "Could not send 1 notification e-mails" in caplog.text


def test_a_failing_queue_does_not_fail_the_caller(
    staff_with_email, mail_on, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from notifications.tasks import send_emails_task

    def broken(*args, **kwargs):
        raise ConnectionError("queue down")

    monkeypatch.setattr(type(send_emails_task), "enqueue", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify([staff_with_email], title="通知") == 1
    assert "Could not queue e-mail" in caplog.text


def test_mark_read_all_or_some_and_only_ones_own(deputy, other_station_deputy):
    notify([deputy.user, other_station_deputy.user], title="一")
    notify([deputy.user, other_station_deputy.user], title="二")
    notify([deputy.user], title="三")
    mine = list(Notification.objects.filter(user=deputy.user).order_by("pk"))
    theirs = Notification.objects.filter(user=other_station_deputy.user).first()
    assert mark_read(deputy.user, [mine[0].pk, theirs.pk]) == 1
    assert selectors.unread_count(deputy.user) == 2
    assert selectors.unread_count(other_station_deputy.user) == 2
    assert mark_read(deputy.user) == 2
    assert mark_read(deputy.user) == 0
    assert selectors.unread_count(deputy.user) == 0
    assert selectors.unread_count(other_station_deputy.user) == 2


def test_recent_is_newest_first_and_limited(deputy, other_station_deputy):
    for number in range(5):
        notify([deputy.user], title=f"第{number}条")
    notify([other_station_deputy.user], title="别人的")
    titles = [n.title for n in selectors.recent(deputy.user, limit=3)]
    assert titles == ["第4条", "第3条", "第2条"]

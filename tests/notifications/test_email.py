"""The e-mail of a reminder: language, HTML and text, attachment, retries, never twice."""

import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from accounts.access import Role
from accounts.models import Profile
from notifications import services
from notifications.models import Notification, ReminderDelivery
from notifications.tasks import reminder_email_task
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_email_has_html_and_text_in_the_recipients_language(run, fake_kind, settings):
    settings.LANGUAGE_CODE = "en"
    wang = UserFactory(username="wang", role=Role.TEACHER)
    Profile.objects.filter(user=wang).update(language="zh-hans")
    tom = UserFactory(username="tom", role=Role.TEACHER)
    code = fake_kind([(wang, wang, "7d"), (tom, tom, "7d")])
    run(kinds=[code])
    by_user = {m.to[0]: m for m in mail.outbox}
    chinese, english = by_user[wang.email], by_user[tom.email]
    assert "您好" in chinese.body and "校企合作办公室" in chinese.body
    html, mimetype = chinese.alternatives[0]
    assert mimetype == "text/html" and '<html lang="zh-hans">' in html and "您好" in html
    assert chinese.extra_headers["Content-Language"] == "zh-hans"
    assert "Hello tom," in english.body and "http://" in english.body
    assert english.extra_headers["Content-Language"] == "en"


def test_without_a_language_the_site_default_is_used(run, fake_kind, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    tom = UserFactory(username="tom", role=Role.TEACHER)
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    [message] = mail.outbox
    assert "您好" in message.body


def test_a_reminder_subject_is_rendered_in_the_recipients_language(run, settings, alice):
    import datetime as dt

    from tests.notifications.conftest import TODAY
    from tests.notifications.factories import planned_placement

    settings.LANGUAGE_CODE = "en"
    Profile.objects.filter(user=alice).update(language="zh-hans")
    planned_placement(starts_on=TODAY + dt.timedelta(days=3), insurance_policy="")
    run(kinds=["placement_unprepared"])
    [notification] = Notification.objects.filter(recipient=alice)
    assert notification.subject.startswith("实习将于")
    assert "实习责任保险未覆盖整个实习期" in notification.body
    [message] = mail.outbox
    assert message.subject == notification.subject


def test_an_attachment_builder_adds_its_file(run, fake_kind):
    tom = UserFactory(role=Role.TEACHER)
    code = fake_kind(
        [(tom, tom, "7d")],
        attach=lambda obj: ("invite.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar"),
    )
    run(kinds=[code])
    [message] = mail.outbox
    [(name, content, mimetype)] = message.attachments
    assert name == "invite.ics" and mimetype == "text/calendar"


class FlakyBackend(EmailBackend):
    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise smtplib.SMTPServerDisconnected("connection lost")
        return super().send_messages(messages)


def test_a_failed_email_is_retried_and_sent_once(run, fake_kind, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_email.FlakyBackend"
    FlakyBackend.failures = 2
    tom = UserFactory(role=Role.TEACHER)
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    assert len(mail.outbox) == 1
    delivery = ReminderDelivery.objects.get()
    assert delivery.status == "sent" and delivery.attempts == 3 and delivery.last_error == ""


def test_an_email_that_keeps_failing_is_marked_failed_and_the_notification_stays(
    run, fake_kind, settings
):
    settings.EMAIL_BACKEND = "tests.notifications.test_email.FlakyBackend"
    FlakyBackend.failures = 100
    tom = UserFactory(role=Role.TEACHER)
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    FlakyBackend.failures = 0
    delivery = ReminderDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 9
    assert "SMTPServerDisconnected" in delivery.last_error
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=tom).count() == 1


def test_the_email_task_given_twice_sends_once(run, fake_kind):
    tom = UserFactory(role=Role.TEACHER)
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    delivery = ReminderDelivery.objects.get()
    assert reminder_email_task.delay(delivery.pk).get() is False
    assert reminder_email_task.delay(delivery.pk).get() is False
    assert len(mail.outbox) == 1


def test_a_delivery_being_sent_elsewhere_is_not_sent_again(fake_kind, run):
    """The lease: while one worker sends, a duplicate task backs off."""
    tom = UserFactory(role=Role.TEACHER)
    code = fake_kind([(tom, tom, "7d")])
    with mock.patch("notifications.services._queue_reminder_emails"):
        run(kinds=[code])
    delivery = ReminderDelivery.objects.get()
    inner = []

    class ReentrantBackend(EmailBackend):
        def send_messages(self, messages):
            if not inner:
                inner.append(True)
                # A second worker picks up the same delivery mid-send.
                with pytest.raises(services.ReminderEmailBusy):
                    services.reminder_email_send(delivery_id=delivery.pk)
            return super().send_messages(messages)

    with mock.patch("django.core.mail.get_connection", lambda **kw: ReentrantBackend()):
        assert services.reminder_email_send(delivery_id=delivery.pk) is True
    assert len(mail.outbox) == 1
    assert services.reminder_email_send(delivery_id=delivery.pk) is False


def test_emails_lost_before_queueing_are_queued_again_by_the_sweep(fake_kind, run):
    tom = UserFactory(role=Role.TEACHER)
    code = fake_kind([(tom, tom, "7d")])
    with mock.patch("notifications.services._queue_reminder_emails"):
        run(kinds=[code])
    assert mail.outbox == []
    import datetime as dt

    assert services.reminder_emails_requeue(older_than=dt.timedelta(hours=1)) == 0
    assert services.reminder_emails_requeue(older_than=dt.timedelta(0)) == 1
    assert len(mail.outbox) == 1
    assert services.reminder_emails_requeue(older_than=dt.timedelta(0)) == 0


def test_a_user_without_an_address_gets_the_notification_only(run, fake_kind):
    tom = UserFactory(role=Role.TEACHER, email="")
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    assert mail.outbox == []
    assert ReminderDelivery.objects.get().status == "skipped"
    assert Notification.objects.filter(recipient=tom).count() == 1


def test_the_kind_line_of_the_email_is_in_the_recipients_language_too(run, alice):
    import datetime as dt

    from tests.notifications.conftest import TODAY
    from tests.notifications.factories import planned_placement

    Profile.objects.filter(user=alice).update(language="zh-hans")
    planned_placement(starts_on=TODAY + dt.timedelta(days=3), insurance_policy="")
    run(kinds=["placement_unprepared"])
    [message] = mail.outbox
    assert "“实习开始前缺少保险或协议”提醒" in message.body


def test_sending_one_email_costs_three_queries(run, fake_kind, django_assert_num_queries):
    tom = UserFactory(role=Role.TEACHER)
    code = fake_kind([(tom, tom, "7d")])
    with mock.patch("notifications.services._queue_reminder_emails"):
        run(kinds=[code])
    delivery = ReminderDelivery.objects.get()
    # lease (conditional update), the delivery with recipient, profile and
    # notification, then the conditional "sent" update
    with django_assert_num_queries(3):
        services.reminder_email_send(delivery_id=delivery.pk)


def test_an_administrator_sends_failed_emails_again_from_the_admin(
    run, fake_kind, settings, client, alice, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.notifications.test_email.FlakyBackend"
    FlakyBackend.failures = 100
    tom = UserFactory(role=Role.TEACHER)
    run(kinds=[fake_kind([(tom, tom, "7d")])])
    FlakyBackend.failures = 0
    delivery = ReminderDelivery.objects.get(status="failed")
    alice.is_superuser = True
    alice.save(update_fields=["is_superuser"])
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/notifications/reminderdelivery/",
            {"action": "retry_emails", "_selected_action": [delivery.pk]},
        )
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert [m.to for m in mail.outbox] == [[tom.email]]


def test_an_immediate_notification_is_emailed_once_even_if_its_task_runs_twice(
    tom, django_capture_on_commit_callbacks
):
    from notifications.tasks import notification_email_task

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = services.notification_send(
            recipients=[tom], kind="placement_incident", subject="Incident at the plant"
        )
    notification_email_task.delay(notification.pk)
    [message] = mail.outbox
    assert message.subject == "Incident at the plant"
    assert message.alternatives and message.extra_headers["Message-ID"].startswith(
        f"<notification-{notification.pk}@"
    )

"""The mails, over a real SMTP server on the loopback (aiosmtpd): once, with text and HTML,
retried through outages and refusals, never for a dropped notification."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django_tasks_db.models import DBTaskResult

from brobygger.accounts.models import Membership, Role
from brobygger.notifications import tasks
from brobygger.notifications.mail import message_id
from brobygger.notifications.models import Digest, Notification, NotificationPreference
from brobygger.notifications.services import account_security_notify, notify
from brobygger.notifications.testing import run_queued_jobs
from brobygger.notifications.tests.helpers import (
    followups,
    made,
    persona_names,
    with_email,
)

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")
NOW = dt.datetime(2026, 12, 7, 9, tzinfo=OSLO)


@pytest.fixture
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def supervisor(personas):
    return with_email(personas.supervisor, "pia@example.invalid")


def waiting(user, key="timesheets_waiting:1:2026-12-07", **kwargs):
    return notify(
        recipient=user,
        kind="timesheets_waiting",
        key=key,
        count=kwargs.pop("count", 3),
        url="/praksis/timelister/",
        **kwargs,
    )


def test_an_immediate_notification_arrives_once_with_text_and_html(
    personas, supervisor, smtp_server, now, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=supervisor, kind="timesheets_waiting", channel="immediate"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notification = waiting(supervisor)
    assert run_queued_jobs() == 1
    assert run_queued_jobs() == 0

    [mail] = smtp_server.messages
    assert mail.envelope_to == ["pia@example.invalid"]
    assert mail.subject == "Brobygger: Du har 3 timelister som venter på godkjenning"
    assert mail.message["Message-ID"] == message_id(notification.idempotency_key)
    text, html = mail.part("text/plain"), mail.part("text/html")
    assert "Du har 3 timelister som venter på godkjenning" in text
    assert "http://127.0.0.1/praksis/timelister/" in text
    assert 'href="http://127.0.0.1/praksis/timelister/"' in html
    for name in persona_names(personas):
        assert name not in mail.message.as_string()
    notification.refresh_from_db()
    assert notification.emailed_at == now
    assert notification.email_attempts == 1


def test_the_same_key_twice_is_one_notification_and_one_mail(
    supervisor, smtp_server, now, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(
        user=supervisor, kind="timesheets_waiting", channel="immediate"
    )
    with django_capture_on_commit_callbacks(execute=True):
        waiting(supervisor)
        waiting(supervisor)
    run_queued_jobs()
    assert Notification.objects.count() == 1
    assert len(smtp_server.messages) == 1


def test_a_job_run_twice_sends_once(supervisor, smtp_server, now):
    notification = waiting(supervisor)
    assert tasks.send_notification_email.call(notification.pk) == "sent"
    assert tasks.send_notification_email.call(notification.pk) == "already sent"
    assert len(smtp_server.messages) == 1


@pytest.mark.parametrize("failure", ["outage", "refusal"])
def test_when_smtp_fails_the_job_fails_marks_nothing_and_a_retry_delivers_once(
    supervisor, smtp_server, now, failure
):
    notification = waiting(supervisor)
    if failure == "outage":
        smtp_server.stop()
    else:
        smtp_server.refuse = True  # 550 to the recipient
    with pytest.raises(tasks.MailNotAccepted) as raised:
        tasks.send_notification_email.call(notification.pk)
    assert "pia@" not in str(raised.value)  # no address in the job's log or stored error
    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert notification.email_attempts == 1

    smtp_server.start()
    smtp_server.refuse = False
    assert tasks.send_notification_email.call(notification.pk) == "sent"  # the retry
    assert tasks.send_notification_email.call(notification.pk) == "already sent"
    assert len(smtp_server.messages) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_attempts == 2


def test_the_job_runner_retries_through_an_outage(
    supervisor, smtp_server, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(NOW, tick=False)
    NotificationPreference.objects.create(
        user=supervisor, kind="timesheets_waiting", channel="immediate"
    )
    smtp_server.stop()
    with django_capture_on_commit_callbacks(execute=True):
        notification = waiting(supervisor)
    run_queued_jobs()
    notification.refresh_from_db()
    assert notification.emailed_at is None
    smtp_server.start()
    time_machine.move_to(NOW + dt.timedelta(days=1), tick=False)
    run_queued_jobs()
    assert len(smtp_server.messages) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 1


def test_smtp_stopping_mid_run_loses_no_mail_and_sends_none_twice(
    personas, smtp_server, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(NOW, tick=False)
    users = [with_email(u) for u in (personas.coordinator, personas.teacher, personas.supervisor)]
    with django_capture_on_commit_callbacks(execute=True):
        for user in users:
            account_security_notify(user=user, event="password_changed")
    assert run_queued_jobs(stop_after=1) == 1  # the first mail goes out
    smtp_server.stop()  # then the server goes away, mid-run
    assert run_queued_jobs() == 2  # both fail: back in the queue after the backoff
    assert run_queued_jobs() == 0  # not due yet
    assert len(smtp_server.messages) == 1
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 2
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == [
        "READY",
        "READY",
        "SUCCESSFUL",
    ]

    smtp_server.start()
    time_machine.move_to(NOW + dt.timedelta(seconds=31), tick=False)
    assert run_queued_jobs() == 2
    time_machine.move_to(NOW + dt.timedelta(days=1), tick=False)
    assert run_queued_jobs() == 0
    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == sorted(u.email for u in users)
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}


def test_a_recipient_without_an_address_gets_no_mail(personas, smtp_server, now):
    notification = waiting(personas.supervisor)
    assert tasks.send_notification_email.call(notification.pk) == "no address"
    assert smtp_server.messages == []


def test_a_notification_about_a_deleted_object_is_dropped(personas, smtp_server, now, client):
    from brobygger.testing import make_session

    user = with_email(personas.teacher)
    session = make_session(personas.cohort, teacher=user)
    notification = made(
        notify(recipient=user, kind="attendance_not_taken", key="a:1", url="/", target=session)
    )
    session.delete()
    assert tasks.send_notification_email.call(notification.pk) == "dropped"
    assert smtp_server.messages == []
    client.force_login(user)
    assert list(client.get("/varsler/").context["page"].object_list) == []


def test_a_notification_for_a_role_the_recipient_lost_is_dropped(
    personas, smtp_server, now, client
):
    user = with_email(personas.coordinator)
    notification = followups(user, role=Role.COORDINATOR, organisation_id=personas.bergen.pk)
    kept = followups(user, key="k2")  # no scope: stays
    Membership.objects.filter(user=user, role=Role.COORDINATOR).update(ends_on=now.date())
    assert tasks.send_notification_email.call(notification.pk) == "dropped"
    assert smtp_server.messages == []
    Membership.objects.create(user=user, role=Role.TEACHER, organisation=personas.bergen)
    client.force_login(user)
    assert list(client.get("/varsler/").context["page"].object_list) == [kept]


def test_the_digest_is_one_mail_per_user_and_day_however_often_it_runs(personas, smtp_server, now):
    pia = with_email(personas.supervisor, "pia@example.invalid")
    kora = with_email(personas.coordinator, "kora@example.invalid")
    waiting(pia, key="t:1")
    followups(kora, key="f:1")
    followups(kora, key="f:2", kind="absence_warning", count=1)
    seen = followups(kora, key="f:3", kind="agreement_ending")
    Notification.objects.filter(pk=seen.pk).update(read_at=now)  # read in the app: not mailed
    NotificationPreference.objects.create(user=kora, kind="contact_message", channel="in_app")
    notify(recipient=kora, kind="contact_message", key="c:1")  # in-app only: never mailed

    tasks.send_digests.enqueue()
    run_queued_jobs()
    tasks.send_digests.enqueue()
    run_queued_jobs()

    assert sorted(m.envelope_to[0] for m in smtp_server.messages) == [
        "kora@example.invalid",
        "pia@example.invalid",
    ]
    mail = next(m for m in smtp_server.messages if m.envelope_to == ["kora@example.invalid"])
    assert mail.subject == "Brobygger: dagens sammendrag"
    text = mail.part("text/plain")
    assert "Du har 3 oppfølginger som skal gjøres" in text
    assert "Du har 1 nytt varsel om fravær" in text
    assert "avtale" not in text and "henvendelse" not in text
    assert "<li>" in mail.part("text/html")
    assert Digest.objects.filter(sent_at__isnull=False).count() == 2
    assert not Notification.objects.filter(channel="digest", emailed_at__isnull=True, read_at=None)

    # Later the same day: tomorrow's digest takes it.
    followups(kora, key="f:4")
    tasks.send_digests.call()
    run_queued_jobs()
    assert len(smtp_server.messages) == 2
    tasks.send_digests.call(day="2026-12-08")
    run_queued_jobs()
    assert len(smtp_server.messages) == 3


def test_a_failed_digest_is_sent_on_the_next_try(personas, smtp_server, now):
    kora = with_email(personas.coordinator)
    followups(kora)
    smtp_server.stop()
    with pytest.raises(tasks.MailNotAccepted):
        tasks.send_digest_email.call(kora.pk, "2026-12-07")
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
    smtp_server.start()
    tasks.send_digests.call()
    run_queued_jobs()
    assert len(smtp_server.messages) == 1


def test_prune_removes_only_notifications_older_than_90_days(personas, now):
    old = followups(personas.coordinator, key="old")
    edge = followups(personas.coordinator, key="edge")
    Notification.objects.filter(pk=old.pk).update(created_at=now - dt.timedelta(days=91))
    Notification.objects.filter(pk=edge.pk).update(created_at=now - dt.timedelta(days=89))
    assert tasks.prune_notifications.call() == 1
    assert list(Notification.objects.all()) == [edge]

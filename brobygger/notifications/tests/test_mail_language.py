"""Notification mails are written in the recipient's language (ADR 0021): their own choice,
else the site's language, whatever language the job happens to run under."""

import pytest
from django.utils import translation

from brobygger.notifications import mail
from brobygger.notifications.services import notify
from brobygger.notifications.tests.helpers import made, with_email

pytestmark = pytest.mark.django_db


def _followups(user, key="f:1"):
    return made(notify(recipient=user, kind="followups_due", key=key, count=2, url="/x/"))


def test_a_recipient_who_chose_english_gets_the_english_mail(personas):
    user = with_email(personas.coordinator)
    user.language = "en"
    user.save(update_fields=["language"])
    message = mail.notification_email(_followups(user))
    assert message.subject == "Brobygger: You have 2 follow-ups to do"
    assert message.body.startswith("Hello,")
    assert message.extra_headers["Content-Language"] == "en"
    html = str(message.alternatives[0][0])
    assert '<html lang="en">' in html and "You have 2 follow-ups to do" in html


def test_a_recipient_without_a_choice_gets_bokmal_even_from_a_job_running_in_english(personas):
    user = with_email(personas.coordinator)
    assert user.language == ""
    with translation.override("en"):
        message = mail.notification_email(_followups(user))
        digest = mail.digest_email(
            user=user, day=message_day(), notifications=[_followups(user, "f:2")]
        )
    assert message.subject == "Brobygger: Du har 2 oppfølginger som skal gjøres"
    assert message.extra_headers["Content-Language"] == "nb"
    assert '<html lang="nb">' in str(message.alternatives[0][0])
    assert digest.extra_headers["Content-Language"] == "nb"
    assert "Du har 2 oppfølginger som skal gjøres" in digest.body


def test_the_digest_follows_the_recipient_s_choice_too(personas):
    user = with_email(personas.coordinator)
    user.language = "en"
    user.save(update_fields=["language"])
    digest = mail.digest_email(user=user, day=message_day(), notifications=[_followups(user)])
    assert digest.extra_headers["Content-Language"] == "en"
    assert "You have 2 follow-ups to do" in digest.body


def message_day():
    import datetime as dt

    return dt.date(2026, 12, 3)


def test_the_mail_job_sends_it_in_the_recipient_s_language(personas, mailoutbox):
    from brobygger.notifications import tasks

    user = with_email(personas.coordinator)
    user.language = "en"
    user.save(update_fields=["language"])
    notification = _followups(user)
    with translation.override("nb"):
        assert tasks.send_notification_email.call(notification.pk) == "sent"
    (message,) = mailoutbox
    assert message.subject == "Brobygger: You have 2 follow-ups to do"
    assert message.extra_headers["Content-Language"] == "en"

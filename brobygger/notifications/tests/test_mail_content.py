"""E-mail is not a secure channel: no mail of any kind names a person; a count and a link only."""

import pytest
from django.core import mail as outbox

from brobygger.notifications import mail
from brobygger.notifications.kinds import KINDS
from brobygger.notifications.models import Notification
from brobygger.notifications.services import notify
from brobygger.notifications.tests.helpers import made, persona_names, with_email

pytestmark = pytest.mark.django_db


def _whole(message) -> str:
    return (
        message.message().as_string()
        + message.body
        + "".join(str(content) for content, _type in message.alternatives)
    )


@pytest.mark.parametrize("count", [1, 4])
def test_no_kind_s_mail_names_anyone(personas, count):
    names = persona_names(personas)
    assert {"Dina", "Dag", "Kora", "Pia", "Siri"} <= names
    recipient = with_email(personas.participant_user)
    created = []
    for code in KINDS:
        created.append(
            made(
                notify(
                    recipient=recipient,
                    kind=code,
                    key=f"{code}:{count}",
                    count=count,
                    url="/",
                    target=personas.enrolment,
                )
            )
        )
    messages = [mail.notification_email(n) for n in created]
    messages.append(
        mail.digest_email(user=recipient, day=created[0].created_at.date(), notifications=created)
    )
    for message in messages:
        text = _whole(message)
        assert message.alternatives and message.alternatives[0][1] == "text/html"
        for name in names:
            assert name not in text, (message.subject, name)


def test_every_kind_says_its_count_in_singular_and_plural():
    for code, kind in KINDS.items():
        one, many = kind.text(1), kind.text(3)
        assert "1" in one and "3" in many and one != many.replace("3", "1"), code


def test_the_mail_is_in_the_site_language_and_carries_a_message_id_from_the_key(personas, settings):
    user = with_email(personas.coordinator)
    n = made(notify(recipient=user, kind="followups_due", key="f:1", count=2, url="/x/"))
    message = mail.notification_email(n)
    assert message.subject == "Brobygger: Du har 2 oppfølginger som skal gjøres"
    assert message.extra_headers["Message-ID"] == mail.message_id("f:1")
    assert mail.message_id("f:1") != mail.message_id("f:2")
    assert message.to == [user.email]
    message.send()
    assert len(outbox.outbox) == 1
    assert Notification.objects.get().emailed_at is None  # only the job marks it


def test_links_go_to_the_configured_address(personas, settings):
    settings.BROBYGGER_BASE_URL = "https://brobygger.example.no/"
    user = with_email(personas.coordinator)
    n = made(notify(recipient=user, kind="followups_due", key="f:1", url="/oppfolging/"))
    assert "https://brobygger.example.no/oppfolging/" in mail.notification_email(n).body

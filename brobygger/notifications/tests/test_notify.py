"""notify(): once per key, the channel from the preference, in-app only without an address."""

import pytest
from allauth.account.signals import password_changed, password_reset
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from brobygger.accounts.models import Role
from brobygger.notifications import services
from brobygger.notifications.kinds import KINDS, Channel
from brobygger.notifications.models import Notification, NotificationPreference
from brobygger.notifications.services import notify
from brobygger.notifications.tests.helpers import followups, made, with_email

pytestmark = pytest.mark.django_db


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def mail_jobs():
    return DBTaskResult.objects.filter(task_path__endswith="send_notification_email")


def test_the_kinds_are_exactly_the_ones_the_reminders_use():
    from brobygger.notifications.reminders.base import KINDS as REMINDER_KINDS

    assert set(KINDS) == set(REMINDER_KINDS) | {"account_security"}
    assert [code for code, kind in KINDS.items() if kind.mandatory] == ["account_security"]


def test_it_makes_one_notification_per_key(personas, django_capture_on_commit_callbacks):
    user = with_email(personas.coordinator)
    NotificationPreference.objects.create(user=user, kind="followups_due", channel="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        first = followups(user)
        second = followups(user, count=5)
    assert first is not None and first.count == 3 and first.channel == Channel.IMMEDIATE
    assert second is None
    assert Notification.objects.count() == 1
    assert mail_jobs().count() == 1


def test_a_racing_second_insert_is_caught_by_the_unique_key(personas, monkeypatch):
    user = with_email(personas.coordinator)
    followups(user)
    # The other process's row arrived between our check and our insert.
    monkeypatch.setattr(services, "_taken", lambda key: False)
    assert followups(user) is None
    assert Notification.objects.count() == 1


def test_another_integrity_error_is_not_swallowed(personas, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("something else")

    monkeypatch.setattr(Notification, "save", broken_save)
    with pytest.raises(IntegrityError):
        followups(personas.coordinator)


def test_the_mail_is_queued_only_when_the_transaction_commits(
    personas, django_capture_on_commit_callbacks
):
    user = with_email(personas.participant_user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(recipient=user, kind="assessment_ready", key="a:1", url="/")
        assert mail_jobs().count() == 0
    assert len(callbacks) == 1


def test_a_digest_preference_queues_no_mail_now(personas, django_capture_on_commit_callbacks):
    user = with_email(personas.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        notification = followups(user)  # digest is the kind's default
    assert notification.channel == Channel.DIGEST
    assert mail_jobs().count() == 0


def test_in_app_only_queues_nothing(personas, django_capture_on_commit_callbacks):
    user = with_email(personas.coordinator)
    NotificationPreference.objects.create(user=user, kind="followups_due", channel="in_app")
    with django_capture_on_commit_callbacks(execute=True):
        assert followups(user).channel == Channel.IN_APP
    assert mail_jobs().count() == 0


def test_a_recipient_without_an_address_gets_it_in_the_app_only(
    personas, django_capture_on_commit_callbacks
):
    user = personas.coordinator
    assert user.email == ""
    with django_capture_on_commit_callbacks(execute=True):
        notification = made(notify(recipient=user, kind="account_security", key="s:1"))
    assert notification.channel == Channel.IN_APP
    assert mail_jobs().count() == 0


def test_it_refuses_an_unknown_kind_and_a_link_out_of_the_app(personas):
    with pytest.raises(KeyError):
        notify(recipient=personas.coordinator, kind="nope", key="x")
    for url in ("https://evil.example/", "//evil.example/", "relative"):
        with pytest.raises(ValueError):
            notify(recipient=personas.coordinator, kind="followups_due", key=url, url=url)
    assert Notification.objects.count() == 0


def test_it_keeps_the_target_and_the_scope(personas):
    n = followups(
        personas.coordinator,
        target=personas.cohort,
        role=Role.COORDINATOR,
        organisation_id=personas.bergen.pk,
    )
    n.refresh_from_db()
    assert n.target_type.model_class().__name__ == "Cohort"
    assert n.target_id == personas.cohort.pk
    assert (n.role, n.organisation_id) == ("coordinator", personas.bergen.pk)


@pytest.mark.parametrize(
    "send",
    [
        lambda user: password_changed.send(sender=type(user), request=None, user=user),
        lambda user: password_reset.send(sender=type(user), request=_request(), user=user),
        lambda user: mfa_signals.authenticator_added.send(
            sender=Authenticator,
            request=_request(),
            user=user,
            authenticator=Authenticator(user=user, type=Authenticator.Type.TOTP),
        ),
        lambda user: mfa_signals.authenticator_removed.send(
            sender=Authenticator,
            request=_request(),
            user=user,
            authenticator=Authenticator(user=user, type=Authenticator.Type.TOTP),
        ),
    ],
    ids=["password_changed", "password_reset", "mfa_added", "mfa_removed"],
)
def test_account_changes_notify_at_once_every_time(
    personas, django_capture_on_commit_callbacks, send
):
    user = with_email(personas.teacher)
    NotificationPreference.objects.create(user=user, kind="account_security", channel="in_app")
    with django_capture_on_commit_callbacks(execute=True):
        send(user)
        send(user)
    sent = Notification.objects.filter(recipient=user, kind="account_security")
    assert sent.count() == 2  # a key per event
    assert {n.channel for n in sent} == {Channel.IMMEDIATE}  # the stored preference is ignored
    assert mail_jobs().count() == 2


def test_recovery_codes_that_come_with_an_app_add_no_second_notification(personas):
    user = personas.teacher
    mfa_signals.authenticator_added.send(
        sender=Authenticator,
        request=None,
        user=user,
        authenticator=Authenticator(user=user, type=Authenticator.Type.RECOVERY_CODES),
    )
    assert not Notification.objects.exists()

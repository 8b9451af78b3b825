"""Mail jobs: one notification at once, the daily digests, and pruning old notifications.

Sent once: a job checks `emailed_at` (`Digest.sent_at`) before sending and sets it right after the
SMTP server has accepted the mail, holding the row locked in between so a second worker waits and
then finds it sent. If the server is down or refuses, the job raises and the job runner tries
again later; nothing is marked, so nothing is lost. (Should the process die between acceptance
and marking, the retry sends a copy with the same Message-ID.)

Errors are re-raised as `MailNotAccepted` carrying only the error's class: SMTP errors quote the
recipients, and neither the log nor the job's stored traceback may hold an address.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.core.mail import email_is_off
from brobygger.jobs import job
from brobygger.notifications import mail
from brobygger.notifications.kinds import Channel
from brobygger.notifications.models import Digest, Notification
from brobygger.notifications.selectors import is_still_valid, still_valid

KEEP_FOR = dt.timedelta(days=90)


class MailNotAccepted(Exception):
    """The SMTP server was unreachable or refused the mail; the job runner retries."""


def _send(message: EmailMultiAlternatives, what: str) -> None:
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as exc:
        raise MailNotAccepted(f"{what}: not accepted ({type(exc).__name__})") from None


@job(retries=5, queue="mail")
def send_notification_email(notification_id: int) -> str:
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None:
        return "gone"  # pruned, or the recipient was deleted
    if notification.emailed_at is not None:
        return "already sent"
    if not notification.recipient.email or not notification.recipient.is_active:
        return "no address"
    if not is_still_valid(notification):
        return "dropped"  # the object is gone, or the recipient lost the role
    if email_is_off():
        return "off"
    Notification.objects.filter(pk=notification_id).update(email_attempts=F("email_attempts") + 1)
    with transaction.atomic():
        locked = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if locked is None or locked.emailed_at is not None:
            return "already sent"
        _send(mail.notification_email(notification), f"notification {notification_id}")
        Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return "sent"


def _day_end(day: dt.date) -> dt.datetime:
    start = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min)
    return timezone.make_aware(start)


def _digest_items(user_id: int, day: dt.date) -> Any:
    pending = Notification.objects.filter(
        recipient_id=user_id,
        channel=Channel.DIGEST,
        emailed_at__isnull=True,
        read_at__isnull=True,  # already seen in the app: no need to mail it
        created_at__lt=_day_end(day),
    )
    return still_valid(pending).order_by("created_at", "id")


@job(retries=3, queue="mail")
def send_digests(day: str = "") -> int:
    """Daily: queue one digest mail per user with unsent digest notifications up to the end of
    `day` (ISO date; default today in Europe/Oslo). Running it twice sends nothing twice."""
    on = dt.date.fromisoformat(day) if day else timezone.localdate()
    sent_today = Digest.objects.filter(
        user_id=OuterRef("recipient_id"), day=on, sent_at__isnull=False
    )
    users = (
        Notification.objects.filter(
            channel=Channel.DIGEST,
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__lt=_day_end(on),
        )
        .exclude(Exists(sent_today))
        .order_by()
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    queued = 0
    for user_id in users:
        send_digest_email.enqueue(user_id, on.isoformat())
        queued += 1
    return queued


@job(retries=5, queue="mail")
def send_digest_email(user_id: int, day: str) -> str:
    on = dt.date.fromisoformat(day)
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is None:
        return "no address"
    try:
        with transaction.atomic():
            digest, _created = Digest.objects.get_or_create(user=user, day=on)
    except IntegrityError:  # another worker made it at the same moment
        digest = Digest.objects.get(user=user, day=on)
    if digest.sent_at is not None:
        return "already sent"
    if email_is_off():
        return "off"
    items = list(_digest_items(user_id, on))
    if not items:
        return "nothing"
    Digest.objects.filter(pk=digest.pk).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        locked = Digest.objects.select_for_update().get(pk=digest.pk)
        if locked.sent_at is not None:
            return "already sent"
        _send(mail.digest_email(user=user, day=on, notifications=items), f"digest {digest.pk}")
        now = timezone.now()
        Digest.objects.filter(pk=digest.pk).update(sent_at=now)
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(
            emailed_at=now, digest=digest
        )
    return "sent"


@job(retries=3, queue="default")
def prune_notifications() -> int:
    """Daily: delete notifications (and digest records) older than 90 days."""
    cutoff = timezone.now() - KEEP_FOR
    deleted, _ = Notification.objects.filter(created_at__lt=cutoff).delete()
    Digest.objects.filter(created_at__lt=cutoff).delete()
    return deleted

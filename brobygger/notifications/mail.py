"""The notification e-mails: plain text and HTML, a count and a link, never a name.

Each mail has a Message-ID derived from its idempotency key, so should the same mail ever go out
twice (the server accepted it but the job died before marking it), the copies are recognisably
one message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from brobygger.accounts.mail_language import mail_language
from brobygger.notifications.kinds import KINDS
from brobygger.notifications.models import Notification

LOCAL_HOSTS = {"localhost", "127.0.0.1", "testserver", "[::1]"}


def base_url() -> str:
    """Where links in mails point: settings.BROBYGGER_BASE_URL, else the first allowed host."""
    configured = str(getattr(settings, "BROBYGGER_BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    host = "localhost" if host == "*" else host
    scheme = "http" if host in LOCAL_HOSTS else "https"
    return f"{scheme}://{host}"


def message_id(key: str) -> str:
    digest = hashlib.sha256(f"brobygger-notification:{key}".encode()).hexdigest()[:40]
    domain = str(settings.DEFAULT_FROM_EMAIL).rpartition("@")[2].strip("> ") or "localhost"
    return f"<{digest}@{domain}>"


def _language(user: Any) -> str:
    """The recipient's language, else the site's: reminders are made by the daily job, so no
    request's language says anything about the recipient (ADR 0021)."""
    return mail_language(user)


def _message(
    *, user: Any, key: str, template: str, context: dict[str, Any]
) -> EmailMultiAlternatives:
    language = _language(user)
    with translation.override(language):
        context = {
            **context,
            "settings_url": base_url() + reverse("notification_preferences"),
            "LANGUAGE_CODE": language,  # <html lang> of the HTML part
        }
        subject = render_to_string(f"notifications/email/{template}_subject.txt", context)
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        to=[user.email],
        headers={
            "Message-ID": message_id(key),
            "Auto-Submitted": "auto-generated",
            "Content-Language": language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _item(notification: Notification) -> dict[str, Any]:
    return {
        "text": KINDS[notification.kind].text(notification.count),
        "link": base_url() + (notification.url or reverse("notification_list")),
        "kind": notification.kind,
    }


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    recipient = notification.recipient
    with translation.override(_language(recipient)):
        item = _item(notification)
    return _message(
        user=recipient,
        key=notification.idempotency_key,
        template="notification",
        context={"item": item, "security": KINDS[notification.kind].mandatory},
    )


def digest_key(user_id: int, day: dt.date) -> str:
    return f"digest:{user_id}:{day.isoformat()}"


def digest_email(
    *, user: Any, day: dt.date, notifications: Sequence[Notification]
) -> EmailMultiAlternatives:
    with translation.override(_language(user)):
        items = [_item(n) for n in notifications]
    return _message(
        user=user,
        key=digest_key(user.pk, day),
        template="digest",
        context={"items": items, "day": day, "list_url": base_url() + reverse("notification_list")},
    )

"""E-mail switched off (`DJANGO_EMAIL_BACKEND=off`): messages are dropped, and the log says only
how many, never to whom or what (a password-reset or invitation mail carries a link that logs
someone in). The console backend, which prints whole messages, is for debug/demo/tests only
(settings.py refuses it in production)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)

OFF = "brobygger.core.mail.DisabledEmailBackend"


def email_is_off() -> bool:
    return str(settings.EMAIL_BACKEND) == OFF


class DisabledEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        count = len(email_messages)
        if count:
            noun = "message" if count == 1 else "messages"
            logger.warning("e-mail is off: %s %s not sent", count, noun)
        return 0

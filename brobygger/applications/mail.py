"""The verification e-mail, sent after the link is committed (as invitations/mail.py)."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from brobygger.applications.services import IssuedVerification

logger = logging.getLogger(__name__)


def send_verification(request: HttpRequest, issued: IssuedVerification) -> bool:
    """Views call this after the service's transaction has ended. False if sending failed."""
    verification = issued.verification
    context = {
        "cohort": verification.cohort,
        "link": request.build_absolute_uri(reverse("apply_verify", args=[issued.code])),
    }
    subject = render_to_string("applications/email_subject.txt", context).strip()
    body = render_to_string("applications/email_body.txt", context)
    try:
        send_mail(subject, body, None, [verification.email])
    except (OSError, smtplib.SMTPException) as exc:
        # The error's class only: the log gets no address.
        logger.error(
            "verification %s: the e-mail could not be sent (%s)",
            verification.pk,
            type(exc).__name__,
        )
        return False
    return True

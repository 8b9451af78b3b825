"""The invitation e-mail, sent after the invitation is committed (never for a rolled-back one)."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from brobygger.accounts.mail_language import mail_language
from brobygger.core.mail import email_is_off
from brobygger.invitations import services
from brobygger.invitations.services import Issued

logger = logging.getLogger(__name__)


def send_invitation(request: HttpRequest, issued: Issued) -> str:
    """Send the mail for a committed invitation: views call this after the service's
    transaction has ended, never inside it. "sent", "no_address", "failed" or "off" (e-mail is
    switched off: DJANGO_EMAIL_BACKEND=off). Unless "sent", the code the page shows is handed
    over instead; nothing is lost."""
    invitation = issued.invitation
    if not invitation.email:
        return "no_address"
    context = {
        "invitation": invitation,
        "link": request.build_absolute_uri(reverse("invitation_open", args=[issued.code])),
        "code": issued.grouped_code,
    }
    # The invited person's language: an existing login's choice, else bokmål. Not the
    # coordinator's interface language, which says nothing about the invited person (ADR 0021).
    with translation.override(mail_language(invitation.user)):
        subject = render_to_string("invitations/email_subject.txt", context).strip()
        body = render_to_string("invitations/email_body.txt", context)

    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, smtplib.SMTPException) as exc:
        # The error's class only: SMTP errors quote the recipients, and the log gets no address.
        logger.error(
            "invitation %s: the e-mail could not be sent (%s)", invitation.pk, type(exc).__name__
        )
        return "failed"
    if email_is_off():
        return "off"
    services.invitation_mark_sent(invitation=invitation)
    return "sent"

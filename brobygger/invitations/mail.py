"""The invitation e-mail, sent after the invitation is committed (never for a rolled-back one)."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from brobygger.invitations import services
from brobygger.invitations.services import Issued

logger = logging.getLogger(__name__)


def send_invitation(request: HttpRequest, issued: Issued) -> str:
    """Send the mail for a committed invitation: views call this after the service's
    transaction has ended, never inside it. "sent", "no_address" or "failed" (the code is then
    shown to be handed over instead; nothing is lost)."""
    invitation = issued.invitation
    if not invitation.email:
        return "no_address"
    context = {
        "invitation": invitation,
        "link": request.build_absolute_uri(reverse("invitation_open", args=[issued.code])),
        "code": issued.grouped_code,
    }
    subject = render_to_string("invitations/email_subject.txt", context).strip()
    body = render_to_string("invitations/email_body.txt", context)

    try:
        send_mail(subject, body, None, [invitation.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("invitation %s: the e-mail could not be sent", invitation.pk)
        return "failed"
    services.invitation_mark_sent(invitation=invitation)
    return "sent"

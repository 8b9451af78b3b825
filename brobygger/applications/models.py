"""Online applications: the applicant's own way in (issue 13).

An applicant without a login proves an e-mail address with a one-time link
(EmailVerification: only a hash of the code is stored, invitations/tokens.py); no login
account is made for them. The application itself is an ordinary Enrolment with status
"søkt inn" (enrolments.services.enrolment_apply); OnlineApplication marks it as sent by the
applicant online, with the verified address and when consent was given.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

VERIFICATION_VALID_FOR = dt.timedelta(hours=2)
MOTIVATION_MAX_LENGTH = 2000


class EmailVerification(models.Model):
    email = models.EmailField(_("e-post"))
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Where the link leads: the cohort's form, or (null) the applicant's own list.
    cohort = models.ForeignKey(
        "programmes.Cohort",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("e-postbekreftelse")
        verbose_name_plural = _("e-postbekreftelser")
        indexes = [models.Index(fields=["email", "-created_at"])]

    def __str__(self) -> str:
        return f"#{self.pk}"


class OnlineApplication(models.Model):
    """The channel of an application the applicant sent themself, and their consent."""

    enrolment = models.OneToOneField(
        "enrolments.Enrolment", on_delete=models.PROTECT, related_name="online_application"
    )
    cohort = models.ForeignKey(
        "programmes.Cohort", on_delete=models.PROTECT, related_name="online_applications"
    )
    # The verified address (or the signed-in participant's, when they applied through a login).
    email = models.EmailField(_("e-post"), blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_given_at = models.DateTimeField(_("samtykke gitt"))
    consent_text = models.TextField(_("samtykketekst"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("søknad på nett")
        verbose_name_plural = _("søknader på nett")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "email"],
                condition=~models.Q(email=""),
                name="online_application_unique_email_per_cohort",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

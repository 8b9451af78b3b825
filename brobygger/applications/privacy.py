"""Personal fields, the "Mine data" section and the anonymiser for online applications
(privacy/registry.py)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.applications.models import OnlineApplication
from brobygger.core.appendonly import register_non_personal_fields, register_personal_fields
from brobygger.privacy.registry import (
    DATETIME,
    AnonymisationTarget,
    AnonymiseResult,
    Field,
    Table,
    register_anonymiser,
    register_export_section,
    table,
)
from brobygger.privacy.retention.base import clear_fields

ORDER = 25


def applications_section(participant: Any) -> list[Table]:
    applications = OnlineApplication.objects.filter(
        enrolment__participant=participant
    ).select_related("cohort")
    fields = [
        Field("cohort", _("Kull"), source="cohort.name"),
        Field("email", _("E-post")),
        Field("consent_given_at", _("Samtykke gitt"), DATETIME),
        Field("consent_text", _("Samtykketekst")),
    ]
    return [table("online_applications", _("Søknader på nett"), applications, fields)]


def applications_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    return clear_fields(
        OnlineApplication.objects.filter(enrolment__participant=target.participant),
        {"email": ""},
        by=target.by,
        organisation=target.organisation,
    )


def register() -> None:
    register_personal_fields("applications.onlineapplication", "email")
    register_personal_fields("applications.emailverification", "email")
    register_non_personal_fields("applications.onlineapplication", "consent_text")
    register_non_personal_fields("programmes.cohort", "application_deadline")
    register_export_section(
        "applications", _("Søknader på nett"), applications_section, order=ORDER
    )
    register_anonymiser("applications", applications_anonymise, order=ORDER)

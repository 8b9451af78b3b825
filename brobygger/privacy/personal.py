"""Which fields hold personal data, for the apps that came before the privacy app.

These values never enter the append-only audit trail (core.appendonly.redact), and retention
clears them (privacy/retention/anonymisers.py). A new app registers its own fields in its
AppConfig.ready(): `register_personal_fields("employment.candidateprofile", "about", ...)`.
"""

from __future__ import annotations

from brobygger.core.appendonly import (
    ALL_FIELDS,
    register_non_personal_fields,
    register_personal_fields,
)

BUILTIN: dict[str, tuple[str, ...]] = {
    "accounts.user": ("username", "first_name", "last_name", "email"),
    "account.emailaddress": ("email",),
    "enrolments.participant": (
        "first_name",
        "last_name",
        "birth_date",
        "national_id",
        "email",
        "phone",
        "protected_reason_text",
    ),
    "enrolments.enrolment": ("motivation",),
    "enrolments.statuschange": ("reason_text", "note"),
    "placements.timesheet": ("supervisor_comment",),
    "placements.evaluation": ("text",),
    "assessments.submission": ("original_name",),
    "assessments.assessment": ("feedback",),
    "completion.completion": ("exception_reason",),
    "diplomas.diploma": ("invalidation_reason",),
    "privacy.anonymisation": ("reason",),
}


# Text, e-mail and date fields that describe no person, so the audit trail keeps their values
# (core.appendonly.redact hides every other one). Names of staff, dates of a person's
# enrolment, employment or status changes, free-text reasons stay hidden.
NON_PERSONAL: dict[str, tuple[str, ...]] = {
    "organisations.organisation": ("name", "orgnr"),
    "organisations.county": (ALL_FIELDS,),
    "organisations.municipality": (ALL_FIELDS,),
    "programmes.programme": (ALL_FIELDS,),
    "programmes.programmeversion": (ALL_FIELDS,),
    "programmes.cohort": ("name", "start_date", "end_date", "place"),
    "programmes.session": ("date", "start_time", "end_time", "topic"),
    "guidance.guidancepage": (ALL_FIELDS,),
    "guidance.guidancepageversion": (ALL_FIELDS,),
    "guidance.resourceversion": (ALL_FIELDS,),
    "guidance.tag": (ALL_FIELDS,),
    "guidance.resource": (ALL_FIELDS,),
    "accounts.membership": ("ends_on",),
    "enrolments.participant": ("format",),  # the data export's format (html, json)
}


def register_builtin_fields() -> None:
    for label, fields in BUILTIN.items():
        register_personal_fields(label, *fields)
    for label, fields in NON_PERSONAL.items():
        register_non_personal_fields(label, *fields)

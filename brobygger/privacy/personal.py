"""Which fields hold personal data, for the apps that came before the privacy app.

These values never enter the append-only audit trail (core.appendonly.redact), and retention
clears them (privacy/retention/anonymisers.py). A new app registers its own fields in its
AppConfig.ready(): `register_personal_fields("employment.candidateprofile", "about", ...)`.
"""

from __future__ import annotations

from brobygger.core.appendonly import register_personal_fields

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


def register_builtin_fields() -> None:
    for label, fields in BUILTIN.items():
        register_personal_fields(label, *fields)

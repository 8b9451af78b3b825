"""What anonymisation clears, for the apps that came before the privacy app.

Kept for statistics: status codes and dates, participation and placement percents, hours
(attendance, timesheets), submission attempts and outcomes, completion figures, the
municipality, and every row's existence. Cleared: names, contact details, birth date, national
id, free text about the person, uploaded files, and the login.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps

from brobygger.assessments.models import Assessment, Submission
from brobygger.assessments.services import storage
from brobygger.completion.models import Completion
from brobygger.core.appendonly import REDACTED
from brobygger.core.audit import audit_record, diff, snapshot
from brobygger.enrolments.models import Enrolment, StatusChange
from brobygger.placements.models import Evaluation, Timesheet
from brobygger.privacy.models import Consent
from brobygger.privacy.registry import AnonymisationTarget, AnonymiseResult, register_anonymiser
from brobygger.privacy.retention.base import ACTION, PLACEHOLDER, clear_fields, delete_rows
from brobygger.privacy.services import consent_withdraw

ANONYMOUS_FIRST_NAME = "Anonymisert"
ANONYMOUS_LAST_NAME = "deltaker"


def _by_enrolment(target: AnonymisationTarget, attr: str) -> Callable[[Any], Any]:
    """organisation_of for rows whose enrolment id is at `attr` (a dotted path)."""

    def organisation_of(row: Any) -> Any:
        for part in attr.split("."):
            row = getattr(row, part)
        return target.organisation_by_enrolment.get(int(row))

    return organisation_of


def participant_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    person = target.participant
    result = clear_fields(
        [person],
        {
            "first_name": ANONYMOUS_FIRST_NAME,
            "last_name": ANONYMOUS_LAST_NAME,
            "birth_date": None,
            "national_id": "",
            "email": "",
            "phone": "",
            "protected_reason_text": "",
        },
        by=target.by,
        organisation=target.organisation,
    )
    user = person.user
    if user is None:
        return result
    result += _user_anonymise(user, target)
    # Login e-mail addresses and second factors identify the person and serve no statistic.
    for label in ("account.EmailAddress", "mfa.Authenticator"):
        app_label = label.split(".")[0]
        if any(config.label == app_label for config in apps.get_app_configs()):
            model = apps.get_model(label)
            result += delete_rows(
                model.objects.filter(user=user), by=target.by, organisation=target.organisation
            )
    return result


def _user_anonymise(user: Any, target: AnonymisationTarget) -> AnonymiseResult:
    """The login: no name, no e-mail, no password, inactive. One audit event for the row."""
    wanted = {
        "username": f"anonymisert-{user.pk}",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": False,
    }
    changed = [name for name, value in wanted.items() if getattr(user, name) != value]
    if user.has_usable_password():
        changed.append("password")
    if not changed:
        return AnonymiseResult()
    before = snapshot(user, list(wanted))
    for name, value in wanted.items():
        setattr(user, name, value)
    user.set_unusable_password()
    user.save(update_fields=changed)
    changes = diff(before, snapshot(user, list(wanted)))
    if "password" in changed:
        changes["password"] = [REDACTED, REDACTED]
    audit_record(
        by=target.by, action=ACTION, obj=user, changes=changes, organisation=target.organisation
    )
    return AnonymiseResult(rows_changed=1)


def enrolments_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    ids = target.enrolment_ids
    result = clear_fields(
        Enrolment.objects.filter(pk__in=ids),
        {"motivation": ""},
        by=target.by,
        organisation_of=_by_enrolment(target, "pk"),
    )
    result += clear_fields(
        StatusChange.objects.filter(enrolment_id__in=ids),
        {"reason_text": "", "note": ""},
        by=target.by,
        organisation_of=_by_enrolment(target, "enrolment_id"),
    )
    return result


def placements_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    ids = target.enrolment_ids
    result = clear_fields(
        Timesheet.objects.filter(placement__enrolment_id__in=ids).select_related("placement"),
        {"supervisor_comment": ""},
        by=target.by,
        organisation_of=_by_enrolment(target, "placement.enrolment_id"),
    )
    result += clear_fields(
        Evaluation.objects.filter(placement__enrolment_id__in=ids).select_related("placement"),
        {"text": PLACEHOLDER},
        by=target.by,
        organisation_of=_by_enrolment(target, "placement.enrolment_id"),
    )
    return result


def assessments_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    """The uploaded files are deleted now, inside the transaction: if the commit then failed,
    the person is still due and the next run finishes the job (a missing file is no error).
    Deleting after commit instead could leave a file behind for good."""
    ids = target.enrolment_ids
    submissions = list(Submission.objects.filter(enrolment_id__in=ids))
    result = AnonymiseResult()
    files = storage()
    for submission in submissions:
        name = submission.file.name
        if name and files.exists(name):
            files.delete(name)
            result.files_deleted += 1
    result += clear_fields(
        submissions,
        {"original_name": "anonymisert"},
        by=target.by,
        organisation_of=_by_enrolment(target, "enrolment_id"),
    )
    result += clear_fields(
        Assessment.objects.filter(submission__enrolment_id__in=ids).select_related("submission"),
        {"feedback": ""},
        by=target.by,
        organisation_of=_by_enrolment(target, "submission.enrolment_id"),
    )
    return result


def completion_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    ids = target.enrolment_ids
    # A non-empty reason marks a completion made as an exception: keep that fact.
    result = clear_fields(
        Completion.objects.filter(enrolment_id__in=ids),
        {"exception_reason": PLACEHOLDER},
        by=target.by,
        organisation_of=_by_enrolment(target, "enrolment_id"),
    )
    if apps.is_installed("brobygger.diplomas"):
        diploma = apps.get_model("diplomas", "Diploma")
        result += clear_fields(
            diploma.objects.filter(completion__enrolment_id__in=ids).select_related("completion"),
            {"invalidation_reason": PLACEHOLDER},
            by=target.by,
            organisation_of=_by_enrolment(target, "completion.enrolment_id"),
        )
    return result


def consents_anonymise(target: AnonymisationTarget) -> AnonymiseResult:
    """Active consents are withdrawn (a shared profile disappears); the rows stay as the record
    of what was agreed to."""
    result = AnonymiseResult()
    active = Consent.objects.filter(participant=target.participant, withdrawn_at__isnull=True)
    for purpose in sorted(set(active.values_list("purpose", flat=True))):
        if consent_withdraw(participant=target.participant, purpose=purpose, by=target.by):
            result.rows_changed += 1
    return result


register_anonymiser("participant", participant_anonymise, order=10)
register_anonymiser("enrolments", enrolments_anonymise, order=20)
register_anonymiser("placements", placements_anonymise, order=40)
register_anonymiser("assessments", assessments_anonymise, order=50)
register_anonymiser("completion", completion_anonymise, order=60)
register_anonymiser("consents", consents_anonymise, order=70)

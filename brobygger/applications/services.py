"""Writes for online applications: e-mail verification and the application itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.applications.models import (
    MOTIVATION_MAX_LENGTH,
    VERIFICATION_VALID_FOR,
    EmailVerification,
    OnlineApplication,
)
from brobygger.applications.selectors import application_closed_reason
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.enrolments.models import Enrolment, Participant
from brobygger.enrolments.services import enrolment_apply, participant_create
from brobygger.invitations import tokens
from brobygger.programmes.models import Cohort


def consent_text() -> str:
    """What the applicant consents to, stored with the application as it read."""
    return _(
        "Jeg samtykker til at opplysningene i søknaden (navn, telefon, e-post, bostedskommune "
        "og motivasjon) behandles av programmets koordinatorer for å vurdere søknaden og "
        "kontakte meg om opptak. Opplysningene brukes ikke til noe annet."
    )


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


@dataclass(frozen=True)
class IssuedVerification:
    verification: EmailVerification
    code: str


@transaction.atomic
def verification_issue(
    *, by: Any = None, email: str, cohort: Cohort | None = None
) -> IssuedVerification:
    """A one-time link for `email`, valid for VERIFICATION_VALID_FOR. Only the code's hash is
    stored (invitations/tokens.py). The view sends the mail after this has committed."""
    code = tokens.new_code()
    now = timezone.now()
    verification = EmailVerification(
        email=normalise_email(email),
        code_hash=tokens.digest(code),
        cohort=cohort,
        created_at=now,
        expires_at=now + VERIFICATION_VALID_FOR,
    )
    verification.full_clean()
    verification.save()
    return IssuedVerification(verification=verification, code=code)


def verification_find(code: str) -> EmailVerification:
    """The verification a link's code belongs to, or a clear error (unknown, used, expired)."""
    found = None
    if tokens.looks_valid(tokens.normalise(code)):
        found = (
            EmailVerification.objects.select_related("cohort")
            .filter(code_hash=tokens.digest(code))
            .first()
        )
    if found is None:
        raise ValidationError(_("Lenken er ikke gyldig. Be om en ny lenke."), code="unknown")
    if found.used_at is not None:
        raise ValidationError(
            _("Lenken er allerede brukt. En lenke kan bare brukes én gang. Be om en ny lenke."),
            code="used",
        )
    if found.expires_at <= timezone.now():
        raise ValidationError(
            _("Lenken er utløpt (den gjelder i to timer). Be om en ny lenke."), code="expired"
        )
    return found


@transaction.atomic
def verification_use(*, by: Any = None, code: str) -> EmailVerification:
    """Use a link once: refused when unknown, used or expired."""
    verification = verification_find(code)
    locked = EmailVerification.objects.select_for_update().get(pk=verification.pk)
    if locked.used_at is not None:
        raise ValidationError(_("Lenken er allerede brukt. Be om en ny lenke."), code="used")
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_at"])
    locked.cohort = verification.cohort
    return locked


def _already_applied(cohort: Cohort, email: str, participant: Participant | None) -> bool:
    if email and OnlineApplication.objects.filter(cohort=cohort, email=email).exists():
        return True
    return participant is not None and participant.enrolments.filter(cohort=cohort).exists()


@transaction.atomic
def online_application_submit(
    *,
    by: Any,
    cohort: Cohort,
    email: str,
    participant: Participant | None,
    first_name: str,
    last_name: str,
    phone: str,
    municipality: Any,
    motivation: str,
    consent: bool,
    today: dt.date | None = None,
) -> Enrolment:
    """The applicant's own application: a Participant (a signed-in participant's own record,
    else a new one), and an Enrolment "søkt inn" through enrolment_apply (the same rules,
    status history and audit as one registered by staff), marked as sent online with the
    consent. All or nothing. `by` is the signed-in user, or None for an applicant who proved
    an e-mail address (no login is made for them)."""
    today = today or timezone.localdate()
    cohort = (
        Cohort.objects.select_for_update(of=("self",))
        .select_related("version__programme__organisation")
        .get(pk=cohort.pk)
    )
    closed = application_closed_reason(cohort, today=today)
    if closed:
        raise ValidationError(closed, code="closed")
    email = normalise_email(email)
    errors: dict[str, str] = {}
    if not consent:
        errors["consent"] = _("Du må samtykke til behandlingen av opplysningene for å søke.")
    if len(motivation or "") > MOTIVATION_MAX_LENGTH:
        errors["motivation"] = _(
            "Motivasjonen kan ha høyst %(max)s tegn (du har skrevet %(n)s)."
        ) % {
            "max": MOTIVATION_MAX_LENGTH,
            "n": len(motivation),
        }
    for field, value, message in (
        ("first_name", first_name, _("Skriv fornavnet ditt.")),
        ("last_name", last_name, _("Skriv etternavnet ditt.")),
        ("phone", phone, _("Skriv telefonnummeret ditt.")),
    ):
        if not (value or "").strip():
            errors[field] = message
    if municipality is None:
        errors["municipality"] = _("Velg bostedskommunen din.")
    if not email and participant is None:
        errors["__all__"] = _("E-postadressen er ikke bekreftet.")
    if errors:
        raise ValidationError(errors)
    if _already_applied(cohort, email, participant):
        raise ValidationError(
            _("Du har allerede søkt på dette kullet. Se status under «Mine søknader»."),
            code="duplicate",
        )
    organisation = cohort.version.programme.organisation
    if participant is None:
        participant = participant_create(
            by=by,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email,
            phone=phone.strip(),
            municipality=municipality,
        )
    else:
        # A signed-in participant's own record: the contact details they typed are kept.
        before = snapshot(participant)
        participant.phone = phone.strip()
        participant.municipality = municipality
        participant.full_clean()
        changed = diff(before, snapshot(participant))
        if changed:
            participant.save(update_fields=[name.removesuffix("_id") for name in changed])
            audit_record(
                by=by, action="update", obj=participant, changes=changed, organisation=organisation
            )
    enrolment = enrolment_apply(
        by=by, participant=participant, cohort=cohort, applied_on=today, motivation=motivation
    )
    online = OnlineApplication(
        enrolment=enrolment,
        cohort=cohort,
        email=email,
        applied_by=by if getattr(by, "pk", None) else None,
        consent_given_at=timezone.now(),
        consent_text=consent_text(),
    )
    online.full_clean()
    online.save()
    audit_create(by=by, obj=online, organisation=organisation)
    return enrolment

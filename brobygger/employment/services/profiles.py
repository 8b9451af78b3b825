"""Writes for candidate profiles. Publishing requires the participant's consent (privacy app);
withdrawing the consent hides the profile on the very next request, because the employer-facing
selector checks the active consent on every read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.employment.models import CandidateProfile
from brobygger.employment.selectors.profiles import is_eligible
from brobygger.employment.services._common import errors_of, raise_if
from brobygger.enrolments.models import Participant
from brobygger.privacy.models import ConsentPurpose
from brobygger.privacy.services import consent_give, consent_withdraw

PROFILE_FIELDS = (
    "headline",
    "about",
    "work_wanted",
    "percent_wanted",
    "municipality_id",
    "area",
    "show_completion_year",
    "show_email",
)


def _require_eligible(participant: Participant) -> None:
    if not is_eligible(participant.pk):
        raise ValidationError(
            _("Du kan lage en profil når du deltar i eller har fullført MB-utdanningen."),
            code="not_eligible",
        )


@transaction.atomic
def profile_save(*, by: Any, participant: Participant, **fields: Any) -> CandidateProfile:
    """Create or change the participant's own profile text and sharing choices."""
    _require_eligible(participant)
    profile = CandidateProfile.objects.select_for_update().filter(participant=participant).first()
    created = profile is None
    if profile is None:
        profile = CandidateProfile(participant=participant)
    before = {} if created else snapshot(profile, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(profile, name, value)
    try:
        profile.full_clean(exclude=["participant"])
    except ValidationError as exc:
        raise_if(errors_of(exc))
    profile.save()
    if created:
        audit_create(by=by, obj=profile)
    else:
        changes = diff(before, snapshot(profile, PROFILE_FIELDS))
        if changes:
            audit_record(by=by, action="update", obj=profile, changes=changes)
    return profile


@transaction.atomic
def profile_publish(
    *, by: Any, participant: Participant, consent_confirmed: bool
) -> CandidateProfile:
    """Show the profile to employers: gives the EMPLOYER_PROFILE consent (with the current text
    version) and marks the profile published."""
    _require_eligible(participant)
    profile = CandidateProfile.objects.select_for_update().filter(participant=participant).first()
    if profile is None:
        raise ValidationError(_("Skriv profilen før du publiserer den."), code="no_profile")
    if not consent_confirmed:
        raise ValidationError(
            {"consent": _("Du må krysse av for samtykket for å vise profilen til arbeidsgivere.")}
        )
    consent_give(participant=participant, purpose=ConsentPurpose.EMPLOYER_PROFILE, by=by)
    if not profile.published:
        profile.published = True
        profile.published_at = timezone.now()
        profile.save(update_fields=["published", "published_at", "updated_at"])
        audit_record(by=by, action="publish", obj=profile, changes={"published": [False, True]})
    return profile


@transaction.atomic
def profile_unpublish(*, by: Any, participant: Participant) -> CandidateProfile | None:
    """Hide the profile and withdraw the consent. Employers stop seeing it at once."""
    consent_withdraw(participant=participant, purpose=ConsentPurpose.EMPLOYER_PROFILE, by=by)
    profile = CandidateProfile.objects.select_for_update().filter(participant=participant).first()
    if profile is not None and profile.published:
        profile.published = False
        profile.save(update_fields=["published", "updated_at"])
        audit_record(by=by, action="unpublish", obj=profile, changes={"published": [True, False]})
    return profile

"""Employer organisations and their users, registered by coordinators in their area."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.accounts.models import Membership, Role, User
from brobygger.core.audit import audit_create
from brobygger.employment.services._common import raise_if
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.organisations.services import membership_grant, organisation_errors


@transaction.atomic
def employer_org_create(
    *, by: Any, name: str, orgnr: str, municipality: Municipality
) -> Organisation:
    """An employer organisation; the orgnr is checked (nine digits, mod-11 check digit)."""
    org = Organisation(
        name=name.strip(), kind=OrganisationKind.EMPLOYER, orgnr=orgnr, municipality=municipality
    )
    raise_if(organisation_errors(org))  # the orgnr rules, shared with the organisations app
    org.save()
    audit_create(by=by, obj=org, organisation=org)
    return org


@transaction.atomic
def employer_user_add(
    *, by: Any, organisation: Organisation, first_name: str, last_name: str, email: str
) -> User:
    """Give a person the employer role at `organisation`. A new user gets the e-mail address as
    user name and no password: they set one with «Glemt passord»."""
    if organisation.kind != OrganisationKind.EMPLOYER:
        raise ValidationError(_("Organisasjonen er ikke en arbeidsgiver."), code="not_employer")
    email = email.strip().lower()
    user = User.objects.filter(username=email).first()
    if user is None:
        user = User(username=email, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.full_clean()
        user.save()
        audit_create(by=by, obj=user, organisation=organisation)
    if (
        Membership.objects.active()
        .filter(user=user, organisation=organisation, role=Role.EMPLOYER)
        .exists()
    ):
        raise ValidationError(
            {"email": _("Denne personen er allerede registrert hos arbeidsgiveren.")}
        )
    # A new membership, or an ended one opened again.
    membership_grant(by=by, user=user, organisation=organisation, role=Role.EMPLOYER)
    return user

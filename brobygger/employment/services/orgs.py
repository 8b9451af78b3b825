"""Employer organisations and their users, registered by coordinators in their area."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from brobygger.accounts.models import Membership, Role, User
from brobygger.core.audit import audit_create
from brobygger.employment.services._common import errors_of, raise_if
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind


@transaction.atomic
def employer_org_create(
    *, by: Any, name: str, orgnr: str, municipality: Municipality
) -> Organisation:
    """An employer organisation; the orgnr is checked (nine digits, mod-11 check digit)."""
    org = Organisation(
        name=name.strip(), kind=OrganisationKind.EMPLOYER, orgnr=orgnr, municipality=municipality
    )
    errors: dict[str, Any] = {}
    try:
        org.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = errors_of(exc)
    if not org.orgnr:
        errors["orgnr"] = [_("Skriv organisasjonsnummeret (ni siffer).")]
    elif "orgnr" not in errors and Organisation.objects.filter(orgnr=org.orgnr).exists():
        errors["orgnr"] = [
            _("Det finnes allerede en organisasjon med dette organisasjonsnummeret.")
        ]
    raise_if(errors)
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
    if Membership.objects.filter(user=user, organisation=organisation, role=Role.EMPLOYER).exists():
        raise ValidationError(
            {"email": _("Denne personen er allerede registrert hos arbeidsgiveren.")}
        )
    membership = Membership.objects.create(user=user, organisation=organisation, role=Role.EMPLOYER)
    audit_create(by=by, obj=membership, organisation=organisation)
    return user

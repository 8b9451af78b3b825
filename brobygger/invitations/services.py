"""Writes for invitations: create, resend, revoke, accept. Every one is audited.

`invitation_create` and `invitation_resend` return the plain code once (the caller shows it
and mails it); afterwards only its hash exists. Accepting binds a login to the participant
record (participant invitations) or gives the login the invited roles (staff invitations).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from brobygger.accounts.models import Membership, Role, User
from brobygger.core.audit import audit_create, audit_record
from brobygger.enrolments.models import Participant
from brobygger.invitations import tokens
from brobygger.invitations.models import (
    VALID_FOR,
    Invitation,
    InvitationKind,
    InvitationStatus,
    pending_q,
)
from brobygger.organisations.models import Organisation
from brobygger.organisations.services import membership_grant


@dataclass(frozen=True)
class Issued:
    """An invitation and its plain code, which exists only in this object."""

    invitation: Invitation
    code: str

    @property
    def grouped_code(self) -> str:
        return tokens.grouped(self.code)


def _issue(invitation: Invitation, *, now: dt.datetime) -> str:
    code = tokens.new_code()
    invitation.code_hash = tokens.digest(code)
    invitation.expires_at = now + VALID_FOR
    return code


def _save_new(invitation: Invitation, *, by: Any, now: dt.datetime) -> Issued:
    """Give a new invitation its code and expiry, check, save and audit it."""
    code = _issue(invitation, now=now)
    invitation.full_clean()
    invitation.save()
    audit_create(by=by, obj=invitation, organisation=invitation.organisation)
    return Issued(invitation, code)


def _refuse_second(pending: Invitation | None) -> None:
    if pending is not None:
        raise ValidationError(
            _(
                "Personen har allerede en invitasjon som venter (sendt %(date)s). Send den på "
                "nytt eller trekk den tilbake i stedet for å lage en ny."
            )
            % {"date": date_format(timezone.localtime(pending.created_at), "d.m.Y")},
            code="already_invited",
        )


@transaction.atomic
def participant_invite(
    *, by: Any, participant: Participant, organisation: Organisation, email: str = ""
) -> Issued:
    """An invitation to log in as `participant` (given from the participant's page)."""
    now = timezone.now()
    # Lock the person so two coordinators clicking at once cannot make two invitations.
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.user_id is not None:
        raise ValidationError(
            _("Deltakeren har allerede innlogging i Brobygger."), code="has_login"
        )
    _refuse_second(Invitation.objects.filter(pending_q(now), participant=participant).first())
    invitation = Invitation(
        kind=InvitationKind.PARTICIPANT,
        organisation=organisation,
        roles=[Role.PARTICIPANT.value],
        participant=participant,
        email=(email or participant.email).strip().lower(),
        created_by=by,
        created_at=now,
    )
    return _save_new(invitation, by=by, now=now)


def _clean_staff_roles(roles: Iterable[str]) -> list[str]:
    chosen = sorted({str(role) for role in roles})
    if not chosen:
        raise ValidationError({"roles": _("Velg minst én rolle.")}, code="no_role")
    if Role.PARTICIPANT.value in chosen or any(role not in Role.values for role in chosen):
        raise ValidationError({"roles": _("Velg blant rollene i listen.")}, code="bad_role")
    return chosen


@transaction.atomic
def staff_invite(
    *,
    by: Any,
    organisation: Organisation,
    roles: Iterable[str],
    email: str,
    first_name: str = "",
    last_name: str = "",
) -> Issued:
    """An invitation to hold `roles` in `organisation`. An address we already know binds the
    invitation to that login: only its owner can accept it."""
    now = timezone.now()
    chosen = _clean_staff_roles(roles)
    email = email.strip().lower()
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    existing = User.objects.filter(email__iexact=email).first() if email else None
    if existing is not None:
        held = set(
            Membership.objects.active()
            .filter(user=existing, organisation=organisation)
            .values_list("role", flat=True)
        )
        if set(chosen) <= held:
            raise ValidationError(
                {"email": _("Personen har allerede disse rollene her.")}, code="has_roles"
            )
    same_person = pending_q(now) & _same_person_q(email, existing)
    _refuse_second(Invitation.objects.filter(same_person, organisation=organisation).first())
    invitation = Invitation(
        kind=InvitationKind.STAFF,
        organisation=organisation,
        roles=chosen,
        user=existing,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        created_by=by,
        created_at=now,
    )
    return _save_new(invitation, by=by, now=now)


def _same_person_q(email: str, existing: User | None) -> Q:
    if existing is not None:
        return Q(user=existing) | Q(email__iexact=existing.email)
    return Q(email__iexact=email) if email else Q(pk__in=[])


def _locked_pending(invitation: Invitation, now: dt.datetime) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    status = locked.status_on(now)
    if status != InvitationStatus.PENDING:
        raise ValidationError(refusal_message(locked, now=now), code=f"invitation_{status}")
    return locked


def refusal_message(invitation: Invitation, *, now: dt.datetime) -> str:
    """Why an invitation can no longer be used, in words for the person holding it."""
    status = invitation.status_on(now)
    if status == InvitationStatus.ACCEPTED:
        return _("Invitasjonen er allerede brukt. Logg inn som vanlig.")
    if status == InvitationStatus.REVOKED:
        return _("Invitasjonen er trukket tilbake. Ta kontakt med den som inviterte deg.")
    if status == InvitationStatus.EXPIRED:
        return _(
            "Invitasjonen gikk ut %(date)s. Be den som inviterte deg om å sende den på nytt."
        ) % {"date": date_format(timezone.localtime(invitation.expires_at), "d.m.Y")}
    return ""


@transaction.atomic
def invitation_resend(*, by: Any, invitation: Invitation) -> Issued:
    """A new code and 14 more days for an invitation not yet accepted or revoked; the old code
    stops working at once."""
    now = timezone.now()
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at is not None or locked.revoked_at is not None:
        raise ValidationError(refusal_message(locked, now=now), code="not_resendable")
    before = locked.expires_at
    code = _issue(locked, now=now)
    locked.save(update_fields=["code_hash", "expires_at"])
    audit_record(
        by=by,
        action="resend",
        obj=locked,
        changes={"expires_at": [str(before), str(locked.expires_at)]},
        organisation=locked.organisation,
    )
    return Issued(locked, code)


def invitation_mark_sent(*, invitation: Invitation) -> None:
    """Called after the mail left: when and how often it was sent."""
    Invitation.objects.filter(pk=invitation.pk).update(
        sent_at=timezone.now(), send_count=F("send_count") + 1
    )


@transaction.atomic
def invitation_revoke(*, by: Any, invitation: Invitation) -> Invitation:
    """Only a pending invitation can be revoked; its code stops working at once."""
    now = timezone.now()
    locked = _locked_pending(invitation, now)
    locked.revoked_at = now
    locked.revoked_by = by
    locked.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        by=by,
        action="revoke",
        obj=locked,
        changes={"revoked_at": [None, str(now)]},
        organisation=locked.organisation,
    )
    return locked


def find_by_code(code: str) -> Invitation | None:
    """The invitation a typed or linked code belongs to, whatever its status."""
    normal = tokens.normalise(code)
    if not tokens.looks_valid(normal):
        return None
    return (
        Invitation.objects.select_related("organisation", "participant", "user")
        .filter(code_hash=tokens.digest(normal))
        .first()
    )


def may_accept_as(invitation: Invitation, user: Any) -> bool:
    """An invitation bound to a known login can be accepted only by that login; one for a new
    person only by a login that does not have a participant record of its own yet."""
    if invitation.user_id is not None:
        return bool(user.pk == invitation.user_id)
    if invitation.kind == InvitationKind.PARTICIPANT:
        return not Participant.objects.filter(user_id=user.pk).exists()
    return True


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User, email_verified: bool = False
) -> Invitation:
    """Binds `user` to what the invitation grants. The accepting person is the actor.

    `email_verified`: the invitation reached the person through its e-mail link, so the
    address is theirs (an authenticator app may then be set up: allauth refuses while an
    address is unverified)."""
    now = timezone.now()
    locked = _locked_pending(invitation, now)
    if not may_accept_as(locked, user):
        raise ValidationError(
            _("Denne invitasjonen er til en annen person."), code="invitation_other_person"
        )
    organisation = locked.organisation
    if locked.kind == InvitationKind.PARTICIPANT:
        assert locked.participant_id is not None
        participant = Participant.objects.select_for_update().get(pk=locked.participant_id)
        if participant.user_id is not None and participant.user_id != user.pk:
            raise ValidationError(
                _("Deltakeren har allerede innlogging i Brobygger."), code="has_login"
            )
        participant.user = user
        participant.save(update_fields=["user"])
        audit_record(
            by=user,
            action="link_login",
            obj=participant,
            changes={"user": [None, user.pk]},
            organisation=organisation,
        )
    for role in locked.roles:
        membership_grant(by=user, user=user, organisation=organisation, role=role)
    if locked.email and email_verified:
        _verify_address(user, locked.email)
    locked.accepted_at = now
    locked.user = user
    locked.save(update_fields=["accepted_at", "user"])
    audit_record(
        by=user,
        action="accept",
        obj=locked,
        changes={"accepted_at": [None, str(now)]},
        organisation=organisation,
    )
    return locked


def _verify_address(user: User, email: str) -> None:
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        has_primary = EmailAddress.objects.filter(user=user, primary=True).exists()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=not has_primary)
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    if not user.email:
        user.email = email
        user.save(update_fields=["email"])


@transaction.atomic
def account_create_for_invitation(
    *, invitation: Invitation, username: str, password: str, email_verified: bool
) -> User:
    """A local login (user name and password) for someone accepting an invitation where no
    identity provider is configured, bound in the same transaction."""
    user = User(
        username=username,
        first_name=_first_name(invitation),
        last_name=_last_name(invitation),
        email=invitation.email,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_create(by=user, obj=user, organisation=invitation.organisation)
    invitation_accept(invitation=invitation, user=user, email_verified=email_verified)
    return user


def user_create_for_provider(*, invitation: Invitation | None, claims: dict[str, Any]) -> User:
    """A login with no password (it signs in only through its identity provider)."""
    base = claims.get("preferred_username") or claims.get("email") or f"bruker-{tokens.new_code()}"
    username = _free_username(str(base).lower()[:140])
    user = User(
        username=username,
        first_name=str(claims.get("given_name") or (invitation and _first_name(invitation)) or ""),
        last_name=str(claims.get("family_name") or (invitation and _last_name(invitation)) or ""),
        email=str(claims.get("email") or (invitation.email if invitation else "") or ""),
    )
    user.set_unusable_password()
    user.full_clean(exclude=["email"])
    user.save()
    audit_create(by=user, obj=user, organisation=invitation.organisation if invitation else None)
    return user


def _free_username(base: str) -> str:
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _first_name(invitation: Invitation) -> str:
    return invitation.participant.first_name if invitation.participant else invitation.first_name


def _last_name(invitation: Invitation) -> str:
    return invitation.participant.last_name if invitation.participant else invitation.last_name


def participant_home_organisation(participant: Participant) -> Organisation | None:
    """The organisation running the participant's latest programme: where their participant
    role is held."""
    from brobygger.enrolments.models import Enrolment

    enrolment = (
        Enrolment.objects.filter(participant=participant)
        .select_related("cohort__version__programme__organisation")
        .order_by("-cohort__start_date", "-pk")
        .first()
    )
    return enrolment.cohort.version.programme.organisation if enrolment else None


@transaction.atomic
def participant_link_by_national_id(*, participant: Participant, claims: dict[str, Any]) -> User:
    """First ID-porten login of a person whose national id is on their record: a login bound
    to the record, with the participant role where their programme runs."""
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if locked.user_id is not None:
        raise ValidationError(
            _("Deltakeren har allerede innlogging i Brobygger."), code="has_login"
        )
    organisation = participant_home_organisation(locked)
    if organisation is None:
        raise ValidationError(_("Deltakeren er ikke med i noe program."), code="no_programme")
    user = user_create_for_provider(
        invitation=None,
        claims={**claims, "given_name": locked.first_name, "family_name": locked.last_name},
    )
    locked.user = user
    locked.save(update_fields=["user"])
    audit_record(
        by=user,
        action="link_login",
        obj=locked,
        changes={"user": [None, user.pk]},
        organisation=organisation,
    )
    membership_grant(by=user, user=user, organisation=organisation, role=Role.PARTICIPANT)
    return user

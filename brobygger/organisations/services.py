"""Writes for organisations and the roles people hold in them.

Every function is keyword-only, takes the acting user as `by=`, runs in a transaction, checks
the rows with `full_clean()` and writes one audit event per row it changes. Errors are
`ValidationError`s with Norwegian messages keyed by the form field they belong to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.no import orgnr as stdnum_orgnr

from brobygger.accounts import sessions
from brobygger.accounts.models import Membership, Role, User
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.core.concurrency import edit_token as make_edit_token
from brobygger.core.formatting import format_day
from brobygger.organisations.access import KEEP_LAST_OWN, STAFF, grantable_roles
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind

ORGANISATION_FIELDS = ("name", "kind", "orgnr", "municipality_id", "four_eyes_approval")
# What the edit page shows, so a save from an older version is refused (ADR 0014).
ORGANISATION_EDIT_FIELDS = ("name", "kind", "orgnr", "municipality", "four_eyes_approval")


# --- Organisations ------------------------------------------------------------------------


def organisation_errors(org: Organisation) -> dict[str, list[str]]:
    """What is wrong with `org` before it is saved, keyed by field: the model's own checks (among
    them `validate_orgnr`: nine digits and the mod-11 check digit; `clean()` compacts the
    number) and the orgnr rules across rows: an employer must have one, and no two
    organisations share one. The one place these rules live (employment uses it too)."""
    errors: dict[str, list[str]] = {}
    org.orgnr = stdnum_orgnr.compact(org.orgnr) if org.orgnr else ""  # "920 000 010" is fine
    try:
        org.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {key: list(messages) for key, messages in exc.message_dict.items()}
    if not org.orgnr:
        if org.kind == OrganisationKind.EMPLOYER:
            errors.setdefault("orgnr", []).append(_("Skriv organisasjonsnummeret (ni siffer)."))
    elif (
        "orgnr" not in errors
        and Organisation.objects.filter(orgnr=org.orgnr).exclude(pk=org.pk).exists()
    ):
        errors["orgnr"] = [
            _("Det finnes allerede en organisasjon med dette organisasjonsnummeret.")
        ]
    return errors


def _raise_if(errors: dict[str, Any]) -> None:
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_create(
    *,
    by: Any,
    name: str,
    kind: str,
    orgnr: str,
    municipality: Municipality,
    four_eyes_approval: bool = False,
) -> Organisation:
    org = Organisation(
        name=name.strip(),
        kind=kind,
        orgnr=orgnr.strip(),
        municipality=municipality,
        four_eyes_approval=four_eyes_approval,
    )
    _raise_if(organisation_errors(org))
    org.save()
    audit_create(by=by, obj=org, organisation=org)
    return org


@transaction.atomic
def organisation_update(
    *,
    by: Any,
    organisation: Organisation,
    name: str,
    kind: str,
    orgnr: str,
    municipality: Municipality,
    four_eyes_approval: bool | None = None,
    edit_token: str | None = None,
) -> Organisation:
    """Change an organisation. Refused when `edit_token` is from an older version of it
    (core/concurrency.py)."""
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    check_unchanged(org, edit_token, ORGANISATION_EDIT_FIELDS)
    before = snapshot(org, ORGANISATION_FIELDS)
    org.name = name.strip()
    org.kind = kind
    org.orgnr = orgnr.strip()
    org.municipality = municipality
    if four_eyes_approval is not None:  # None: left as it is
        org.four_eyes_approval = four_eyes_approval
    _raise_if(organisation_errors(org))
    changes = diff(before, snapshot(org, ORGANISATION_FIELDS))
    if changes:
        org.save(update_fields=[f.removesuffix("_id") for f in changes])
        audit_record(by=by, action="update", obj=org, changes=changes, organisation=org)
    return org


# --- Memberships --------------------------------------------------------------------------


@transaction.atomic
def membership_grant(*, by: Any, user: User, organisation: Organisation, role: str) -> Membership:
    """`user` holds `role` at `organisation` from now on: a new membership, or an ended (or
    ending) one opened again. The caller decides whether `by` may give the role."""
    membership = (
        Membership.objects.select_for_update()
        .filter(user=user, organisation=organisation, role=role)
        .first()
    )
    if membership is None:
        membership = Membership(user=user, organisation=organisation, role=role)
        membership.full_clean()
        membership.save()
        audit_create(by=by, obj=membership, organisation=organisation)
    elif membership.ends_on is not None:
        old = membership.ends_on
        membership.ends_on = None
        membership.full_clean()
        membership.save(update_fields=["ends_on"])
        audit_record(
            by=by,
            action="reopen",
            obj=membership,
            changes={"ends_on": [str(old), None]},
            organisation=organisation,
        )
    return membership


def _end(*, by: Any, membership: Membership, organisation: Organisation, on: dt.date) -> None:
    old = membership.ends_on
    membership.ends_on = on
    membership.full_clean()
    membership.save(update_fields=["ends_on"])
    audit_record(
        by=by,
        action="end",
        obj=membership,
        changes={"ends_on": [str(old) if old else None, str(on)]},
        organisation=organisation,
    )


def _locked_staff_memberships(user: User, organisation: Organisation) -> list[Membership]:
    return list(
        Membership.objects.select_for_update()
        .filter(user=user, organisation=organisation, role__in=STAFF)
        .order_by("role")
    )


def _refuse_own_last(
    *, by: Any, user: User, organisation: Organisation, ending: set[str], key: str
) -> None:
    """Nobody ends their own last admin or coordinator membership: no one might be left to
    undo it."""
    if getattr(by, "pk", None) != user.pk:
        return
    for role in KEEP_LAST_OWN:
        if role not in ending:
            continue
        elsewhere = (
            Membership.objects.active()
            .filter(user=user, role=role)
            .exclude(organisation=organisation)
            .exists()
        )
        if not elsewhere:
            raise ValidationError(
                {
                    key: _(
                        "Du kan ikke avslutte ditt eget siste medlemskap som %(role)s. "
                        "Be en annen administrator eller koordinator om å gjøre det."
                    )
                    % {"role": str(Role(role).label).lower()}
                }
            )


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


@dataclass(frozen=True)
class RolesChanged:
    added: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)
    ended: bool = False  # no staff role left here: the membership ended today

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed)


ROLES_STATE = "roller"  # the edit token's name for the roles held (ADR 0014)


def _roles_state(rows: Iterable[Membership], today: dt.date) -> dict[str, list[str]]:
    return {ROLES_STATE: sorted(m.role for m in rows if m.is_active_on(today))}


def member_roles_token(*, user: User, organisation: Organisation) -> str:
    """The roles page's edit token: the staff roles `user` holds at `organisation` now."""
    rows = Membership.objects.filter(user=user, organisation=organisation, role__in=STAFF)
    return make_edit_token(user, [], extra=_roles_state(rows, timezone.localdate()))


@transaction.atomic
def member_roles_set(
    *,
    by: Any,
    organisation: Organisation,
    user: User,
    roles: Iterable[str],
    edit_token: str | None = None,
) -> RolesChanged:
    """Give `user` exactly `roles` among those `by` may give at `organisation`; roles `by` may
    not give are left as they are. A removed role ends today. Removing the last one ends the
    membership: the person's sessions end at once."""
    today = timezone.localdate()
    grantable = grantable_roles(by, organisation)
    wanted = {str(role) for role in roles}
    if not grantable:
        raise ValidationError(_("Du kan ikke endre roller i denne organisasjonen."))
    unknown = sorted(wanted - set(Role.values))
    if unknown:
        raise ValidationError(
            {"roles": _("Ukjent rolle: %(roles)s.") % {"roles": ", ".join(unknown)}}
        )
    refused = sorted(wanted - grantable, key=Role.values.index)
    if refused:
        raise ValidationError(
            {
                "roles": _("Du kan ikke gi rollen %(roles)s her.")
                % {"roles": ", ".join(_role_label(r) for r in refused)}
            }
        )
    rows = _locked_staff_memberships(user, organisation)
    # Refused when someone else changed this person's roles since the page was loaded.
    check_unchanged(
        user,
        edit_token,
        [],
        extra=_roles_state(rows, today),
        labels={ROLES_STATE: _("Rollene")},
    )
    held = {m.role: m for m in rows if m.is_active_on(today)}
    to_end = [m for role, m in held.items() if role in grantable and role not in wanted]
    to_add = wanted - set(held)
    _refuse_own_last(
        by=by,
        user=user,
        organisation=organisation,
        ending={m.role for m in to_end},
        key="roles",
    )
    for membership in to_end:
        _end(by=by, membership=membership, organisation=organisation, on=today)
    for role in sorted(to_add):
        membership_grant(by=by, user=user, organisation=organisation, role=role)
    ended = bool(to_end) and not (set(held) - {m.role for m in to_end}) and not to_add
    if ended:
        sessions.end_all_of(user)
    return RolesChanged(added=to_add, removed={m.role for m in to_end}, ended=ended)


@transaction.atomic
def membership_end(
    *, by: Any, organisation: Organisation, user: User, ends_on: dt.date
) -> list[Membership]:
    """End every staff role `user` holds at `organisation` from `ends_on` (the first day without
    access). From today or a past day the person's sessions end at once; a later day takes
    effect that morning (every request checks the roles). A membership ends only once."""
    today = timezone.localdate()
    grantable = grantable_roles(by, organisation)
    if not grantable:
        raise ValidationError(_("Du kan ikke avslutte medlemskap i denne organisasjonen."))
    rows = _locked_staff_memberships(user, organisation)
    held = [m for m in rows if m.is_active_on(today)]
    if not held:
        last = max((m.ends_on for m in rows if m.ends_on), default=None)
        raise ValidationError(
            {
                "ends_on": _("Medlemskapet er allerede avsluttet fra %(date)s.")
                % {"date": format_day(last) if last else "–"}
            },
            code="already_ended",
        )
    if all(m.ends_on for m in held):
        last = max(m.ends_on for m in held if m.ends_on)
        raise ValidationError(
            {
                "ends_on": _(
                    "Medlemskapet avsluttes allerede fra %(date)s, og kan bare avsluttes én "
                    "gang. Vil du at det skal slutte i dag, fjerner du alle rollene."
                )
                % {"date": format_day(last)}
            },
            code="already_ending",
        )
    outside = sorted({m.role for m in held} - grantable, key=Role.values.index)
    if outside:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: _(
                    "Du kan ikke avslutte medlemskapet: personen har også rollen %(roles)s, "
                    "som bare en administrator kan endre."
                )
                % {"roles": ", ".join(_role_label(r) for r in outside)}
            }
        )
    started = min(timezone.localdate(m.created_at) for m in held)
    if ends_on < started:
        raise ValidationError(
            {
                "ends_on": _("Sluttdatoen kan ikke være før medlemskapet startet (%(date)s).")
                % {"date": format_day(started)}
            },
            code="before_start",
        )
    _refuse_own_last(
        by=by,
        user=user,
        organisation=organisation,
        ending={m.role for m in held},
        key=NON_FIELD_ERRORS,
    )
    ended = []
    for membership in held:
        if membership.ends_on is None or membership.ends_on > ends_on:
            _end(by=by, membership=membership, organisation=organisation, on=ends_on)
            ended.append(membership)
    if ends_on <= today:
        sessions.end_all_of(user)
    return ended

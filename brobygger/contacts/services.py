"""Writes for the coordinator directory and the contact messages. Each one audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.contacts.models import ContactMessage, CountyCoordinator
from brobygger.contacts.selectors import coordinator_counties_of
from brobygger.core.appendonly import unregistered_fields
from brobygger.core.audit import audit_create, audit_record, diff, snapshot
from brobygger.core.concurrency import check_unchanged
from brobygger.organisations.models import County, Municipality

DIRECTORY_FIELDS = ["county_id", "name", "title", "email", "phone", "is_active"]
# What the edit page shows of an entry, so a save from an older version is refused (ADR 0014).
DIRECTORY_EDIT_FIELDS = ["county", "name", "title", "email", "phone"]
HANDLING_FIELDS = ["handled_at", "handled_by_id"]


def _check_user_may_serve(user: Any, county: County | None) -> dict[str, str]:
    """The account must hold the county coordinator role at an organisation in the county:
    that role is what opens the county's inbox."""
    if user is None:
        return {}
    counties = coordinator_counties_of(user)
    if not counties:
        return {"user": _("Brukeren har ikke rollen fylkeskoordinator.")}
    if county is not None and county.pk not in counties:
        return {
            "county": _(
                "Brukeren er fylkeskoordinator ved en organisasjon i et annet fylke. "
                "Velg fylket der brukeren har rollen."
            )
        }
    return {}


def _validated(entry: CountyCoordinator, errors: dict[str, Any]) -> None:
    try:
        entry.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    clash = CountyCoordinator.objects.filter(county_id=entry.county_id, user_id=entry.user_id)
    if entry.pk:
        clash = clash.exclude(pk=entry.pk)
    if entry.county_id and entry.user_id and clash.exists():
        errors.setdefault("user", _("Brukeren står allerede oppført i dette fylket."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def county_coordinator_create(
    *,
    by: Any,
    county: County,
    user: Any,
    name: str,
    email: str,
    title: str = "",
    phone: str = "",
) -> CountyCoordinator:
    entry = CountyCoordinator(
        county=county,
        user=user,
        name=name.strip(),
        title=title.strip(),
        email=email.strip(),
        phone=phone.strip(),
    )
    _validated(entry, _check_user_may_serve(user, county))
    entry.save()
    audit_create(by=by, obj=entry)
    return entry


@transaction.atomic
def county_coordinator_update(
    *,
    by: Any,
    entry: CountyCoordinator,
    county: County,
    name: str,
    email: str,
    title: str = "",
    phone: str = "",
    edit_token: str | None = None,
) -> CountyCoordinator:
    """Change a directory entry. Refused when `edit_token` is from an older version of it
    (core/concurrency.py)."""
    entry = (
        CountyCoordinator.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=entry.pk)
    )
    check_unchanged(entry, edit_token, DIRECTORY_EDIT_FIELDS)
    before = snapshot(entry, DIRECTORY_FIELDS)
    entry.county = county
    entry.name = name.strip()
    entry.title = title.strip()
    entry.email = email.strip()
    entry.phone = phone.strip()
    errors = _check_user_may_serve(entry.user, county) if county.pk != before["county_id"] else {}
    _validated(entry, errors)
    changes = diff(before, snapshot(entry, DIRECTORY_FIELDS))
    if changes:
        entry.save(update_fields=["county", "name", "title", "email", "phone", "updated_at"])
        audit_record(by=by, action="update", obj=entry, changes=changes)
    return entry


@transaction.atomic
def county_coordinator_set_active(
    *, by: Any, entry: CountyCoordinator, active: bool
) -> CountyCoordinator:
    """Deactivate (hide from the public directory) or reactivate an entry; never deleted."""
    if entry.is_active == active:
        return entry
    if active:
        _validated(entry, _check_user_may_serve(entry.user, entry.county))
    entry.is_active = active
    entry.save(update_fields=["is_active", "updated_at"])
    audit_record(
        by=by,
        action="activate" if active else "deactivate",
        obj=entry,
        changes={"is_active": [not active, active]},
    )
    return entry


@transaction.atomic
def contact_message_send(
    *,
    municipality: Municipality,
    sender_name: str,
    sender_organisation: str,
    sender_email: str,
    body: str,
    sender_phone: str = "",
) -> ContactMessage:
    """A leader's message to the county coordinators of their municipality's county."""
    has_coordinator = CountyCoordinator.objects.filter(
        county_id=municipality.county_id, is_active=True
    ).exists()
    if not has_coordinator:
        raise ValidationError(
            {
                "municipality": _(
                    "Det er ingen fylkeskoordinator registrert for fylket ennå, så meldingen "
                    "kan ikke sendes herfra. Ta kontakt med NAV-kontoret i kommunen."
                )
            }
        )
    message = ContactMessage(
        county_id=municipality.county_id,
        municipality=municipality,
        sender_name=sender_name.strip(),
        sender_organisation=sender_organisation.strip(),
        sender_email=sender_email.strip(),
        sender_phone=sender_phone.strip(),
        body=body.strip(),
    )
    message.full_clean()
    message.save()
    # Sent anonymously: the sender's fields (registered as personal, contacts/apps.py) are
    # left out of the audit row altogether; where and when it went is recorded.
    audit_record(
        by=None,
        action="create",
        obj=message,
        changes=diff({}, snapshot(message, unregistered_fields(ContactMessage))),
    )
    return message


@transaction.atomic
def contact_message_set_handled(
    *, by: Any, message: ContactMessage, handled: bool
) -> ContactMessage:
    """Mark a message handled (or open again). Callers have checked the county already."""
    if message.is_handled == handled:
        return message
    before = snapshot(message, HANDLING_FIELDS)
    message.handled_at = timezone.now() if handled else None
    message.handled_by = by if handled else None
    message.save(update_fields=["handled_at", "handled_by"])
    audit_record(
        by=by,
        action="handle" if handled else "reopen",
        obj=message,
        changes=diff(before, snapshot(message, HANDLING_FIELDS)),
    )
    return message

"""Write read-log entries. Views call `record_access` once per response (page, export, download,
or a refused form shown again) that shows one participant's personal data; a person merely
appearing in a list is not an entry.

What is logged, and what is not (docs/adr/0009-read-log-and-protected-participants.md):
- every response that shows one participant's data to someone else: one entry, however many
  panels the page has;
- a refused fetch of an existing participant's record (404/403 from an access helper): one
  entry with `denied=True`, kept off the participant's own page;
- the participant looking at their own data: nothing. The log answers "who *else* has
  looked at my data"; rows for one's own visits would bury the entries that matter, and
  one's own sign-ins are in the login history. `record_access` skips them centrally, so a
  view shared by staff and the participant (placement_detail, submission_download) can call
  it unconditionally;
- a POST that is refused and shows the record again (the form with its errors): one entry, the
  same as the GET (amendment 1 in the ADR). A POST that saves and redirects: nothing, the
  page it leads to logs itself;
- a page about several people with data beyond a name and a status (the attendance grid):
  one entry per participant shown, in one INSERT (`record_access_many`). Plain lists (a name
  and a status per row) write nothing.

Views of a protected participant are always flagged for review (`flagged=True`).
Rows are only ever inserted: never updated or deleted here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.core.access import user_memberships
from brobygger.core.audit import current_request_id
from brobygger.enrolments.models import Participant

# The purpose shown to the participant when a view does not name a more precise one.
PURPOSE_BY_ROLE: dict[str, Any] = {
    Role.COORDINATOR: _("Oppfølging av deltakelsen i programmet"),
    Role.CASEWORKER: _("Oppfølging av kandidat henvist fra NAV"),
    Role.SUPERVISOR: _("Veiledning og godkjenning i praksis"),
    Role.TEACHER: _("Undervisning og oppmøte"),
    Role.EMPLOYER: _("Rekruttering og oppfølging i arbeid"),
    Role.COUNTY_COORDINATOR: _("Kontakt mellom arbeidsgiver og program"),
    Role.ADMIN: _("Drift og kontroll"),
}


def _acting_membership(request: HttpRequest, organisation_id: int | None) -> tuple[str, int | None]:
    """The (role, organisation) the user acted in: the one in the record's organisation if any."""
    rows = user_memberships(request)
    for role, org in rows:
        if organisation_id is not None and org == organisation_id:
            return role, org
    return rows[0] if rows else ("", None)


def _participant_facts(participant: Any) -> tuple[int, int | None, bool] | None:
    """(pk, user_id, is_protected): from the object when the caller has it, else one query."""
    if isinstance(participant, Participant):
        return participant.pk, participant.user_id, participant.is_protected
    pk = getattr(participant, "pk", participant)
    row = Participant.objects.filter(pk=pk).values_list("user_id", "is_protected").first()
    return None if row is None else (int(pk), row[0], row[1])


def record_access(
    request: HttpRequest,
    participant: Any,
    *,
    shown: str,
    purpose: str = "",
    organisation_id: int | None = None,
    denied: bool = False,
) -> AccessEvent | None:
    """One read-log row for `participant` (a Participant or its pk). Returns None, writing
    nothing, when the viewer is the participant themself (or the participant is unknown)."""
    facts = _participant_facts(participant)
    if facts is None:
        return None
    return _write(
        request, facts, shown=shown, purpose=purpose, organisation_id=organisation_id, denied=denied
    )


def record_access_many(
    request: HttpRequest,
    participants: Iterable[Participant],
    *,
    shown: str,
    purpose: str = "",
    organisation_id: int | None = None,
) -> list[AccessEvent]:
    """One row per participant shown on a page about several people at once (the attendance
    grid: ADR 0009, amendment 1), written in one INSERT however many rows the page has. A
    participant listed twice gets one row; the viewer's own record gets none."""
    rows: dict[int, AccessEvent] = {}
    for participant in participants:
        facts = (participant.pk, participant.user_id, participant.is_protected)
        row = _row(
            request,
            facts,
            shown=shown,
            purpose=purpose,
            organisation_id=organisation_id,
            denied=False,
        )
        if row is not None:
            rows.setdefault(participant.pk, row)
    if not rows:
        return []
    return AccessEvent.objects.bulk_create(list(rows.values()))


def _write(
    request: HttpRequest,
    facts: tuple[int, int | None, bool],
    *,
    shown: str,
    purpose: str,
    organisation_id: int | None,
    denied: bool,
) -> AccessEvent | None:
    row = _row(
        request, facts, shown=shown, purpose=purpose, organisation_id=organisation_id, denied=denied
    )
    if row is not None:
        row.save()
    return row


def _row(
    request: HttpRequest,
    facts: tuple[int, int | None, bool],
    *,
    shown: str,
    purpose: str,
    organisation_id: int | None,
    denied: bool,
) -> AccessEvent | None:
    """The unsaved entry, or None for the participant's own data."""
    participant_id, participant_user_id, is_protected = facts
    user = request.user if request.user.is_authenticated else None
    if user is not None and participant_user_id == user.pk:
        return None  # one's own data: not a "who has looked" entry (module docstring)
    role, org = _acting_membership(request, organisation_id)
    if not purpose and not denied:
        purpose = PURPOSE_BY_ROLE.get(role, "")
    return AccessEvent(
        actor=user,
        actor_role=role,
        actor_organisation_id=org,
        participant_id=participant_id,
        shown=str(shown)[:200],
        purpose=str(purpose)[:200],
        path=request.path[:300],
        request_id=current_request_id.get() or getattr(request, "request_id", ""),
        denied=denied,
        flagged=is_protected,
    )


def record_refusal(
    request: HttpRequest,
    lookup: QuerySet[Any],
    *,
    participant: str,
    organisation: str,
    shown: str,
) -> AccessEvent | None:
    """For fetch-and-authorise helpers about to answer 404/403: if `lookup` (the unscoped
    object, by pk) exists, log a denied entry for its participant. `participant` is the path
    from the object to its Participant ("participant", "enrolment__participant"),
    `organisation` the path to the owning organisation's id. One query plus the insert;
    nothing for an id that does not exist."""
    row = lookup.values_list(
        f"{participant}__id",
        f"{participant}__user_id",
        f"{participant}__is_protected",
        organisation,
    ).first()
    if row is None:
        return None
    participant_id, user_id, is_protected, organisation_id = row
    return _write(
        request,
        (participant_id, user_id, is_protected),
        shown=shown,
        purpose="",
        organisation_id=organisation_id,
        denied=True,
    )


# The role recorded for a machine client of the REST API (ADR 0019): it has no user, so the
# entry names its organisation, and the purpose names the client, frozen in the chained row.
API_CLIENT_ROLE = "api_client"


def record_client_access_many(
    request: HttpRequest,
    participants: Iterable[Participant],
    *,
    client_name: str,
    organisation_id: int,
    shown: str,
) -> list[AccessEvent]:
    """One row per participant an API response showed, in one INSERT: the same entry a page
    writes, with the API client (by name) and its organisation as the reader."""
    purpose = _("Uthenting til fagsystemet «%(name)s» (API)") % {"name": client_name}
    request_id = current_request_id.get() or getattr(request, "request_id", "")
    rows: dict[int, AccessEvent] = {}
    for participant in participants:
        rows.setdefault(
            participant.pk,
            AccessEvent(
                actor=None,
                actor_role=API_CLIENT_ROLE,
                actor_organisation_id=organisation_id,
                participant_id=participant.pk,
                shown=str(shown)[:200],
                purpose=str(purpose)[:200],
                path=request.path[:300],
                request_id=request_id,
                denied=False,
                flagged=participant.is_protected,
            ),
        )
    if not rows:
        return []
    return AccessEvent.objects.bulk_create(list(rows.values()))

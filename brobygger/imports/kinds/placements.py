"""Practice placements: one row per placement. Natural key: fødselsnummer, cohort and start
date (a person's placements cannot overlap, placements.services.placement_create refuses it, so
no two start on one day). Written through placement_create, which checks the supervisor's role
at the host, overlaps and the percent, and audits the placement and its first percent period.

There is no service that changes a placement (only later percent periods are added, on the
placement's page), so a row whose placement exists with other values is refused, not changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.no import orgnr as stdnum_orgnr

from brobygger.accounts.models import Membership, Role
from brobygger.core.formatting import format_day
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.imports.kinds.base import Column, Context, Kind, Outcome, RowResult
from brobygger.imports.kinds.cohorts import COHORT, find_cohort
from brobygger.imports.kinds.participants import EXAMPLE_FNR, FNR, national_id
from brobygger.imports.reading import CellError, as_date, as_int, as_text
from brobygger.organisations.models import Organisation
from brobygger.placements.models import Placement
from brobygger.placements.services import placement_create
from brobygger.programmes.models import Cohort

HOST, SUPERVISOR, START, END, PERCENT = (
    "praksissted",
    "praksisveileder",
    "startdato",
    "sluttdato",
    "prosent",
)
# Statuses of people who took part: a placement belongs to the time in the cohort.
TOOK_PART = frozenset({Status.DELTAR, Status.PERMISJON, Status.AVBRUTT, Status.FULLFORT})


# --- lookups shared with the timesheets kind (cached per run: a query per cohort, not row) ---


def _enrolments(ctx: Context, cohort: Cohort) -> dict[str, Enrolment]:
    def build() -> dict[str, Enrolment]:
        found = {}
        for enrolment in Enrolment.objects.filter(cohort=cohort).select_related("participant"):
            enrolment.cohort = cohort  # the cached cohort, with its programme and organisation
            found[enrolment.participant.national_id] = enrolment
        return found

    return ctx.cached(f"enrolments:{cohort.pk}", build)  # type: ignore[no-any-return]


def find_enrolment(ctx: Context, row: dict[str, Any]) -> Enrolment:
    """The row's person in the row's cohort, or CellError saying which of the two is missing."""
    fnr = national_id(row)
    cohort = find_cohort(ctx, as_text(row, COHORT, required=True))
    enrolment = _enrolments(ctx, cohort).get(fnr)
    if enrolment is not None:
        return enrolment
    if not Participant.objects.filter(national_id=fnr).exists():
        raise CellError(
            FNR, _("ingen deltaker har dette fødselsnummeret (importer deltakerne først)")
        )
    raise CellError(FNR, _("personen har ingen søknad til kullet (importer deltakerne først)"))


def cohort_placements(ctx: Context, cohort: Cohort) -> dict[int, list[Placement]]:
    """The cohort's placements by enrolment id, with their percent periods."""

    def build() -> dict[int, list[Placement]]:
        by_id = {e.pk: e for e in _enrolments(ctx, cohort).values()}
        found: dict[int, list[Placement]] = {}
        rows = Placement.objects.filter(enrolment__cohort=cohort).prefetch_related("percents")
        for placement in rows.order_by("start_date"):
            if placement.enrolment_id in by_id:
                placement.enrolment = by_id[placement.enrolment_id]
            found.setdefault(placement.enrolment_id, []).append(placement)
        return found

    return ctx.cached(f"placements:{cohort.pk}", build)  # type: ignore[no-any-return]


def key_of(row: dict[str, Any], *dates: str) -> tuple[Any, ...] | None:
    try:
        return (national_id(row), as_text(row, COHORT).lower(), *(as_date(row, d) for d in dates))
    except CellError:
        return None


# --- hosts and supervisors ---------------------------------------------------------------


def _hosts(ctx: Context) -> dict[str, list[Organisation]]:
    """Organisations by orgnr and by lower-case name (names need not be unique)."""

    def build() -> dict[str, list[Organisation]]:
        found: dict[str, list[Organisation]] = {}
        for org in Organisation.objects.all():
            if org.orgnr:
                found.setdefault(org.orgnr, []).append(org)
            found.setdefault(org.name.strip().lower(), []).append(org)
        return found

    return ctx.cached("hosts", build)  # type: ignore[no-any-return]


def _supervisors(ctx: Context) -> dict[str, dict[int, Any]]:
    """Active supervisor roles: user name and e-mail (lower case) -> {organisation id: user}."""

    def build() -> dict[str, dict[int, Any]]:
        found: dict[str, dict[int, Any]] = {}
        memberships = Membership.objects.active().filter(role=Role.SUPERVISOR)
        for membership in memberships.select_related("user"):
            user = membership.user
            for name in {user.username.lower(), user.email.strip().lower()} - {""}:
                found.setdefault(name, {})[membership.organisation_id] = user
        return found

    return ctx.cached("supervisors", build)  # type: ignore[no-any-return]


def _host(ctx: Context, row: dict[str, Any]) -> Organisation | None:
    text = as_text(row, HOST, max_length=200)
    if not text:
        return None
    compact = stdnum_orgnr.compact(text) if text.replace(" ", "").isdigit() else ""
    if compact and not stdnum_orgnr.is_valid(compact):
        raise CellError(
            HOST, _("«%(value)s» er ikke et gyldig organisasjonsnummer") % {"value": text}
        )
    found = _hosts(ctx).get(compact or text.lower(), [])
    if not found:
        raise CellError(
            HOST,
            _("«%(value)s» er ikke en virksomhet i Brobygger (skriv orgnr. eller navnet)")
            % {"value": text[:100]},
        )
    if len(found) > 1:
        raise CellError(
            HOST,
            _("flere virksomheter heter «%(value)s»: skriv organisasjonsnummeret")
            % {"value": text[:100]},
        )
    return found[0]


def _host_and_supervisor(ctx: Context, row: dict[str, Any]) -> tuple[Organisation, Any]:
    """The host and the supervisor, by user name or e-mail; with the host left blank, the one
    place where that person is a supervisor. No user's name or address goes in a message."""
    name = as_text(row, SUPERVISOR, required=True, max_length=254).lower()
    host = _host(ctx, row)
    roles = _supervisors(ctx).get(name, {})
    if not roles:
        raise CellError(
            SUPERVISOR,
            _("ingen praksisveileder i Brobygger har dette brukernavnet eller denne e-posten"),
        )
    if host is None:
        if len(roles) > 1:
            raise CellError(HOST, _("veilederen er praksisveileder flere steder: skriv hvilket"))
        org_id, user = next(iter(roles.items()))
        by_id = ctx.cached(
            "hosts_by_id", lambda: {o.pk: o for orgs in _hosts(ctx).values() for o in orgs}
        )
        return by_id[org_id], user
    if host.pk not in roles:
        raise CellError(SUPERVISOR, _("er ikke praksisveileder hos %(host)s") % {"host": host.name})
    return host, roles[host.pk]


def check_took_part(enrolment: Enrolment) -> None:
    if enrolment.status not in TOOK_PART:
        raise CellError(
            FNR,
            _("personen har status «%(status)s» og kan ikke ha praksis i kullet")
            % {"status": dict(Status.choices)[enrolment.status]},
        )


def check_in_cohort(cohort: Cohort, column: str, day: dt.date) -> None:
    if not cohort.start_date <= day <= cohort.end_date:
        raise CellError(
            column,
            _("ligger utenfor kullets datoer (%(start)s–%(end)s)")
            % {"start": format_day(cohort.start_date), "end": format_day(cohort.end_date)},
        )


class PlacementsKind(Kind):
    slug = "praksis"
    label = gettext_lazy("Praksisplasser")
    description = gettext_lazy(
        "Én rad per praksisplass. Deltakerne og veilederne må finnes. En praksisplass med samme "
        "person, kull og startdato som en som finnes, blir stående: den endres på praksissiden."
    )
    columns = (
        Column(FNR, gettext_lazy("Deltakerens fødselsnummer."), EXAMPLE_FNR, True),
        Column(COHORT, gettext_lazy("Kullets navn."), "Kull 2024", True),
        Column(
            HOST,
            gettext_lazy(
                "Organisasjonsnummer eller navn på virksomheten. Tom: stedet der veilederen er "
                "praksisveileder."
            ),
            "Bergen kommune, Rusteamet",
        ),
        Column(
            SUPERVISOR,
            gettext_lazy("Praksisveilederens brukernavn eller e-post i Brobygger."),
            "praksisveileder",
            True,
        ),
        Column(
            START,
            gettext_lazy("Første dag, dd.mm.åååå, innenfor kullets datoer."),
            "07.10.2024",
            True,
        ),
        Column(
            END, gettext_lazy("Siste dag, dd.mm.åååå, innenfor kullets datoer."), "23.02.2025", True
        ),
        Column(PERCENT, gettext_lazy("Andel av en full uke (37,5 timer), 1–100."), "50", True),
    )
    field_columns = {
        "host": HOST,
        "supervisor": SUPERVISOR,
        "start_date": START,
        "end_date": END,
        "percent": PERCENT,
        # placement_create's only rule across rows: an overlap with another placement.
        "__all__": START,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        return key_of(row, START)

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        enrolment = find_enrolment(ctx, row)
        cohort = enrolment.cohort
        start = as_date(row, START, required=True)
        end = as_date(row, END, required=True)
        percent = as_int(row, PERCENT, required=True, low=1, high=100)
        assert start is not None and end is not None and percent is not None
        host, supervisor = _host_and_supervisor(ctx, row)
        check_took_part(enrolment)
        check_in_cohort(cohort, START, start)
        check_in_cohort(cohort, END, end)
        placements = cohort_placements(ctx, cohort).setdefault(enrolment.pk, [])
        existing = next((p for p in placements if p.start_date == start), None)
        if existing is None:
            placement = placement_create(
                by=ctx.by,
                enrolment=enrolment,
                host=host,
                supervisor=supervisor,
                start_date=start,
                end_date=end,
                percent=percent,
            )
            placements.append(placement)
            return RowResult(Outcome.CREATE, [_("Ny praksisplass.")])
        first_percent = min(existing.percents.all(), key=lambda p: p.valid_from)
        differs = [
            (HOST, existing.host_id != host.pk),
            (SUPERVISOR, existing.supervisor_id != supervisor.pk),
            (END, existing.end_date != end),
            (PERCENT, first_percent.percent != percent),
        ]
        for column, different in differs:
            if different:
                raise CellError(
                    column,
                    _(
                        "praksisplassen finnes fra før med en annen verdi her. Importen endrer "
                        "ikke praksisplasser: endre den på praksissiden"
                    ),
                )
        return RowResult(Outcome.UNCHANGED, [_("Praksisplassen finnes fra før, uendret.")])

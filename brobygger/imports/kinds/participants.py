"""Participants and their application/enrolment in a cohort, with the status they reached.

Natural key: the national id (fødselsnummer) and the cohort. A person already in Brobygger (by
national id) is reused and left unchanged, as `enrolments.services.application_register` does:
the record may belong to another organisation's history. The status is reached by walking the
transition table (enrolments/transitions.py) from «Søkt inn», one `enrolment_transition` per
step, so history, audit and rules are those of the pages.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from stdnum.no import fodselsnummer

from brobygger.core.formatting import format_day
from brobygger.enrolments.models import EndingReason, Enrolment, Participant, Status
from brobygger.enrolments.services import enrolment_apply, enrolment_transition, participant_create
from brobygger.enrolments.transitions import ALLOWED, COMPLETION_ONLY
from brobygger.imports.kinds.base import (
    Column,
    Context,
    Kind,
    Outcome,
    RowResult,
    choice_lookup,
)
from brobygger.imports.kinds.cohorts import COHORT, find_cohort
from brobygger.imports.reading import CellError, as_date, as_text
from brobygger.organisations.models import Municipality

FNR, FIRST, LAST, MUNICIPALITY = "fødselsnummer", "fornavn", "etternavn", "kommunenummer"
EMAIL, PHONE, APPLIED = "e-post", "telefon", "søknadsdato"
STATUS, STATUS_DATE, REASON, REASON_TEXT = "status", "statusdato", "årsak", "årsaksbeskrivelse"
# The templates' example: an H-number (month + 40) with valid check digits, a form never
# issued as a real person's fødselsnummer (the same as kinds/people.py's).
EXAMPLE_FNR = "16456900570"

# Statuses dated inside the cohort (taking part and what follows it).
IN_COHORT = frozenset({Status.DELTAR, Status.PERMISJON, Status.AVBRUTT})
# Never walked through on the way to another status.
NOT_A_STEP = frozenset({Status.FEILREGISTRERT, Status.IKKE_AKTUELL, *COMPLETION_ONLY})


def status_path(current: str, target: str) -> list[str] | None:
    """The shortest walk through the transition table from `current` to `target` (without the
    start), or None when `target` cannot be reached."""
    queue: deque[tuple[str, list[str]]] = deque([(current, [])])
    seen = {current}
    while queue:
        status, path = queue.popleft()
        for step in sorted(ALLOWED.get(status, frozenset())):
            if step in seen:
                continue
            if step == target:
                return [*path, step]
            if step in NOT_A_STEP:
                continue
            seen.add(step)
            queue.append((step, [*path, step]))
    return None


def national_id(row: dict[str, Any]) -> str:
    raw = as_text(row, FNR, required=True)
    digits = "".join(ch for ch in raw if ch.isdigit())
    if len(raw) == 10 and raw.isdigit():  # Excel dropped the leading zero of a number
        digits = "0" + digits
    if len(digits) != 11:
        raise CellError(FNR, _("må ha 11 siffer"))
    if not fodselsnummer.is_valid(digits):
        raise CellError(FNR, _("har feil kontrollsiffer (ikke et gyldig fødselsnummer)"))
    return digits


def municipality_number(row: dict[str, Any]) -> str:
    raw = as_text(row, MUNICIPALITY)
    if raw and raw.isdigit() and len(raw) < 4:  # Excel dropped the leading zero
        raw = raw.zfill(4)
    return raw


class ParticipantsKind(Kind):
    slug = "deltakere"
    label = gettext_lazy("Deltakere og søknader")
    description = gettext_lazy(
        "Én rad per person og kull: personen, søknaden og statusen personen nådde. Kullene må "
        "finnes (importer dem først med «Kull»)."
    )
    columns = (
        Column(FNR, gettext_lazy("11 siffer, med gyldige kontrollsiffer."), EXAMPLE_FNR, True),
        Column(FIRST, gettext_lazy("Fornavn."), "Kari", True),
        Column(LAST, gettext_lazy("Etternavn."), "Nordmann", True),
        Column(MUNICIPALITY, gettext_lazy("Bostedskommune, fire siffer (2024)."), "4601"),
        Column(EMAIL, gettext_lazy("E-postadresse."), "kari@example.no"),
        Column(PHONE, gettext_lazy("Telefonnummer."), "+47 400 00 000"),
        Column(COHORT, gettext_lazy("Kullets navn, som i Brobygger."), "Kull 2024", True),
        Column(APPLIED, gettext_lazy("Datoen søknaden kom, dd.mm.åååå."), "15.05.2024", True),
        Column(
            STATUS,
            gettext_lazy(
                "Søkt inn, Vurderes, Venteliste, Tatt opp, Deltar, Permisjon, Avbrutt eller Ikke "
                "aktuell. Tom: Søkt inn. Fullført registreres på deltakersiden."
            ),
            "Deltar",
        ),
        Column(
            STATUS_DATE,
            gettext_lazy("Datoen statusen gjelder fra. Tom: søknadsdatoen, eller kullets start."),
            "19.08.2024",
        ),
        Column(
            REASON,
            gettext_lazy("Årsak ved Avbrutt og Ikke aktuell, f.eks. Sykdom, Fikk jobb, Annet."),
            "",
        ),
        Column(REASON_TEXT, gettext_lazy("Beskrivelse, bare når årsaken er «Annet»."), ""),
    )
    field_columns = {
        "national_id": FNR,
        "first_name": FIRST,
        "last_name": LAST,
        "email": EMAIL,
        "phone": PHONE,
        "municipality": MUNICIPALITY,
        "on": STATUS_DATE,
        "reason": REASON,
        "reason_text": REASON_TEXT,
        "applied_on": APPLIED,
    }

    def key(self, row: dict[str, Any]) -> tuple[Any, ...] | None:
        try:
            return (national_id(row), as_text(row, COHORT).lower())
        except CellError:
            return None

    def _statuses(self) -> dict[str, str]:
        found = choice_lookup(list(Status.choices))
        found["tatt opp"] = Status.VENTER_PA_OPPSTART
        return found

    def apply(self, ctx: Context, row: dict[str, Any]) -> RowResult:
        fnr = national_id(row)
        first = as_text(row, FIRST, required=True, max_length=100)
        last = as_text(row, LAST, required=True, max_length=100)
        email = as_text(row, EMAIL, max_length=254)
        phone = as_text(row, PHONE, max_length=20)
        number = municipality_number(row)
        municipalities = ctx.cached("municipalities", lambda: Municipality.objects.in_bulk())
        municipality = municipalities.get(number) if number else None
        if number and municipality is None:
            raise CellError(
                MUNICIPALITY,
                _("«%(number)s» er ikke et kommunenummer (kommunene fra 2024)")
                % {"number": number[:10]},
            )
        cohort = find_cohort(ctx, as_text(row, COHORT, required=True))
        applied_on = as_date(row, APPLIED, required=True)
        assert applied_on is not None
        target = self._target(row)
        status_date = as_date(row, STATUS_DATE)
        reason = self._reason(row)
        reason_text = as_text(row, REASON_TEXT, max_length=500)
        self._check_dates(ctx, cohort, applied_on, target, status_date)

        messages: list[str] = []
        participant = Participant.objects.filter(national_id=fnr).first()
        outcome = Outcome.UNCHANGED
        if participant is None:
            participant = participant_create(
                by=ctx.by,
                first_name=first,
                last_name=last,
                national_id=fnr,
                birth_date=fodselsnummer.get_birth_date(fnr),
                municipality=municipality,
                email=email,
                phone=phone,
            )
            messages.append(_("Ny deltaker."))
            outcome = Outcome.CREATE
        else:
            messages.append(_("Personen finnes fra før (etter fødselsnummer) og endres ikke."))
        enrolment = Enrolment.objects.filter(participant=participant, cohort=cohort).first()
        if enrolment is None:
            enrolment = enrolment_apply(
                by=ctx.by, participant=participant, cohort=cohort, applied_on=applied_on
            )
            messages.append(_("Ny søknad til %(cohort)s.") % {"cohort": cohort.name})
            outcome = Outcome.CREATE
            last_date = applied_on
        else:
            last_date = (
                enrolment.history.order_by("-valid_from", "-id")
                .values_list("valid_from", flat=True)
                .first()
            ) or enrolment.applied_on
        if enrolment.status == target:
            if outcome == Outcome.UNCHANGED:
                messages.append(_("Søknaden finnes fra før, med samme status."))
            return RowResult(outcome, messages)
        path = status_path(enrolment.status, target)
        labels = dict(Status.choices)
        if path is None:
            raise CellError(
                STATUS,
                _("kan ikke endre status fra «%(from)s» til «%(to)s»")
                % {"from": labels[enrolment.status], "to": labels[target]},
            )
        for step in path:
            on = self._step_date(cohort, step, last_date)
            if step == path[-1] and status_date is not None:
                on = status_date
            final = step == path[-1]
            enrolment = enrolment_transition(
                by=ctx.by,
                enrolment=enrolment,
                to=step,
                on=on,
                reason=reason if final else "",
                reason_text=reason_text if final else "",
            )
            last_date = on
        messages.append(_("Status: %(status)s.") % {"status": labels[target]})
        return RowResult(outcome if outcome == Outcome.CREATE else Outcome.CHANGE, messages)

    # --- helpers ----------------------------------------------------------------------------

    def _target(self, row: dict[str, Any]) -> str:
        text = as_text(row, STATUS)
        if not text:
            return Status.SOKT_INN
        target = self._statuses().get(text.lower())
        if target is None:
            raise CellError(STATUS, _("«%(value)s» er ikke en status") % {"value": text[:40]})
        if target in COMPLETION_ONLY:
            raise CellError(
                STATUS,
                _(
                    "«Fullført» importeres ikke: importer «Deltar» og bekreft fullføringen på "
                    "deltakersiden, der kravene sjekkes"
                ),
            )
        if target == Status.FEILREGISTRERT:
            raise CellError(STATUS, _("«Feilregistrert» importeres ikke: utelat raden"))
        return target

    def _reason(self, row: dict[str, Any]) -> str:
        text = as_text(row, REASON)
        if not text:
            return ""
        reason = choice_lookup(list(EndingReason.choices)).get(text.lower())
        if reason is None:
            raise CellError(REASON, _("«%(value)s» er ikke en kjent årsak") % {"value": text[:40]})
        return reason

    def _check_dates(
        self,
        ctx: Context,
        cohort: Any,
        applied_on: dt.date,
        target: str,
        status_date: dt.date | None,
    ) -> None:
        span = {"start": format_day(cohort.start_date), "end": format_day(cohort.end_date)}
        if applied_on > ctx.today:
            raise CellError(APPLIED, _("kan ikke være fram i tid"))
        if applied_on > cohort.end_date:
            raise CellError(APPLIED, _("er etter at kullet sluttet (%(end)s)") % span)
        if status_date is not None:
            if status_date > ctx.today:
                raise CellError(STATUS_DATE, _("kan ikke være fram i tid"))
            if status_date < applied_on:
                raise CellError(STATUS_DATE, _("er før søknadsdatoen"))
        if target in IN_COHORT:
            if cohort.start_date > ctx.today:
                raise CellError(STATUS, _("kullet har ikke startet ennå (%(start)s)") % span)
            day = status_date or cohort.start_date
            if not cohort.start_date <= day <= cohort.end_date:
                raise CellError(
                    STATUS_DATE, _("ligger utenfor kullets datoer (%(start)s–%(end)s)") % span
                )

    @staticmethod
    def _step_date(cohort: Any, step: str, last: dt.date) -> dt.date:
        if step == Status.DELTAR:
            return max(cohort.start_date, last)
        return last

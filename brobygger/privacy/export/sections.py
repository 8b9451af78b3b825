"""The "Mine data" sections for the apps that came before the privacy app.

Each `collect` takes the participant (fetched with municipality and user) and returns tables of
plain values, in a fixed number of queries whatever the number of rows. Everything the app
holds about the person is included, also what the participant pages leave out (reasons,
notes, evaluations, feedback): this is the right of access.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.selectors import describe
from brobygger.attendance.models import AttendanceRecord
from brobygger.enrolments.models import Enrolment, ParticipationPeriod, StatusChange
from brobygger.privacy.consents import consent_text
from brobygger.privacy.export.sections_practice import (
    assessments_section,
    completion_section,
    placements_section,
)
from brobygger.privacy.models import Consent
from brobygger.privacy.registry import (
    BOOL,
    DATE,
    DATETIME,
    NUMBER,
    Field,
    Table,
    choice,
    register_export_section,
    table,
)


def participant_section(participant: Any) -> list[Table]:
    fields = [
        Field("id"),
        Field("first_name", _("Fornavn")),
        Field("last_name", _("Etternavn")),
        Field("birth_date", _("Fødselsdato"), DATE),
        Field("national_id", _("Fødselsnummer")),
        Field("email", _("E-post")),
        Field("phone", _("Telefon")),
        Field("municipality", _("Bostedskommune"), source="municipality.name"),
        Field("username", _("Brukernavn"), source="user.username"),
        Field("created_at", _("Registrert"), DATETIME),
        Field("is_protected", _("Skjermet"), BOOL),
    ]
    return [table("participant", _("Personopplysninger"), [participant], fields)]


def enrolments_section(participant: Any) -> list[Table]:
    enrolments = (
        Enrolment.objects.filter(participant=participant)
        .select_related("cohort__version__programme__organisation", "referring_organisation")
        .order_by("applied_on", "pk")
    )
    history = StatusChange.objects.filter(enrolment__participant=participant).order_by(
        "enrolment_id", "valid_from", "pk"
    )
    periods = ParticipationPeriod.objects.filter(enrolment__participant=participant).order_by(
        "enrolment_id", "valid_from"
    )
    return [
        table(
            "enrolments",
            _("Deltakelser"),
            enrolments,
            [
                Field("id", _("Nr."), NUMBER),
                Field("programme", _("Program"), source="cohort.version.programme.name"),
                Field(
                    "organisation",
                    _("Arrangør"),
                    source="cohort.version.programme.organisation.name",
                ),
                Field("cohort", _("Kull"), source="cohort.name"),
                Field("cohort_start", _("Kullet starter"), DATE, "cohort.start_date"),
                Field("cohort_end", _("Kullet slutter"), DATE, "cohort.end_date"),
                *choice("status", _("Statuskode"), _("Status")),
                Field("applied_on", _("Søknadsdato"), DATE),
                Field("motivation", _("Motivasjon")),
                Field(
                    "referring_organisation",
                    _("Henvist fra"),
                    source="referring_organisation.name",
                ),
            ],
        ),
        table(
            "status_history",
            _("Statushistorikk"),
            history,
            [
                Field("enrolment_id", _("Deltakelse nr."), NUMBER),
                *choice("status", _("Statuskode"), _("Status")),
                Field("valid_from", _("Fra"), DATE),
                Field("valid_to", _("Til"), DATE),
                *choice("reason", _("Årsakskode"), _("Årsak")),
                Field("reason_text", _("Beskrivelse av årsak")),
                Field("note", _("Merknad")),
            ],
        ),
        table(
            "participation_periods",
            _("Deltakelsesprosent"),
            periods,
            [
                Field("enrolment_id", _("Deltakelse nr."), NUMBER),
                Field("percent", _("Prosent"), NUMBER),
                Field("days_per_week", _("Dager per uke"), NUMBER),
                Field("valid_from", _("Fra"), DATE),
                Field("valid_to", _("Til"), DATE),
            ],
        ),
    ]


def attendance_section(participant: Any) -> list[Table]:
    records = (
        AttendanceRecord.objects.filter(enrolment__participant=participant)
        .select_related("session")
        .order_by("session__date", "session__start_time", "pk")
    )
    fields = [
        Field("enrolment_id", _("Deltakelse nr."), NUMBER),
        Field("date", _("Dato"), DATE, "session.date"),
        Field("start", _("Fra"), source=lambda r: r.session.start_time.strftime("%H:%M")),
        Field("end", _("Til"), source=lambda r: r.session.end_time.strftime("%H:%M")),
        Field("topic", _("Tema"), source="session.topic"),
        *choice("status", _("Oppmøtekode"), _("Oppmøte")),
        Field("hours", _("Timer"), NUMBER),
    ]
    return [table("attendance", _("Oppmøte"), records, fields)]


def consents_section(participant: Any) -> list[Table]:
    consents = Consent.objects.filter(participant=participant).order_by("given_at", "pk")
    fields = [
        *choice("purpose", _("Formålskode"), _("Formål")),
        Field("text_version", _("Tekstversjon")),
        Field(
            "text",
            _("Teksten du samtykket til"),
            source=lambda c: consent_text(c.purpose, c.text_version),
        ),
        Field("given_at", _("Gitt"), DATETIME),
        Field("withdrawn_at", _("Trukket"), DATETIME),
    ]
    return [table("consents", _("Samtykker"), consents, fields)]


def access_log_section(participant: Any) -> list[Table]:
    """As on "Hvem har sett mine opplysninger" (accesslog.selectors.describe): staff by role
    and workplace, by name only where the workplace shows names."""
    lines = [
        describe(event)
        for event in AccessEvent.objects.filter(participant=participant, denied=False)
        .select_related("actor", "actor_organisation")
        .order_by("at", "pk")
    ]
    fields = [
        Field("at", _("Tidspunkt"), DATETIME),
        Field("who", _("Hvem")),
        Field("name", _("Navn")),
        Field("shown", _("Hva som ble vist")),
        Field("purpose", _("Hvorfor")),
    ]
    return [table("access_log", _("Hvem har sett opplysningene dine"), lines, fields)]


register_export_section("participant", _("Om deg"), participant_section, order=10)
register_export_section("enrolments", _("Deltakelser"), enrolments_section, order=20)
register_export_section("attendance", _("Oppmøte"), attendance_section, order=30)
register_export_section("placements", _("Praksis"), placements_section, order=40)
register_export_section("assessments", _("Skriftlig oppgave"), assessments_section, order=50)
register_export_section("completion", _("Fullføring"), completion_section, order=60)
register_export_section("consents", _("Samtykker"), consents_section, order=70)
register_export_section("access_log", _("Innsynslogg"), access_log_section, order=200)

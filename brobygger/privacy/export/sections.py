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
    CODE,
    DATE,
    DATETIME,
    NUMBER,
    Column,
    Table,
    register_export_section,
)


def participant_section(participant: Any) -> list[Table]:
    p = participant
    row = {
        "id": p.pk,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "birth_date": p.birth_date,
        "national_id": p.national_id,
        "email": p.email,
        "phone": p.phone,
        "municipality": p.municipality.name if p.municipality else "",
        "username": p.user.username if p.user else "",
        "created_at": p.created_at,
        "is_protected": p.is_protected,
    }
    columns = [
        Column("first_name", _("Fornavn")),
        Column("last_name", _("Etternavn")),
        Column("birth_date", _("Fødselsdato"), DATE),
        Column("national_id", _("Fødselsnummer")),
        Column("email", _("E-post")),
        Column("phone", _("Telefon")),
        Column("municipality", _("Bostedskommune")),
        Column("username", _("Brukernavn")),
        Column("created_at", _("Registrert"), DATETIME),
        Column("is_protected", _("Skjermet"), BOOL),
    ]
    return [Table("participant", _("Personopplysninger"), columns, [row])]


def enrolments_section(participant: Any) -> list[Table]:
    enrolments = [
        {
            "id": e.pk,
            "programme": e.cohort.version.programme.name,
            "organisation": e.cohort.version.programme.organisation.name,
            "cohort": e.cohort.name,
            "cohort_start": e.cohort.start_date,
            "cohort_end": e.cohort.end_date,
            "status": e.status,
            "status_label": e.get_status_display(),
            "applied_on": e.applied_on,
            "motivation": e.motivation,
            "referring_organisation": (
                e.referring_organisation.name if e.referring_organisation else ""
            ),
        }
        for e in Enrolment.objects.filter(participant=participant)
        .select_related("cohort__version__programme__organisation", "referring_organisation")
        .order_by("applied_on", "pk")
    ]
    history = [
        {
            "enrolment_id": h.enrolment_id,
            "status": h.status,
            "status_label": h.get_status_display(),
            "valid_from": h.valid_from,
            "valid_to": h.valid_to,
            "reason": h.reason,
            "reason_label": h.get_reason_display() if h.reason else "",
            "reason_text": h.reason_text,
            "note": h.note,
        }
        for h in StatusChange.objects.filter(enrolment__participant=participant).order_by(
            "enrolment_id", "valid_from", "pk"
        )
    ]
    periods = [
        {
            "enrolment_id": p.enrolment_id,
            "percent": p.percent,
            "days_per_week": p.days_per_week,
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
        }
        for p in ParticipationPeriod.objects.filter(enrolment__participant=participant).order_by(
            "enrolment_id", "valid_from"
        )
    ]
    return [
        Table(
            "enrolments",
            _("Deltakelser"),
            [
                Column("id", _("Nr."), NUMBER),
                Column("programme", _("Program")),
                Column("organisation", _("Arrangør")),
                Column("cohort", _("Kull")),
                Column("cohort_start", _("Kullet starter"), DATE),
                Column("cohort_end", _("Kullet slutter"), DATE),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("applied_on", _("Søknadsdato"), DATE),
                Column("motivation", _("Motivasjon")),
                Column("referring_organisation", _("Henvist fra")),
            ],
            enrolments,
        ),
        Table(
            "status_history",
            _("Statushistorikk"),
            [
                Column("enrolment_id", _("Deltakelse nr."), NUMBER),
                Column("status", _("Statuskode"), CODE),
                Column("status_label", _("Status")),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
                Column("reason", _("Årsakskode"), CODE),
                Column("reason_label", _("Årsak")),
                Column("reason_text", _("Beskrivelse av årsak")),
                Column("note", _("Merknad")),
            ],
            history,
        ),
        Table(
            "participation_periods",
            _("Deltakelsesprosent"),
            [
                Column("enrolment_id", _("Deltakelse nr."), NUMBER),
                Column("percent", _("Prosent"), NUMBER),
                Column("days_per_week", _("Dager per uke"), NUMBER),
                Column("valid_from", _("Fra"), DATE),
                Column("valid_to", _("Til"), DATE),
            ],
            periods,
        ),
    ]


def attendance_section(participant: Any) -> list[Table]:
    rows = [
        {
            "enrolment_id": r.enrolment_id,
            "date": r.session.date,
            "start": r.session.start_time.strftime("%H:%M"),
            "end": r.session.end_time.strftime("%H:%M"),
            "topic": r.session.topic,
            "status": r.status,
            "status_label": r.get_status_display(),
            "hours": r.hours,
        }
        for r in AttendanceRecord.objects.filter(enrolment__participant=participant)
        .select_related("session")
        .order_by("session__date", "session__start_time", "pk")
    ]
    columns = [
        Column("enrolment_id", _("Deltakelse nr."), NUMBER),
        Column("date", _("Dato"), DATE),
        Column("start", _("Fra")),
        Column("end", _("Til")),
        Column("topic", _("Tema")),
        Column("status", _("Oppmøtekode"), CODE),
        Column("status_label", _("Oppmøte")),
        Column("hours", _("Timer"), NUMBER),
    ]
    return [Table("attendance", _("Oppmøte"), columns, rows)]


def consents_section(participant: Any) -> list[Table]:
    rows = [
        {
            "purpose": c.purpose,
            "purpose_label": c.get_purpose_display(),
            "text_version": c.text_version,
            "text": consent_text(c.purpose, c.text_version),
            "given_at": c.given_at,
            "withdrawn_at": c.withdrawn_at,
        }
        for c in Consent.objects.filter(participant=participant).order_by("given_at", "pk")
    ]
    columns = [
        Column("purpose", _("Formålskode"), CODE),
        Column("purpose_label", _("Formål")),
        Column("text_version", _("Tekstversjon")),
        Column("text", _("Teksten du samtykket til")),
        Column("given_at", _("Gitt"), DATETIME),
        Column("withdrawn_at", _("Trukket"), DATETIME),
    ]
    return [Table("consents", _("Samtykker"), columns, rows)]


def access_log_section(participant: Any) -> list[Table]:
    """As on "Hvem har sett mine opplysninger" (accesslog.selectors.describe): staff by role
    and workplace, by name only where the workplace shows names."""
    lines = [
        describe(event)
        for event in AccessEvent.objects.filter(participant=participant, denied=False)
        .select_related("actor", "actor_organisation")
        .order_by("at", "pk")
    ]
    rows = [
        {
            "at": line.at,
            "who": line.who,
            "name": line.name,
            "shown": line.shown,
            "purpose": line.purpose,
        }
        for line in lines
    ]
    columns = [
        Column("at", _("Tidspunkt"), DATETIME),
        Column("who", _("Hvem")),
        Column("name", _("Navn")),
        Column("shown", _("Hva som ble vist")),
        Column("purpose", _("Hvorfor")),
    ]
    return [Table("access_log", _("Hvem har sett opplysningene dine"), columns, rows)]


register_export_section("participant", _("Om deg"), participant_section, order=10)
register_export_section("enrolments", _("Deltakelser"), enrolments_section, order=20)
register_export_section("attendance", _("Oppmøte"), attendance_section, order=30)
register_export_section("placements", _("Praksis"), placements_section, order=40)
register_export_section("assessments", _("Skriftlig oppgave"), assessments_section, order=50)
register_export_section("completion", _("Fullføring"), completion_section, order=60)
register_export_section("consents", _("Samtykker"), consents_section, order=70)
register_export_section("access_log", _("Innsynslogg"), access_log_section, order=200)

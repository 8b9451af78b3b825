"""The menu: which pages each role has. Apps register their entries here, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from brobygger.accounts.models import Role
from brobygger.core.access import user_roles


@dataclass(frozen=True)
class NavItem:
    label: Any  # lazy translation
    url_name: str
    roles: frozenset[str]
    description: Any = ""


NAV_ITEMS: list[NavItem] = [
    NavItem(
        _("Kull"),
        "cohort_list",
        frozenset({Role.COORDINATOR}),
        _("Kull, opptak, deltakere og framdrift."),
    ),
    NavItem(
        _("Program"),
        "programme_list",
        frozenset({Role.COORDINATOR}),
        _("Programversjoner og krav."),
    ),
    NavItem(
        _("Mine økter"),
        "my_sessions",
        frozenset({Role.TEACHER}),
        _("Undervisningsøkter og oppmøte."),
    ),
    NavItem(
        _("Mine praksisplasser"),
        "supervisor_placements",
        frozenset({Role.SUPERVISOR}),
        _("Praksisplasser og timelister som venter på deg."),
    ),
    NavItem(
        _("Mine kandidater"),
        "caseworker_candidates",
        frozenset({Role.CASEWORKER}),
        _("Kandidater du har henvist, og hvordan det går."),
    ),
    NavItem(
        _("Min framdrift"),
        "my_progress",
        frozenset({Role.PARTICIPANT}),
        _("Hva som gjenstår, timelister og skriftlig oppgave."),
    ),
    NavItem(
        _("Mine timelister"),
        "my_timesheets",
        frozenset({Role.PARTICIPANT}),
        _("Før timer for praksisukene."),
    ),
    NavItem(
        _("Skriftlig oppgave"),
        "my_assignment",
        frozenset({Role.PARTICIPANT}),
        _("Lever oppgaven og se vurderingen."),
    ),
    NavItem(
        _("Oppfølging"),
        "followup_list",
        frozenset({Role.COORDINATOR, Role.CASEWORKER}),
        _("Hvem skal følges opp 6 og 12 måneder etter fullført utdanning og ansettelse."),
    ),
    NavItem(
        _("Stillinger"),
        "employer_positions",
        frozenset({Role.EMPLOYER}),
        _("Egne stillinger for MB-ansatte, finansiering og ansettelsessaker."),
    ),
    NavItem(
        _("Kandidater"),
        "candidate_list",
        frozenset({Role.EMPLOYER}),
        _("Kandidatprofiler som deltakerne selv har valgt å vise."),
    ),
    NavItem(
        _("Mine MB-ansatte"),
        "employer_employments",
        frozenset({Role.EMPLOYER}),
        _("Ansatte med brukererfaring og stillingsprosent over tid."),
    ),
    NavItem(
        _("Arbeidsforhold"),
        "employment_list",
        frozenset({Role.COORDINATOR, Role.CASEWORKER}),
        _("Jobb etter utdanningen: stilling, finansiering og ytelse."),
    ),
    NavItem(
        _("Stillinger i området"),
        "area_positions",
        frozenset({Role.COORDINATOR, Role.COUNTY_COORDINATOR}),
        _("MB-stillinger hos arbeidsgivere i fylket."),
    ),
    NavItem(
        _("Arbeidsgivere"),
        "employer_org_list",
        frozenset({Role.COORDINATOR, Role.COUNTY_COORDINATOR}),
        _("Registrer arbeidsgivere og gi dem tilgang."),
    ),
    NavItem(
        _("Jobbprofil"),
        "my_profile",
        frozenset({Role.PARTICIPANT}),
        _("Vis deg fram for arbeidsgivere, med samtykke."),
    ),
    NavItem(
        _("Ledige stillinger"),
        "my_positions",
        frozenset({Role.PARTICIPANT}),
        _("Søk på stillinger og følg søknadene dine."),
    ),
    NavItem(
        _("Hvem har sett mine opplysninger"),
        "my_access_log",
        frozenset({Role.PARTICIPANT}),
        _("Hvem som har åpnet opplysninger om deg, når og hvorfor."),
    ),
    NavItem(
        _("Lønnstilskudd"),
        "subsidy_agreement_list",
        frozenset({Role.COORDINATOR, Role.CASEWORKER, Role.EMPLOYER}),
        _("Avtaler om lønnstilskudd fra NAV, tilskudd per måned og refusjoner."),
    ),
    NavItem(
        _("Satser for lønnstilskudd"),
        "subsidy_rate_list",
        frozenset({Role.ADMIN}),
        _("Satstabellen: nye satser fra en dato, uten å endre historikken."),
    ),
    NavItem(
        _("Innsynslogg"),
        "access_log_review",
        frozenset({Role.ADMIN}),
        _("Avviste oppslag og oppslag på skjermede deltakere."),
    ),
    NavItem(
        _("Innboks"),
        "contacts_inbox",
        frozenset({Role.COUNTY_COORDINATOR}),
        _("Meldinger fra ledere i fylket som vil ansette en medarbeider med brukererfaring."),
    ),
    NavItem(
        _("Fylkeskoordinatorer"),
        "county_coordinator_list",
        frozenset({Role.ADMIN}),
        _("Oversikten over fylkeskoordinatorer som vises på «Finn din kontakt»."),
    ),
    NavItem(
        _("Veiledning"),
        "guidance_manage",
        frozenset({Role.ADMIN}),
        _("Råd til ledere og ressursbiblioteket, med versjoner."),
    ),
    NavItem(
        _("Resultater"),
        "outcomes_dashboard",
        frozenset({Role.COORDINATOR, Role.COUNTY_COORDINATOR, Role.ANALYST}),
        _("Fullføring, jobb etter fullføring og tall per kull, år og kommune."),
    ),
    NavItem(
        _("Organisasjoner"),
        "organisation_list",
        frozenset({Role.ADMIN}),
        _("Kommuner, NAV-kontorer, arbeidsgivere og fylkeskommuner, og hvem som er der."),
    ),
    NavItem(
        _("Brukere"),
        "my_organisations",
        frozenset({Role.COORDINATOR}),
        _("Hvem som har tilgang i organisasjonen din, roller og siste innlogging."),
    ),
    NavItem(
        _("Administrasjon"),
        "admin:index",
        frozenset({Role.ADMIN}),
        _("Django-admin: revisjonslogg og sjeldne rettelser."),
    ),
    NavItem(
        _("Personvern"),
        "privacy_home",
        frozenset({Role.PARTICIPANT}),
        _("Samtykker, alle opplysningene om deg, og hvor lenge vi tar vare på dem."),
    ),
]


def sections_for(request: HttpRequest) -> list[dict[str, str]]:
    held = user_roles(request)
    sections = []
    for item in NAV_ITEMS:
        if not held & item.roles:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:  # the app has not registered its page yet
            continue
        sections.append(
            {"label": str(item.label), "url": url, "description": str(item.description)}
        )
    return sections

"""Plain factory functions and the shared personas for tests (synthetic people only).

Outside every app (it was core/testing.py until ADR 0024): it builds enrolments and programmes,
which sit above core. Only tests import it (a contract in pyproject.toml says so)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from brobygger.accounts.models import Membership, Role, User
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.enrolments.services import enrolment_apply, enrolment_transition
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.programmes.models import Cohort, Programme, ProgrammeVersion, Session

_seq = itertools.count(1)
PASSWORD = "test-passord-som-er-langt"

# Path through the transition table to reach each status from SOKT_INN.
PATH_TO: dict[str, list[str]] = {
    Status.SOKT_INN: [],
    Status.VURDERES: [Status.VURDERES],
    Status.VENTELISTE: [Status.VURDERES, Status.VENTELISTE],
    Status.VENTER_PA_OPPSTART: [Status.VURDERES, Status.VENTER_PA_OPPSTART],
    Status.DELTAR: [Status.VURDERES, Status.VENTER_PA_OPPSTART, Status.DELTAR],
    Status.PERMISJON: [Status.VURDERES, Status.VENTER_PA_OPPSTART, Status.DELTAR, Status.PERMISJON],
}


def make_org(
    name: str | None = None, *, kind: str = OrganisationKind.MUNICIPAL_UNIT, kommune: str = "4601"
) -> Organisation:
    return Organisation.objects.create(
        name=name or f"Enhet {next(_seq)}",
        kind=kind,
        municipality=Municipality.objects.get(number=kommune),
    )


def make_user(
    username: str | None = None,
    *,
    role: str | None = None,
    org: Organisation | None = None,
    first_name: str = "Test",
    last_name: str | None = None,
) -> User:
    n = next(_seq)
    user = User.objects.create_user(
        username=username or f"bruker{n}",
        password=PASSWORD,
        first_name=first_name,
        last_name=last_name or f"Person{n}",
    )
    if role:
        Membership.objects.create(user=user, role=role, organisation=org or make_org())
    return user


def make_programme(org: Organisation, **version_fields: Any) -> ProgrammeVersion:
    programme = Programme.objects.create(name=f"MB-utdanning {org.name}", organisation=org)
    return ProgrammeVersion.objects.create(
        programme=programme, name=version_fields.pop("name", "2024"), **version_fields
    )


def make_cohort(
    version: ProgrammeVersion,
    *,
    start: dt.date = dt.date(2026, 8, 17),
    capacity: int = 17,
    weeks: int = 44,
    coordinators: Sequence[User] = (),
    teachers: Sequence[User] = (),
) -> Cohort:
    cohort = Cohort.objects.create(
        version=version,
        name=f"Kull {next(_seq)}",
        start_date=start,
        end_date=start + dt.timedelta(weeks=weeks),
        capacity=capacity,
        place="Bergen",
    )
    cohort.coordinators.set(coordinators)
    cohort.teachers.set(teachers)
    return cohort


def make_session(
    cohort: Cohort,
    *,
    date: dt.date | None = None,
    start: dt.time = dt.time(9),
    end: dt.time = dt.time(12),
    teacher: User | None = None,
) -> Session:
    return Session.objects.create(
        cohort=cohort,
        date=date or cohort.start_date,
        start_time=start,
        end_time=end,
        topic=f"Tema {next(_seq)}",
        teacher=teacher,
    )


def make_participant(
    first_name: str = "Kari", last_name: str | None = None, **fields: Any
) -> Participant:
    return Participant.objects.create(
        first_name=first_name, last_name=last_name or f"Testesen{next(_seq)}", **fields
    )


def make_enrolment(
    cohort: Cohort,
    *,
    participant: Participant | None = None,
    status: str = Status.DELTAR,
    by: User | None = None,
    **apply_fields: Any,
) -> Enrolment:
    enrolment = enrolment_apply(
        by=by,
        participant=participant or make_participant(),
        cohort=cohort,
        applied_on=cohort.start_date - dt.timedelta(days=60),
        **apply_fields,
    )
    for step in PATH_TO[status]:
        on = (
            cohort.start_date
            if step in (Status.DELTAR, Status.PERMISJON)
            else cohort.start_date - dt.timedelta(days=30)
        )
        enrolment = enrolment_transition(by=by, enrolment=enrolment, to=step, on=on)
    return enrolment


@dataclass
class Personas:
    """Two organisations, a coordinator in each, and one person per role.

    `bergen` runs a programme with NAV Bergen as partner; `stavanger` runs its own. The
    `other_coordinator` (Stavanger) must see nothing of Bergen's participants.
    """

    bergen: Organisation
    nav: Organisation
    stavanger: Organisation
    host: Organisation
    employer_org: Organisation
    coordinator: User
    other_coordinator: User
    teacher: User
    supervisor: User
    caseworker: User
    county_coordinator: User
    employer: User
    analyst: User
    admin: User
    participant_user: User
    other_participant_user: User
    version: ProgrammeVersion
    cohort: Cohort
    other_cohort: Cohort
    enrolment: Enrolment
    other_enrolment: Enrolment
    stavanger_enrolment: Enrolment
    # Stavanger/Rogaland holders of every role (core/tests/test_authorisation_matrix.py): each
    # must be refused Bergen's objects.
    other_teacher: User
    other_supervisor: User
    other_caseworker: User
    other_employer: User
    other_county_coordinator: User
    stavanger_participant_user: User


def build_personas() -> Personas:
    bergen = make_org("Bergen kommune, MB-utdanning", kommune="4601")
    nav = make_org("NAV Bergen sør", kind=OrganisationKind.NAV_OFFICE, kommune="4601")
    stavanger = make_org("Stavanger kommune, MB-utdanning", kommune="1103")
    host = make_org("Bergen kommune, Rusteamet", kind=OrganisationKind.PLACEMENT_SITE)
    employer_org = make_org("Bergen kommune, Psykiatritjenesten", kind=OrganisationKind.EMPLOYER)
    nav_vestland = make_org("NAV Vestland", kind=OrganisationKind.NAV_OFFICE)
    national = make_org("Nasjonal analyse", kind=OrganisationKind.NATIONAL, kommune="0301")

    coordinator = make_user("koordinator", role=Role.COORDINATOR, org=bergen, first_name="Kora")
    other_coordinator = make_user(
        "stavanger", role=Role.COORDINATOR, org=stavanger, first_name="Sturla"
    )
    teacher = make_user("underviser", role=Role.TEACHER, org=bergen, first_name="Ulla")
    supervisor = make_user("praksisveileder", role=Role.SUPERVISOR, org=host, first_name="Pia")
    caseworker = make_user("veileder", role=Role.CASEWORKER, org=nav, first_name="Vera")
    county = make_user("fylkeskoordinator", role=Role.COUNTY_COORDINATOR, org=nav_vestland)
    employer = make_user("arbeidsgiver", role=Role.EMPLOYER, org=employer_org)
    analyst = make_user("analytiker", role=Role.ANALYST, org=national)
    admin = make_user("admin", role=Role.ADMIN, org=national)
    p_user = make_user("deltaker", role=Role.PARTICIPANT, org=bergen, first_name="Dina")
    other_p_user = make_user("deltaker2", role=Role.PARTICIPANT, org=bergen, first_name="Dag")

    version = make_programme(bergen)
    version.programme.partners.add(nav)
    cohort = make_cohort(version, coordinators=[coordinator], teachers=[teacher])
    other_cohort = make_cohort(make_programme(stavanger), coordinators=[other_coordinator])

    enrolment = make_enrolment(
        cohort,
        participant=make_participant("Dina", "Deltakersen", user=p_user),
        referred_by=caseworker,
        referring_organisation=nav,
    )
    other_enrolment = make_enrolment(
        cohort, participant=make_participant("Dag", "Deltakersen", user=other_p_user)
    )
    stavanger_enrolment = make_enrolment(
        other_cohort, participant=make_participant("Siri", "Stavang")
    )
    others = _build_other_organisation_personas(stavanger, other_cohort, stavanger_enrolment)
    return Personas(
        bergen=bergen,
        nav=nav,
        stavanger=stavanger,
        host=host,
        employer_org=employer_org,
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        teacher=teacher,
        supervisor=supervisor,
        caseworker=caseworker,
        county_coordinator=county,
        employer=employer,
        analyst=analyst,
        admin=admin,
        participant_user=p_user,
        other_participant_user=other_p_user,
        version=version,
        cohort=cohort,
        other_cohort=other_cohort,
        enrolment=enrolment,
        other_enrolment=other_enrolment,
        stavanger_enrolment=stavanger_enrolment,
        **others,
    )


def _build_other_organisation_personas(
    stavanger: Organisation, other_cohort: Cohort, stavanger_enrolment: Enrolment
) -> dict[str, User]:
    """One user per role outside Bergen: Stavanger's units and NAV Rogaland."""
    nav = make_org("NAV Stavanger", kind=OrganisationKind.NAV_OFFICE, kommune="1103")
    host = make_org(
        "Stavanger kommune, Rusteamet", kind=OrganisationKind.PLACEMENT_SITE, kommune="1103"
    )
    employer_org = make_org(
        "Stavanger kommune, Helsehuset", kind=OrganisationKind.EMPLOYER, kommune="1103"
    )
    nav_rogaland = make_org("NAV Rogaland", kind=OrganisationKind.NAV_OFFICE, kommune="1103")
    teacher = make_user("underviser-stavanger", role=Role.TEACHER, org=stavanger, first_name="Ola")
    other_cohort.teachers.add(teacher)
    participant_user = make_user(
        "deltaker-stavanger", role=Role.PARTICIPANT, org=stavanger, first_name="Siri"
    )
    participant = stavanger_enrolment.participant
    participant.user = participant_user
    participant.save(update_fields=["user"])
    return {
        "other_teacher": teacher,
        "other_supervisor": make_user(
            "praksisveileder-stavanger", role=Role.SUPERVISOR, org=host, first_name="Per"
        ),
        "other_caseworker": make_user(
            "veileder-stavanger", role=Role.CASEWORKER, org=nav, first_name="Vilde"
        ),
        "other_employer": make_user("arbeidsgiver-stavanger", role=Role.EMPLOYER, org=employer_org),
        "other_county_coordinator": make_user(
            "fylkeskoordinator-rogaland", role=Role.COUNTY_COORDINATOR, org=nav_rogaland
        ),
        "stavanger_participant_user": participant_user,
    }

"""The organisations, staff and programme the demo history hangs on."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from brobygger.accounts.models import Membership, Role, User
from brobygger.demo.builder.calendar import WEEK, monday
from brobygger.demo.names import OTHER_SUPERVISORS, STAFF, NamePool
from brobygger.organisations.models import Municipality, Organisation, OrganisationKind
from brobygger.programmes.models import Programme, ProgrammeVersion

PROGRAMME_NAME = "MB-utdanning Bergen"
DEMO_PASSWORD = "brobygger-demo"
SEED = 2006
# The running cohort is halfway: it started 23 weeks ago and lasts 46 weeks.
RUNNING_WEEKS_IN = 23
RUNNING_LENGTH_WEEKS = 46
FINISHED_LENGTH_WEEKS = 44
FINISHED_COHORTS = 10
OLD_VERSION_COHORTS = 6

OWNER = "Bergen kommune, Etat for psykisk helse og rustjenester"
SUPERVISOR_SITE = "Bergen kommune, Rusteamet Årstad"
OTHER_SITES = (
    "Bergen kommune, Aktivitetshuset",
    "Kirkens Bymisjon Bergen",
    "Bergen kommune, Ressurssenter Nygård",
)

# username -> (role, key of the organisation in Demo.orgs)
DEMO_LOGINS: dict[str, tuple[str, str]] = {
    "koordinator": (Role.COORDINATOR, "owner"),
    "underviser": (Role.TEACHER, "owner"),
    "praksisveileder": (Role.SUPERVISOR, SUPERVISOR_SITE),
    "veileder": (Role.CASEWORKER, "nav"),
    "fylkeskoordinator": (Role.COUNTY_COORDINATOR, "county"),
    "arbeidsgiver": (Role.EMPLOYER, "employer"),
    "deltaker": (Role.PARTICIPANT, "owner"),
    "analytiker": (Role.ANALYST, "national"),
    "admin": (Role.ADMIN, "national"),
}

# Supervisors at the other sites; no demo login of their own.
OTHER_SUPERVISOR_USERNAMES = tuple(f"praksisveileder{n}" for n in range(2, 2 + len(OTHER_SITES)))


@dataclass
class Demo:
    rng: random.Random
    today: dt.date
    orgs: dict[str, Organisation]
    users: dict[str, User]
    # (site, supervisor); the first is the demo praksisveileder's.
    sites: list[tuple[Organisation, User]]
    programme: Programme
    old_version: ProgrammeVersion
    new_version: ProgrammeVersion
    names: NamePool
    home_municipalities: dict[str, Municipality] = field(default_factory=dict)

    @property
    def running_start(self) -> dt.date:
        return running_start(self.today)

    def user(self, username: str) -> User:
        return self.users[username]


def running_start(today: dt.date) -> dt.date:
    return monday(today - RUNNING_WEEKS_IN * WEEK)


def finished_years(today: dt.date) -> list[int]:
    """Ten consecutive autumn intakes, the last one ending before the running cohort starts."""
    start = running_start(today)
    last = start.year
    # The latest intake starts by mid-September (see history.build_finished).
    while dt.date(last, 9, 15) + FINISHED_LENGTH_WEEKS * WEEK >= start:
        last -= 1
    return list(range(last - FINISHED_COHORTS + 1, last + 1))


def _org(name: str, kind: str, municipality: Municipality) -> Organisation:
    org = Organisation(name=name, kind=kind, municipality=municipality)
    org.full_clean()
    org.save()
    return org


def _user(username: str, first: str, last: str, password: str, **extra: bool) -> User:
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        password=password,
        **extra,
    )
    user.full_clean()
    user.save()
    return user


def build_context(today: dt.date) -> Demo:
    rng = random.Random(SEED)  # noqa: S311 - reproducible invented data, not security
    bergen = Municipality.objects.get(number="4601")
    oslo = Municipality.objects.get(number="0301")
    orgs = {
        "owner": _org(OWNER, OrganisationKind.MUNICIPAL_UNIT, bergen),
        "nav": _org("NAV Bergen sør", OrganisationKind.NAV_OFFICE, bergen),
        "county": _org("NAV Vestland", OrganisationKind.NAV_OFFICE, bergen),
        "employer": _org("Bergen kommune, Psykiatritjenesten", OrganisationKind.EMPLOYER, bergen),
        "national": _org("Nasjonal analyseenhet for MB", OrganisationKind.NATIONAL, oslo),
    }
    for name in (SUPERVISOR_SITE, *OTHER_SITES):
        orgs[name] = _org(name, OrganisationKind.PLACEMENT_SITE, bergen)

    # One hash for every demo login: PBKDF2 is slow on purpose, nine times would be seconds.
    password = make_password(DEMO_PASSWORD)
    users: dict[str, User] = {}
    for username, (role, org_key) in DEMO_LOGINS.items():
        first, last = STAFF[username]
        superuser = username == "admin"
        users[username] = _user(
            username, first, last, password, is_staff=superuser, is_superuser=superuser
        )
        Membership.objects.create(user=users[username], organisation=orgs[org_key], role=role)

    sites = [(orgs[SUPERVISOR_SITE], users["praksisveileder"])]
    others = zip(OTHER_SITES, OTHER_SUPERVISORS, OTHER_SUPERVISOR_USERNAMES, strict=True)
    for name, (first, last), username in others:
        # No demo login of their own: an unusable password.
        supervisor = _user(username, first, last, make_password(None))
        Membership.objects.create(user=supervisor, organisation=orgs[name], role=Role.SUPERVISOR)
        sites.append((orgs[name], supervisor))

    programme = Programme.objects.create(name=PROGRAMME_NAME, organisation=orgs["owner"])
    programme.partners.add(orgs["nav"])
    years = finished_years(today)
    old_version = ProgrammeVersion(
        programme=programme,
        name=str(years[0]),
        theory_hours=Decimal("140"),
        practice_weeks=14,
        placement_percent=50,
        week_tolerance=Decimal("0.80"),
        assignment_required=True,
        nominal_months=10,
    )
    new_version = ProgrammeVersion(
        programme=programme,
        name=str(years[OLD_VERSION_COHORTS]),
        theory_hours=Decimal("180"),
        practice_weeks=20,
        placement_percent=50,
        week_tolerance=Decimal("0.90"),
        assignment_required=True,
        nominal_months=12,
    )
    for version in (old_version, new_version):
        version.full_clean()
        version.save()

    reserved = set(STAFF.values()) | set(OTHER_SUPERVISORS)
    return Demo(
        rng=rng,
        today=today,
        orgs=orgs,
        users=users,
        sites=sites,
        programme=programme,
        old_version=old_version,
        new_version=new_version,
        names=NamePool(rng, reserved),
        home_municipalities={
            m.number: m
            for m in Municipality.objects.filter(
                number__in=["4601", "4624", "4626", "4627", "4631"]
            )
        },
    )

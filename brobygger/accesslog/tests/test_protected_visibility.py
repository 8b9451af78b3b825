"""A protected participant is invisible to everyone not named: the cohort's own coordinator,
teacher, supervisor and caseworker included. Named users see them, and every view is flagged."""

import datetime as dt

import pytest
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.protection import participant_protect
from brobygger.accounts.models import Role
from brobygger.assessments.tests.factories import make_attempts
from brobygger.enrolments.access import enrolments_visible_to
from brobygger.enrolments.models import ProtectionReason, Status
from brobygger.placements.tests.factories import START, make_placement, make_timesheet
from brobygger.testing import make_enrolment, make_participant, make_session, make_user

# The apps whose lists this task filters (and this app); the others are checked too.
PROGRAMME_APPS = tuple(
    f"brobygger.{app}."
    for app in (
        "programmes",
        "enrolments",
        "attendance",
        "placements",
        "assessments",
        "completion",
        "accesslog",
        "core",
    )
)
DINA = "Dina Deltakersen"
DAG = "Dag Deltakersen"


@pytest.fixture
def world(personas, time_machine):
    """Dina takes part (placement, timesheet, assignment); Sigrid has applied. Both are
    protected by a second Bergen coordinator, Nora, who names nobody else."""
    time_machine.move_to(dt.datetime(2026, 10, 15, 12, 0), tick=False)
    nora = make_user("nora", role=Role.COORDINATOR, org=personas.bergen, first_name="Nora")
    placement = make_placement(personas)
    sigrid = make_enrolment(
        personas.cohort,
        participant=make_participant("Sigrid", "Skjermsen"),
        status=Status.SOKT_INN,
        referred_by=personas.caseworker,
        referring_organisation=personas.nav,
    )
    for participant in (personas.enrolment.participant, sigrid.participant):
        participant_protect(participant=participant, by=nora, reason=ProtectionReason.SAME_SERVICE)
    return {
        "nora": nora,
        "placement": placement,
        "timesheet": make_timesheet(placement, START, "18.75", status="submitted"),
        "submission": make_attempts(personas.enrolment, 1, by=personas.coordinator)[0],
        "session": make_session(personas.cohort, date=dt.date(2026, 9, 1)),
        "sigrid": sigrid,
    }


def page(client, user, name, *args):
    client.force_login(user)
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200, name
    return response.content.decode()


def test_the_cohorts_coordinator_does_not_see_them_in_the_overview(client, personas, world):
    html = page(client, personas.coordinator, "cohort_overview", personas.cohort.pk)
    assert DINA not in html and DAG in html


def test_nor_in_the_applications_list(client, personas, world):
    make_enrolment(
        personas.cohort, participant=make_participant("Åse", "Åpen"), status=Status.SOKT_INN
    )
    html = page(client, personas.coordinator, "cohort_applications", personas.cohort.pk)
    assert "Skjermsen" not in html and "Åpen" in html
    # Capacity is real: the protected applicant is not counted as a place taken (SOKT_INN),
    # but someone admitted would be. The list itself names nobody protected.


def test_nor_in_the_attendance_grid_for_coordinator_or_teacher(client, personas, world):
    for user in (personas.coordinator, personas.teacher):
        html = page(client, user, "session_attendance", world["session"].pk)
        assert DINA not in html and DAG in html


def test_nor_in_the_supervisors_list(client, personas, world):
    other = make_enrolment(
        personas.cohort, participant=make_participant("Per", "Pleiesen"), by=personas.coordinator
    )
    make_placement(personas, enrolment=other)
    html = page(client, personas.supervisor, "supervisor_placements")
    assert "Dina" not in html and "Per Pleiesen" in html


def test_nor_in_the_caseworkers_list(client, personas, world):
    html = page(client, personas.caseworker, "caseworker_candidates")
    assert DINA not in html and "Skjermsen" not in html


def test_their_pages_are_404_for_everyone_not_named(client, personas, world):
    enrolment = personas.enrolment.pk
    attempts = [
        (personas.coordinator, "enrolment_detail", enrolment),
        (personas.coordinator, "placement_detail", world["placement"].pk),
        (personas.coordinator, "submission_download", world["submission"].pk),
        (personas.coordinator, "participant_protection", enrolment),
        (personas.caseworker, "enrolment_detail", enrolment),
        (personas.supervisor, "placement_detail", world["placement"].pk),
        (personas.supervisor, "timesheet_review", world["timesheet"].pk),
        (personas.supervisor, "evaluation_edit", world["placement"].pk, "midway"),
    ]
    for user, name, *args in attempts:
        client.force_login(user)
        assert client.get(reverse(name, args=args)).status_code == 404, (user, name)
    # Each refusal is logged as denied, and flagged (the participant is protected).
    denied = AccessEvent.objects.filter(denied=True)
    assert denied.count() == len(attempts)
    assert all(event.flagged for event in denied)
    assert not AccessEvent.objects.filter(denied=False).exists()


def test_the_scopes_leave_them_out_for_the_unnamed(personas, world):
    assert personas.enrolment not in enrolments_visible_to(personas.coordinator)
    assert personas.enrolment not in enrolments_visible_to(personas.caseworker)
    assert personas.other_enrolment in enrolments_visible_to(personas.coordinator)


def test_a_named_user_sees_them_and_every_view_is_flagged(client, personas, world):
    nora = world["nora"]
    assert DINA in page(client, nora, "cohort_overview", personas.cohort.pk)
    assert DINA in page(client, nora, "enrolment_detail", personas.enrolment.pk)
    assert "Skjermsen" in page(client, nora, "cohort_applications", personas.cohort.pk)
    # The overview (progress and warnings per person) and her page: two entries for her,
    # both flagged; the applications list writes none. The unprotected one is not flagged.
    hers = AccessEvent.objects.filter(participant=personas.enrolment.participant)
    assert [e.path for e in hers.order_by("pk")] == [
        reverse("cohort_overview", args=[personas.cohort.pk]),
        reverse("enrolment_detail", args=[personas.enrolment.pk]),
    ]
    assert all(e.flagged and not e.denied and e.actor == nora for e in hers)
    others = AccessEvent.objects.exclude(participant=personas.enrolment.participant)
    assert others.count() == 1 and not others.get().flagged


def test_a_named_supervisor_sees_the_placement_again(client, personas, world):
    participant_protect(
        participant=personas.enrolment.participant,
        by=world["nora"],
        reason=ProtectionReason.SAME_SERVICE,
        users=[personas.supervisor],
    )
    assert "Dina" in page(client, personas.supervisor, "supervisor_placements")
    page(client, personas.supervisor, "timesheet_review", world["timesheet"].pk)
    assert AccessEvent.objects.get().flagged


def test_the_participant_still_sees_their_own_pages(client, personas, world):
    html = page(client, personas.participant_user, "my_progress")
    assert personas.cohort.name in html
    page(client, personas.participant_user, "placement_detail", world["placement"].pk)
    assert AccessEvent.objects.count() == 0


def test_no_page_of_the_project_names_her_to_a_user_not_named(personas, time_machine):
    """The safety net: every GET route, lists and object pages (with each app's Bergen
    object from its scoping.py), as every staff persona: "Dina" appears nowhere."""
    from django.test import Client

    from brobygger.accounts.models import Role as R
    from brobygger.core.tests.routes import (
        OWN,
        declared_roles,
        has_builder,
        is_object_route,
        load_scoping,
        one_route,
        project_routes,
    )

    nora = make_user("nora", role=Role.COORDINATOR, org=personas.bergen, first_name="Nora")
    participant_protect(
        participant=personas.enrolment.participant, by=nora, reason=ProtectionReason.SAME_SERVICE
    )
    scoping = load_scoping()
    staff = [role for role in OWN if role != R.PARTICIPANT]
    leaks, elsewhere, tried = [], set(), 0
    for route in project_routes():
        roles = declared_roles(route)
        if roles is None or (is_object_route(route) and not has_builder(route, scoping)):
            continue
        keys = set(vars(personas))
        with one_route(route, personas, scoping, time_machine) as objects:
            try:
                url = objects.url(route)
            except Exception:  # noqa: BLE001 - a builder that cannot run here is not a leak
                continue
            for role in [r for r in staff if str(r) in roles]:
                client = Client(raise_request_exception=False)
                client.force_login(getattr(personas, OWN[role]))
                response = client.get(url)
                tried += 1
                body = (
                    b"".join(response.streaming_content)  # type: ignore[attr-defined]
                    if getattr(response, "streaming", False)
                    else response.content
                )
                if response.status_code == 200 and b"Dina" in body:
                    leaks.append(f"{route.qualname} as {role}")
                    if not route.module.startswith(PROGRAMME_APPS):
                        elsewhere.add(route.qualname)
        for key in set(vars(personas)) - keys:
            delattr(personas, key)
    assert tried > 50
    assert leaks == [], leaks

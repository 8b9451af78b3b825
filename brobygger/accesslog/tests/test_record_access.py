"""record_access and record_refusal: what one read-log row holds, and when none is written."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accesslog.services import record_access as _record_access
from brobygger.accesslog.services import record_refusal as _record_refusal
from brobygger.accounts.models import Membership, Role
from brobygger.assessments.tests.factories import make_attempts
from brobygger.enrolments.models import Enrolment
from brobygger.placements.tests.factories import START, make_placement, make_timesheet


def record_access(*args, **kwargs):  # type: ignore[no-untyped-def]
    return _record_access(*args, **kwargs)


def record_refusal(*args, **kwargs):  # type: ignore[no-untyped-def]
    return _record_refusal(*args, **kwargs)


def request_for(user, path="/deltakelser/1/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_it_records_who_in_which_role_and_organisation_what_and_why(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 15, 10, 30, tzinfo=dt.UTC), tick=False)
    participant = personas.enrolment.participant
    event = record_access(
        request_for(personas.coordinator),
        participant,
        shown="Deltakersiden",
        purpose="Oppfølging",
        organisation_id=personas.bergen.pk,
    )
    event.refresh_from_db()
    assert event.actor == personas.coordinator
    assert event.actor_role == Role.COORDINATOR
    assert event.actor_organisation == personas.bergen
    assert event.participant == participant
    assert (event.shown, event.purpose) == ("Deltakersiden", "Oppfølging")
    assert event.at == dt.datetime(2026, 10, 15, 10, 30, tzinfo=dt.UTC)
    assert event.path == "/deltakelser/1/"
    assert not event.denied and not event.flagged


def test_it_takes_the_membership_in_the_records_organisation(personas):
    # The coordinator also supervises at the host: acting for Bergen, they are coordinator.
    Membership.objects.create(
        user=personas.coordinator, role=Role.SUPERVISOR, organisation=personas.host
    )
    event = record_access(
        request_for(personas.coordinator),
        personas.enrolment.participant.pk,
        shown="x",
        organisation_id=personas.host.pk,
    )
    assert (event.actor_role, event.actor_organisation) == (Role.SUPERVISOR, personas.host)


def test_without_a_purpose_it_names_the_roles_usual_one(personas):
    event = record_access(
        request_for(personas.supervisor), personas.enrolment.participant, shown="Timeliste"
    )
    assert event.purpose == "Veiledning og godkjenning i praksis"


def test_the_participant_looking_at_their_own_data_is_not_logged(personas):
    participant = personas.enrolment.participant
    assert record_access(request_for(personas.participant_user), participant, shown="x") is None
    assert record_access(request_for(personas.participant_user), participant.pk, shown="x") is None
    assert AccessEvent.objects.count() == 0


def test_another_participant_looking_is_logged(personas):
    event = record_access(
        request_for(personas.other_participant_user), personas.enrolment.participant, shown="x"
    )
    assert event is not None and event.actor == personas.other_participant_user


def test_views_of_a_protected_participant_are_flagged(personas):
    participant = personas.enrolment.participant
    participant.is_protected = True
    participant.save(update_fields=["is_protected"])
    event = record_access(request_for(personas.coordinator), participant.pk, shown="x")
    assert event.flagged


def test_an_unknown_participant_writes_nothing(personas):
    assert record_access(request_for(personas.coordinator), 999999, shown="x") is None
    assert AccessEvent.objects.count() == 0


def test_an_anonymous_request_is_recorded_without_an_actor(personas):
    event = record_access(request_for(AnonymousUser()), personas.enrolment.participant, shown="x")
    assert event.actor is None and event.actor_role == ""


def test_a_refusal_is_logged_as_denied_for_the_records_participant(personas):
    event = record_refusal(
        request_for(personas.other_coordinator),
        Enrolment.objects.filter(pk=personas.enrolment.pk),
        participant="participant",
        organisation="cohort__version__programme__organisation_id",
        shown="Deltakelse (åpnet uten tilgang)",
    )
    assert event.denied and event.purpose == ""
    assert event.participant == personas.enrolment.participant
    assert event.actor_organisation == personas.stavanger


def test_a_refusal_for_an_id_that_does_not_exist_writes_nothing(personas):
    assert (
        record_refusal(
            request_for(personas.other_coordinator),
            Enrolment.objects.filter(pk=999999),
            participant="participant",
            organisation="cohort__version__programme__organisation_id",
            shown="x",
        )
        is None
    )
    assert AccessEvent.objects.count() == 0


@pytest.fixture
def objects(personas, time_machine):
    time_machine.move_to(dt.datetime(2026, 10, 15, 12, 0), tick=False)
    placement = make_placement(personas)
    return {
        "enrolment_detail": personas.enrolment,
        "placement_detail": placement,
        "timesheet_review": make_timesheet(placement, START, "18.75", status="submitted"),
        "submission_download": make_attempts(personas.enrolment, 1, by=personas.coordinator)[0],
    }


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("enrolment_detail", "other_coordinator"),
        ("placement_detail", "other_coordinator"),
        ("placement_detail", "other_participant_user"),
        ("timesheet_review", "other_supervisor"),
        ("submission_download", "other_coordinator"),
        ("submission_download", "other_participant_user"),
    ],
)
def test_the_access_helpers_log_a_refused_look_up_as_denied(client, personas, objects, name, who):
    client.force_login(getattr(personas, who))
    assert client.get(reverse(name, args=[objects[name].pk])).status_code == 404
    event = AccessEvent.objects.get()
    assert event.denied
    assert event.actor == getattr(personas, who)
    assert event.participant == personas.enrolment.participant


def test_a_caseworker_refused_a_change_is_logged_as_denied(client, personas):
    client.force_login(personas.caseworker)
    # The caseworker sees Dina's page (read only) but may not change her status: 403.
    Membership.objects.create(
        user=personas.caseworker, role=Role.COORDINATOR, organisation=personas.employer_org
    )
    response = client.post(reverse("enrolment_transition", args=[personas.enrolment.pk]))
    assert response.status_code == 403
    assert AccessEvent.objects.get().denied


def test_dag_opening_dinas_timesheet_week_is_denied_and_logged(client, personas, objects):
    client.force_login(personas.other_participant_user)
    url = reverse("timesheet_edit", args=[objects["placement_detail"].pk, START.isoformat()])
    assert client.get(url).status_code == 404
    event = AccessEvent.objects.get()
    assert event.denied and event.participant == personas.enrolment.participant

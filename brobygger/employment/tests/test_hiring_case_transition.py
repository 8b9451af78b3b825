from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.employment import services
from brobygger.employment.models import HiringStatus
from brobygger.employment.tests.factories import (
    TODAY,
    make_candidate,
    make_employer,
    make_employer_org,
    make_position,
    publish_profile,
)
from brobygger.testing import make_enrolment, make_participant, make_user


def url(case):
    return reverse("hiring_case_transition", args=[case.pk])


def candidate_with_login(personas):
    participant = make_participant(
        "Kari", user=make_user(role=Role.PARTICIPANT, org=personas.bergen)
    )
    make_enrolment(personas.cohort, participant=participant)
    publish_profile(participant)
    return participant


def invite(personas, participant=None):
    return services.hiring_invite(
        by=personas.employer,
        position=make_position(personas.employer, personas.employer_org),
        participant=participant or make_candidate(personas),
        on=TODAY,
    )


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.post(url(invite(personas)))["Location"]


def test_get_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.get(url(invite(personas))).status_code == 405


def test_another_employer_gets_404(client, personas):
    case = invite(personas)
    client.force_login(make_employer(make_employer_org("Annen")))
    assert client.post(url(case), {"to": "REJECTED", "on": "2026-06-01"}).status_code == 404


def test_the_candidate_accepts_the_invitation(client, personas):
    participant = candidate_with_login(personas)
    case = invite(personas, participant)
    client.force_login(participant.user)
    response = client.post(url(case), {"to": "INTERVIEW", "on": "2026-06-01", "note": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == HiringStatus.INTERVIEW
    assert case.history.get(valid_to__isnull=True).valid_from.isoformat() == "2026-06-01"


def test_the_employer_moves_the_case_to_offer(client, personas):
    participant = candidate_with_login(personas)
    case = invite(personas, participant)
    services.hiring_transition(by=None, case=case, to="INTERVIEW", actor="candidate", on=TODAY)
    client.force_login(personas.employer)
    response = client.post(url(case), {"to": "OFFER", "on": "2026-06-01"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == HiringStatus.OFFER


def test_a_step_the_employer_may_not_take_is_refused_and_nothing_changes(client, personas):
    case = invite(personas)
    client.force_login(personas.employer)
    response = client.post(url(case), {"to": "INTERVIEW", "on": "2026-06-01"})
    assert response.status_code == 200
    assert response.context["form"].errors["to"] == ["Velg et alternativ fra lista."]
    case.refresh_from_db()
    assert case.status == HiringStatus.INVITED
    assert case.history.count() == 1


def test_a_date_before_the_previous_step_is_refused(client, personas):
    case = invite(personas)
    client.force_login(personas.employer)
    response = client.post(url(case), {"to": "REJECTED", "on": "2026-05-01"})
    assert response.status_code == 200
    assert "før forrige steg" in response.content.decode()
    case.refresh_from_db()
    assert case.status == HiringStatus.INVITED


def test_a_date_in_the_future_is_refused(client, personas):
    case = invite(personas)
    client.force_login(personas.employer)
    response = client.post(url(case), {"to": "REJECTED", "on": "2026-06-02"})
    assert response.context["form"].errors["on"] == ["Datoen kan ikke være fram i tid."]
    case.refresh_from_db()
    assert case.status == HiringStatus.INVITED

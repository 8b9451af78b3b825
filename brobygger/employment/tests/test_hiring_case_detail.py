from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.employment import services
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
    return reverse("hiring_case_detail", args=[case.pk])


def invite(personas, participant=None):
    position = make_position(personas.employer, personas.employer_org)
    return services.hiring_invite(
        by=personas.employer,
        position=position,
        participant=participant or make_candidate(personas, "Kari"),
        on=TODAY,
    )


def test_anonymous_is_sent_to_login(client, personas):
    assert "/konto/login" in client.get(url(invite(personas)))["Location"]


def test_another_employer_and_another_participant_get_404(client, personas):
    case = invite(personas)
    for user in (make_employer(make_employer_org("Annen")), personas.other_participant_user):
        client.force_login(user)
        assert client.get(url(case)).status_code == 404


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.post(url(invite(personas))).status_code == 405


def test_the_employer_sees_the_profile_and_the_read_is_logged(client, personas):
    case = invite(personas)
    client.force_login(personas.employer)
    response = client.get(url(case))
    assert response.status_code == 200
    assert response.context["card"].first_name == "Kari"
    assert not response.context["show_name"]  # not yet accepted: first name only
    assert (
        AccessEvent.objects.filter(participant=case.participant, actor=personas.employer).count()
        == 1
    )


def test_the_candidate_sees_their_own_case_with_accept_and_decline(client, personas):
    participant = make_participant(
        "Dina2", user=make_user(role=Role.PARTICIPANT, org=personas.bergen)
    )
    make_enrolment(personas.cohort, participant=participant)
    publish_profile(participant)
    case = invite(personas, participant)
    client.force_login(participant.user)
    response = client.get(url(case))
    assert response.status_code == 200
    assert not response.context["is_employer"]
    assert dict(response.context["form"].fields["to"].choices).keys() == {
        "",
        "INTERVIEW",
        "DECLINED",
    }
    assert not AccessEvent.objects.exists()  # the person reading their own case


def test_after_withdrawal_the_employer_no_longer_sees_the_profile(client, personas):
    case = invite(personas)
    services.profile_unpublish(by=personas.participant_user, participant=case.participant)
    client.force_login(personas.employer)
    response = client.get(url(case))
    assert response.context["card"] is None
    assert "viser ikke profilen sin lenger" in response.content.decode()

from django.urls import reverse

from brobygger.employment.models import HiringCase, HiringStatus
from brobygger.employment.tests.factories import (
    make_candidate,
    make_employer,
    make_employer_org,
    make_position,
)


def url(profile):
    return reverse("candidate_invite", args=[profile.pk])


def test_anonymous_is_sent_to_login(client, personas):
    profile = make_candidate(personas).candidate_profile
    assert "/konto/login" in client.post(url(profile))["Location"]


def test_get_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.get(url(make_candidate(personas).candidate_profile)).status_code == 405


def test_an_employer_invites_a_candidate(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    candidate = make_candidate(personas)
    client.force_login(personas.employer)
    response = client.post(
        url(candidate.candidate_profile), {"position": position.pk, "message": "Velkommen!"}
    )
    case = HiringCase.objects.get()
    assert response["Location"] == reverse("hiring_case_detail", args=[case.pk])
    assert (case.participant, case.status, case.message) == (
        candidate,
        HiringStatus.INVITED,
        "Velkommen!",
    )


def test_another_employers_position_cannot_be_used(client, personas):
    other_org = make_employer_org("Annen")
    theirs = make_position(make_employer(other_org), other_org)
    client.force_login(personas.employer)
    response = client.post(url(make_candidate(personas).candidate_profile), {"position": theirs.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["position"] == ["Velg en av dine åpne stillinger."]
    assert not HiringCase.objects.exists()


def test_inviting_twice_shows_a_message_and_saves_nothing_more(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    profile = make_candidate(personas).candidate_profile
    client.force_login(personas.employer)
    client.post(url(profile), {"position": position.pk})
    response = client.post(url(profile), {"position": position.pk})
    assert "allerede i en sak" in response.content.decode()
    assert HiringCase.objects.count() == 1


def test_a_hidden_profile_cannot_be_invited(client, personas):
    from brobygger.employment import services

    position = make_position(personas.employer, personas.employer_org)
    candidate = make_candidate(personas)
    services.profile_unpublish(by=personas.participant_user, participant=candidate)
    client.force_login(personas.employer)
    response = client.post(url(candidate.candidate_profile), {"position": position.pk})
    assert response.status_code == 404
    assert not HiringCase.objects.exists()

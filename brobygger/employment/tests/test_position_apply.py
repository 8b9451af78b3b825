from django.urls import reverse

from brobygger.employment.models import HiringCase, HiringOrigin, HiringStatus
from brobygger.employment.tests.factories import make_position, publish_profile


def url(position):
    return reverse("position_apply", args=[position.pk])


def test_anonymous_is_sent_to_login(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    assert "/konto/login" in client.get(url(position))["Location"]


def test_a_participant_without_a_visible_profile_gets_404(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.other_participant_user)
    assert client.get(url(position)).status_code == 404
    assert client.post(url(position), {}).status_code == 404


def test_a_closed_position_is_404(client, personas):
    position = make_position(personas.employer, personas.employer_org, is_open=False)
    publish_profile(personas.enrolment.participant, by=personas.participant_user)
    client.force_login(personas.participant_user)
    assert client.get(url(position)).status_code == 404


def test_put_is_not_allowed(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    client.force_login(personas.participant_user)
    assert client.put(url(position)).status_code == 405


def test_a_candidate_applies(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    publish_profile(personas.enrolment.participant, by=personas.participant_user)
    client.force_login(personas.participant_user)
    assert "Når du søker, ser arbeidsgiveren" in client.get(url(position)).content.decode()
    response = client.post(url(position), {"message": "Jeg vil gjerne."})
    case = HiringCase.objects.get()
    assert response["Location"] == reverse("hiring_case_detail", args=[case.pk])
    assert (case.origin, case.status, case.participant) == (
        HiringOrigin.APPLIED,
        HiringStatus.APPLIED,
        personas.enrolment.participant,
    )


def test_applying_twice_shows_a_message_and_saves_nothing_more(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    publish_profile(personas.enrolment.participant, by=personas.participant_user)
    client.force_login(personas.participant_user)
    client.post(url(position), {})
    response = client.post(url(position), {})
    assert response.status_code == 200
    assert "allerede i en sak" in response.content.decode()
    assert HiringCase.objects.count() == 1


def test_too_long_a_message_is_refused(client, personas):
    position = make_position(personas.employer, personas.employer_org)
    publish_profile(personas.enrolment.participant, by=personas.participant_user)
    client.force_login(personas.participant_user)
    response = client.post(url(position), {"message": "x" * 2001})
    assert "for lang" in response.context["form"].errors["message"][0]
    assert not HiringCase.objects.exists()

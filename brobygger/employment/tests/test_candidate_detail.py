from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.employment import services
from brobygger.employment.tests.factories import make_candidate, make_position

SENSITIVE = ("Deltar", "oppmøte", "AAP", "Uføretrygd", "Kull ")


def url(profile):
    return reverse("candidate_detail", args=[profile.pk])


def test_anonymous_is_sent_to_login(client, personas):
    profile = make_candidate(personas).candidate_profile
    assert "/konto/login" in client.get(url(profile))["Location"]


def test_others_than_employers_are_refused(client, personas):
    profile = make_candidate(personas).candidate_profile
    client.force_login(personas.coordinator)
    assert client.get(url(profile)).status_code == 403


def test_post_is_not_allowed(client, personas):
    profile = make_candidate(personas).candidate_profile
    client.force_login(personas.employer)
    assert client.post(url(profile)).status_code == 405


def test_an_unpublished_profile_is_404(client, personas):
    candidate = make_candidate(personas)
    services.profile_unpublish(by=personas.participant_user, participant=candidate)
    client.force_login(personas.employer)
    assert client.get(url(candidate.candidate_profile)).status_code == 404


def test_viewing_a_profile_writes_one_access_entry(client, personas):
    candidate = make_candidate(personas, "Kari", show_email=True)
    client.force_login(personas.employer)
    response = client.get(url(candidate.candidate_profile))
    assert response.status_code == 200
    html = response.content.decode()
    assert "kari@example.test" in html
    for word in SENSITIVE:
        assert word not in html
    event = AccessEvent.objects.get()
    assert event.participant_id == candidate.pk
    assert event.actor == personas.employer
    assert event.shown == "Kandidatprofil"


def test_the_email_is_hidden_unless_the_candidate_chose_to_share_it(client, personas):
    candidate = make_candidate(personas, "Kari", show_email=False)
    client.force_login(personas.employer)
    assert "kari@example.test" not in client.get(url(candidate.candidate_profile)).content.decode()


def test_the_invite_form_offers_only_the_employers_open_positions(client, personas):
    open_one = make_position(personas.employer, personas.employer_org, title="Åpen")
    make_position(personas.employer, personas.employer_org, title="Lukket", is_open=False)
    client.force_login(personas.employer)
    response = client.get(url(make_candidate(personas).candidate_profile))
    assert list(response.context["form"].fields["position"].queryset) == [open_one]

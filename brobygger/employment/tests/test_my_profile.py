from brobygger.accounts.models import Role
from brobygger.employment.models import CandidateProfile
from brobygger.employment.selectors.profiles import profiles_visible_to_employers
from brobygger.enrolments.models import Status
from brobygger.privacy.consents import TEXTS
from brobygger.privacy.models import Consent
from brobygger.testing import make_enrolment, make_participant, make_user

URL = "/meg/kandidatprofil/"
PUBLISH = "/meg/kandidatprofil/publiser/"
UNPUBLISH = "/meg/kandidatprofil/skjul/"


def data(**overrides):
    d = {
        "headline": "Vil jobbe i rusfeltet",
        "about": "Om meg, med egne ord.",
        "work_wanted": "Lavterskel.",
        "percent_wanted": "50",
        "municipality": "4601",
        "area": "",
        "show_completion_year": "on",
    }
    d.update(overrides)
    return d


def test_anonymous_is_sent_to_login(client, db):
    for url in (URL, PUBLISH, UNPUBLISH):
        assert "/konto/login" in client.post(url)["Location"]


def test_only_participants(client, personas):
    client.force_login(personas.employer)
    assert client.get(URL).status_code == 403


def test_wrong_methods_are_refused(client, personas):
    client.force_login(personas.participant_user)
    assert client.put(URL).status_code == 405
    assert client.get(PUBLISH).status_code == 405
    assert client.get(UNPUBLISH).status_code == 405


def test_a_participant_writes_the_profile_without_it_being_shown(client, personas):
    client.force_login(personas.participant_user)
    response = client.post(URL, data())
    assert response.status_code == 302
    profile = CandidateProfile.objects.get(participant=personas.enrolment.participant)
    assert profile.headline == "Vil jobbe i rusfeltet"
    assert profile.municipality_id == "4601"
    assert not profiles_visible_to_employers().exists()


def test_the_consent_text_is_shown_before_publishing(client, personas):
    client.force_login(personas.participant_user)
    client.post(URL, data())
    html = client.get(URL).content.decode()
    text = str(next(iter(TEXTS.values())))
    assert text[:60] in html
    assert "versjon 2026-1" in html


def test_publishing_needs_the_consent_box(client, personas):
    client.force_login(personas.participant_user)
    client.post(URL, data())
    response = client.post(PUBLISH, {})
    assert response.status_code == 200
    assert "Du må krysse av for samtykket" in response.content.decode()
    assert not Consent.objects.exists()


def test_publishing_with_consent_shows_the_profile_and_withdrawing_hides_it(client, personas):
    client.force_login(personas.participant_user)
    client.post(URL, data())
    assert client.post(PUBLISH, {"consent": "on"}).status_code == 302
    consent = Consent.objects.get()
    assert consent.given_by == personas.participant_user
    assert profiles_visible_to_employers().exists()
    assert client.post(UNPUBLISH).status_code == 302
    assert not profiles_visible_to_employers().exists()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_bad_input_shows_a_message_and_saves_nothing(client, personas):
    client.force_login(personas.participant_user)
    response = client.post(URL, data(headline="", percent_wanted="120"))
    assert response.context["form"].errors["headline"] == ["Fyll ut feltet."]
    assert response.context["form"].errors["percent_wanted"] == [
        "Stillingsprosenten kan ikke være over 100."
    ]
    assert not CandidateProfile.objects.exists()


def test_a_participant_not_yet_taking_part_is_told_they_cannot_yet(client, personas):
    user = make_user(role=Role.PARTICIPANT, org=personas.bergen)
    make_enrolment(
        personas.cohort, participant=make_participant("Ny", user=user), status=Status.VURDERES
    )
    client.force_login(user)
    assert "når du deltar i eller har fullført" in client.get(URL).content.decode()
    response = client.post(URL, data())
    assert response.status_code == 200
    assert not CandidateProfile.objects.exists()


def test_a_participant_login_without_a_participant_record_gets_404(client, personas):
    client.force_login(make_user(role=Role.PARTICIPANT, org=personas.bergen))
    assert client.get(URL).status_code == 404

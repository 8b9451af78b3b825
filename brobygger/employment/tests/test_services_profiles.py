import pytest
from django.core.exceptions import ValidationError

from brobygger.employment import services
from brobygger.employment.models import CandidateProfile
from brobygger.employment.selectors.profiles import profiles_visible_to_employers
from brobygger.employment.tests.factories import complete, profile_fields, publish_profile
from brobygger.enrolments.models import Status
from brobygger.privacy.models import Consent, ConsentPurpose
from brobygger.testing import make_enrolment, make_participant


def test_a_participant_taking_part_may_write_and_publish_a_profile(personas):
    participant = personas.enrolment.participant
    profile = publish_profile(participant, by=personas.participant_user)
    assert profile.published and profile.published_at
    consent = Consent.objects.get(participant=participant)
    assert consent.purpose == ConsentPurpose.EMPLOYER_PROFILE
    assert consent.text_version == "2026-1"
    assert list(profiles_visible_to_employers()) == [profile]


def test_a_completed_participant_is_eligible(personas):
    complete(personas.enrolment)
    assert publish_profile(personas.enrolment.participant).published


def test_someone_only_on_the_waiting_list_may_not_make_a_profile(personas):
    participant = make_participant("Vente")
    make_enrolment(personas.cohort, participant=participant, status=Status.VENTELISTE)
    with pytest.raises(ValidationError) as exc:
        services.profile_save(by=None, participant=participant, **profile_fields())
    assert "deltar i eller har fullført" in exc.value.messages[0]
    assert not CandidateProfile.objects.exists()


def test_publishing_without_consent_is_refused_and_nothing_is_shown(personas):
    participant = personas.enrolment.participant
    services.profile_save(by=None, participant=participant, **profile_fields())
    with pytest.raises(ValidationError) as exc:
        services.profile_publish(by=None, participant=participant, consent_confirmed=False)
    assert "samtykket" in exc.value.message_dict["consent"][0]
    assert not Consent.objects.exists()
    assert not profiles_visible_to_employers().exists()


def test_unpublishing_withdraws_the_consent_and_hides_the_profile(personas):
    participant = personas.enrolment.participant
    publish_profile(participant)
    services.profile_unpublish(by=personas.participant_user, participant=participant)
    assert not profiles_visible_to_employers().exists()
    assert Consent.objects.get(participant=participant).withdrawn_at is not None
    assert CandidateProfile.objects.get(participant=participant).published is False


def test_a_consent_withdrawn_elsewhere_hides_a_still_published_profile(personas):
    from brobygger.privacy.services import consent_withdraw

    participant = personas.enrolment.participant
    publish_profile(participant)
    consent_withdraw(
        participant=participant,
        purpose=ConsentPurpose.EMPLOYER_PROFILE,
        by=personas.participant_user,
    )
    assert CandidateProfile.objects.get(participant=participant).published is True
    assert not profiles_visible_to_employers().exists()


def test_a_percent_over_100_is_refused(personas):
    with pytest.raises(ValidationError) as exc:
        services.profile_save(
            by=None,
            participant=personas.enrolment.participant,
            **profile_fields(percent_wanted=120),
        )
    assert "percent_wanted" in exc.value.message_dict
    assert not CandidateProfile.objects.exists()

"""The privacy section a coordinator can see on a participant's page."""

import pytest
from django.test import RequestFactory

from brobygger.privacy.panels import enrolment_panel
from brobygger.privacy.retention.services import participant_anonymise

pytestmark = pytest.mark.django_db


def render(user, enrolment):
    request = RequestFactory().get("/")
    request.user = user
    return str(enrolment_panel(request, enrolment))


def test_the_managing_coordinator_gets_the_link(personas):
    html = render(personas.coordinator, personas.enrolment)
    assert f"/personvern/deltakelser/{personas.enrolment.pk}/anonymiser/" in html
    assert "5 år etter at siste deltakelse er avsluttet" in html


def test_others_get_nothing(personas):
    for user in (personas.caseworker, personas.other_coordinator, personas.participant_user):
        assert render(user, personas.enrolment) == ""


def test_after_anonymisation_it_says_so(personas):
    participant_anonymise(by=None, participant=personas.enrolment.participant)
    html = render(personas.coordinator, personas.enrolment)
    assert "Personopplysningene er anonymisert." in html
    assert "anonymiser/" not in html

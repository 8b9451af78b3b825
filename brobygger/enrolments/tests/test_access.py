import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from brobygger.accounts.models import Membership
from brobygger.enrolments.access import enrolment_for_user, enrolments_visible_to


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_coordinator_sees_own_programme_only(personas):
    visible = set(enrolments_visible_to(personas.coordinator))
    assert visible == {personas.enrolment, personas.other_enrolment}
    with pytest.raises(Http404):
        enrolment_for_user(request_for(personas.coordinator), personas.stavanger_enrolment.pk)


def test_other_municipality_coordinator_gets_404(personas):
    with pytest.raises(Http404):
        enrolment_for_user(request_for(personas.other_coordinator), personas.enrolment.pk)


def test_participant_sees_own_and_not_someone_elses(personas):
    request = request_for(personas.participant_user)
    assert enrolment_for_user(request, personas.enrolment.pk) == personas.enrolment
    with pytest.raises(Http404):
        enrolment_for_user(request_for(personas.participant_user), personas.other_enrolment.pk)
    with pytest.raises(PermissionDenied):
        enrolment_for_user(
            request_for(personas.participant_user), personas.enrolment.pk, write=True
        )


def test_caseworker_sees_only_referred(personas):
    assert set(enrolments_visible_to(personas.caseworker)) == {personas.enrolment}


def test_removing_a_role_takes_effect_on_the_next_request(personas):
    Membership.objects.filter(user=personas.coordinator).delete()
    with pytest.raises(Http404):
        enrolment_for_user(request_for(personas.coordinator), personas.enrolment.pk)


def test_teacher_employer_analyst_and_admin_see_no_participant_records(personas):
    for user in (
        personas.teacher,
        personas.employer,
        personas.analyst,
        personas.admin,
        personas.county_coordinator,
        personas.supervisor,
    ):
        assert not enrolments_visible_to(user).exists()

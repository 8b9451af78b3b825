from django.test import RequestFactory

from brobygger.employment.panels import enrolment_panel
from brobygger.employment.tests.factories import make_employment
from brobygger.testing import make_user


def render(user, enrolment):
    request = RequestFactory().get("/")
    request.user = user
    return str(enrolment_panel(request, enrolment))


def test_the_coordinator_sees_jobs_with_benefit_and_a_register_link(personas):
    make_employment(personas)
    html = render(personas.coordinator, personas.enrolment)
    assert "Erfaringskonsulent" in html
    assert "Arbeidsavklaringspenger (AAP)" in html
    assert f"/deltakelser/{personas.enrolment.pk}/arbeidsforhold/ny/" in html


def test_the_participant_sees_own_jobs_without_the_benefit(personas):
    make_employment(personas)
    html = render(personas.participant_user, personas.enrolment)
    assert "Erfaringskonsulent" in html
    assert "Arbeidsavklaringspenger" not in html
    assert "/meg/kandidatprofil/" in html


def test_others_see_nothing(personas):
    make_employment(personas)
    for user in (personas.other_coordinator, personas.employer, make_user()):
        assert render(user, personas.enrolment) == ""


def test_the_panel_is_on_the_enrolment_page(client, personas):
    make_employment(personas)
    client.force_login(personas.coordinator)
    html = client.get(f"/deltakelser/{personas.enrolment.pk}/").content.decode()
    assert 'id="employment-panel-' in html


def test_the_panel_query_count_is_fixed(personas, django_assert_num_queries):
    make_employment(personas)
    with django_assert_num_queries(6):
        render(personas.coordinator, personas.enrolment)
    make_employment(personas, job_title="Andre jobb")
    with django_assert_num_queries(6):
        render(personas.coordinator, personas.enrolment)

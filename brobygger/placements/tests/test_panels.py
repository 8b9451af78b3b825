from django.test import RequestFactory
from django.urls import reverse

from brobygger.placements.models import TimesheetStatus
from brobygger.placements.panels import enrolment_panel
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday


def request_for(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_the_coordinator_sees_counts_links_and_the_create_button(personas, today):
    placement = make_placement(personas)
    make_timesheet(placement, monday(0), "20")
    make_timesheet(placement, monday(1), "20", status=TimesheetStatus.SUBMITTED)
    html = enrolment_panel(request_for(personas.coordinator), personas.enrolment)
    assert "1 av 20 praksisuker godkjent" in html
    assert personas.host.name in html
    assert reverse("placement_detail", args=[placement.pk]) in html
    assert reverse("placement_create", args=[personas.enrolment.pk]) in html
    assert "Ny praksisplass" in html
    assert reverse("my_timesheets") not in html


def test_the_participant_sees_links_but_no_create_button(personas, today):
    placement = make_placement(personas)
    html = enrolment_panel(request_for(personas.participant_user), personas.enrolment)
    assert reverse("placement_detail", args=[placement.pk]) in html
    assert reverse("my_timesheets") in html
    assert "Ny praksisplass" not in html


def test_the_caseworker_sees_figures_without_links(personas, today):
    placement = make_placement(personas)
    html = enrolment_panel(request_for(personas.caseworker), personas.enrolment)
    assert "0 av 20 praksisuker godkjent" in html
    assert reverse("placement_detail", args=[placement.pk]) not in html


def test_no_placement_yet(personas, today):
    html = enrolment_panel(request_for(personas.coordinator), personas.other_enrolment)
    assert "Ingen praksisplass registrert." in html


def test_outside_the_users_scope_it_shows_nothing(personas, today):
    make_placement(personas)
    assert enrolment_panel(request_for(personas.other_coordinator), personas.enrolment) == ""
    assert enrolment_panel(request_for(personas.other_participant_user), personas.enrolment) == ""


def test_the_query_count_is_fixed(personas, today, django_assert_num_queries):
    placement = make_placement(personas)
    make_timesheet(placement, monday(0), "20")
    request = request_for(personas.coordinator)
    with django_assert_num_queries(5):
        enrolment_panel(request, personas.enrolment)
    for n in range(1, 6):
        make_timesheet(placement, monday(n), "20")
    make_placement(personas, start=monday(30), end=monday(40))
    request = request_for(personas.coordinator)
    with django_assert_num_queries(5):
        html = enrolment_panel(request, personas.enrolment)
    assert "6 av 20 praksisuker godkjent" in html

from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.placements.models import TimesheetStatus
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.testing import make_cohort, make_enrolment, make_user

URL = reverse("supervisor_placements")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_roles_are_refused(client, personas):
    for user in (personas.coordinator, personas.participant_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.supervisor)
    assert client.post(URL).status_code == 405


def test_the_supervisor_sees_own_placements_and_waiting_timesheets(client, personas, today):
    mine = make_placement(personas)
    make_timesheet(mine, monday(0), "20")
    waiting = make_timesheet(mine, monday(1), "18", status=TimesheetStatus.SUBMITTED)
    colleague = make_user(role=Role.SUPERVISOR, org=personas.host, first_name="Kollega")
    theirs = make_placement(personas, enrolment=personas.other_enrolment, supervisor=colleague)
    their_sheet = make_timesheet(theirs, monday(0), "18", status=TimesheetStatus.SUBMITTED)
    client.force_login(personas.supervisor)
    html = client.get(URL).content.decode()
    assert "Dina Deltakersen" in html
    assert "Dag Deltakersen" not in html
    assert reverse("timesheet_review", args=[waiting.pk]) in html
    assert reverse("timesheet_review", args=[their_sheet.pk]) not in html
    assert html.index("Timelister som venter på deg") < html.index("Praksisplasser</h2>")
    assert "18 t (krav 16,875 t)" in html
    assert reverse("placement_detail", args=[mine.pk]) in html


def test_the_other_supervisor_sees_nothing_of_it(client, personas, today):
    make_timesheet(make_placement(personas), monday(0), "18", status=TimesheetStatus.SUBMITTED)
    client.force_login(make_user(role=Role.SUPERVISOR, org=personas.host))
    html = client.get(URL).content.decode()
    assert "Ingen timelister venter på deg." in html
    assert "Dina Deltakersen" not in html


def _placements(personas, count):
    cohort = make_cohort(personas.version, capacity=50, coordinators=[personas.coordinator])
    for _ in range(count):
        placement = make_placement(personas, enrolment=make_enrolment(cohort))
        make_timesheet(placement, monday(0), "20")
        make_timesheet(placement, monday(1), "20", status=TimesheetStatus.SUBMITTED)


def test_the_query_count_is_fixed_for_2_and_for_20_placements(
    client, personas, today, django_assert_num_queries
):
    client.force_login(personas.supervisor)
    _placements(personas, 2)
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    _placements(personas, 20)
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert response.content.decode().count("/timelister/") == 22

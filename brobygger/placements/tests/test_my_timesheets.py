import datetime as dt

from django.urls import reverse

from brobygger.placements.models import TimesheetStatus
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.testing import make_cohort, make_enrolment

URL = reverse("my_timesheets")


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_staff_are_refused(client, personas):
    for user in (personas.coordinator, personas.supervisor):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_wrong_method_is_405(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(URL).status_code == 405


def test_the_participant_sees_own_weeks_up_to_this_week(client, personas, today):
    placement = make_placement(personas)
    make_timesheet(placement, monday(0), "20")
    make_timesheet(placement, monday(1), "16.5")
    make_timesheet(placement, monday(2), "20", status=TimesheetStatus.SUBMITTED)
    make_placement(personas, enrolment=personas.other_enrolment)
    client.force_login(personas.participant_user)
    html = client.get(URL).content.decode()
    assert "1 av 20 praksisuker godkjent" in html
    assert '<progress id="weeks-' in html
    # From the week of 07.09.2026 to the week of today (15.10.2026), not beyond.
    assert reverse("timesheet_edit", args=[placement.pk, "2026-09-07"]) in html
    assert reverse("timesheet_edit", args=[placement.pk, "2026-10-12"]) in html
    assert reverse("timesheet_edit", args=[placement.pk, "2026-10-19"]) not in html
    assert "Teller ikke: 16,5 t" in html
    assert "Sendt til godkjenning" in html


def test_another_participant_sees_none_of_it(client, personas, today):
    make_placement(personas)
    client.force_login(personas.other_participant_user)
    html = client.get(URL).content.decode()
    assert "Du har ingen praksisplass ennå." in html


def test_the_query_count_is_fixed_for_2_and_for_20_rows(
    client, personas, today, django_assert_num_queries
):
    client.force_login(personas.participant_user)
    first = make_placement(personas, end=dt.date(2026, 9, 20))
    make_timesheet(first, monday(0), "20")
    make_timesheet(first, monday(1), "20")
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
    # A second placement, and a second enrolment (a later cohort) with 20 weeks filled in.
    make_placement(personas, start=dt.date(2026, 9, 21), end=dt.date(2026, 12, 20))
    later = make_cohort(
        personas.version, start=dt.date(2025, 8, 18), coordinators=[personas.coordinator]
    )
    enrolment = make_enrolment(later, participant=personas.enrolment.participant)
    long = make_placement(
        personas, enrolment=enrolment, start=dt.date(2025, 9, 1), end=dt.date(2026, 2, 1)
    )
    for n in range(20):
        make_timesheet(long, monday(n, long.start_date), "20")
    with django_assert_num_queries(6):
        response = client.get(URL)
    assert "20 av 20 praksisuker godkjent" in response.content.decode()

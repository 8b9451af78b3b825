from django.urls import reverse

from brobygger.enrolments.models import Status
from brobygger.programmes.tests.factories import login, make_cohorts
from brobygger.testing import make_enrolment

URL = reverse("cohort_list")


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/login" in response["Location"]


def test_a_teacher_is_refused(client, personas):
    assert login(client, personas.teacher).get(URL).status_code == 403


def test_it_refuses_post(client, personas):
    assert login(client, personas.coordinator).post(URL).status_code == 405


def test_it_counts_places_taken_and_applicants_waiting(client, personas):
    cohort = personas.cohort
    for status in (Status.SOKT_INN, Status.VURDERES, Status.VURDERES, Status.VENTELISTE):
        make_enrolment(cohort, status=status)
    make_enrolment(cohort, status=Status.VENTER_PA_OPPSTART)
    response = login(client, personas.coordinator).get(URL)
    row = next(c for c in response.context["cohorts"] if c.pk == cohort.pk)
    assert row.places_taken == 3  # two taking part, one admitted
    assert row.awaiting == 3
    page = response.content.decode()
    assert "3 av 17" in page
    assert reverse("cohort_overview", args=[cohort.pk]) in page
    assert reverse("cohort_sessions", args=[cohort.pk]) in page
    assert reverse("cohort_create") in page


def test_the_other_municipality_does_not_see_bergen(client, personas):
    page = login(client, personas.other_coordinator).get(URL).content.decode()
    assert personas.other_cohort.name in page
    assert reverse("cohort_sessions", args=[personas.cohort.pk]) not in page


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    login(client, personas.coordinator)
    make_cohorts(personas.version, 1)  # two cohorts in all
    with django_assert_num_queries(4):
        assert len(client.get(URL).context["cohorts"]) == 2
    for cohort in make_cohorts(personas.version, 18):
        make_enrolment(cohort)
    with django_assert_num_queries(4):
        assert len(client.get(URL).context["cohorts"]) == 20


def test_many_cohorts_come_a_page_at_a_time(client, personas, django_assert_num_queries):
    """Issue 16: the cohorts of many years, 25 a page, newest first, counted per page."""
    login(client, personas.coordinator)
    for cohort in make_cohorts(personas.version, 30):  # 31 in all with the persona cohort
        make_enrolment(cohort)
    with django_assert_num_queries(4):
        first = client.get(URL)
    assert len(first.context["cohorts"]) == 25
    html = first.content.decode()
    assert "Viser 1–25 av 31" in html
    assert '<nav class="ds-pagination" aria-label="Sider med kull">' in html
    with django_assert_num_queries(4):
        second = client.get(URL, {"side": "2"})
    rows = list(second.context["cohorts"])
    assert len(rows) == 6 and "Viser 26–31 av 31" in second.content.decode()
    shown = [c.pk for c in first.context["cohorts"]] + [c.pk for c in rows]
    assert len(set(shown)) == 31
    starts = [c.start_date for c in list(first.context["cohorts"]) + rows]
    assert starts == sorted(starts, reverse=True)
    assert all(c.places_taken == 1 for c in rows if c.pk != personas.cohort.pk)

from django.urls import reverse

from brobygger.programmes.models import ProgrammeVersion
from brobygger.programmes.tests.factories import BEFORE_START, DURING, frozen, login
from brobygger.testing import make_cohort, make_programme

URL = reverse("programme_list")


def test_it_sends_anonymous_to_login(client, personas):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_it_refuses_a_teacher(client, personas):
    assert login(client, personas.teacher).get(URL).status_code == 403


def test_it_refuses_post(client, personas):
    assert login(client, personas.coordinator).post(URL).status_code == 405


def test_it_lists_versions_with_cohort_counts_and_links(client, personas):
    older = ProgrammeVersion.objects.create(
        programme=personas.version.programme, name="2010", theory_hours=140, practice_weeks=14
    )
    with frozen(BEFORE_START):
        page = login(client, personas.coordinator).get(URL).content.decode()
    assert personas.version.programme.name in page
    assert "2010" in page and "140 timer" in page and "14 uker" in page
    assert reverse("version_create", args=[personas.version.programme_id]) in page
    assert reverse("version_edit", args=[older.pk]) in page
    assert "i bruk, låst" not in page  # the cohort has not started yet


def test_a_version_with_a_started_cohort_is_marked_locked(client, personas):
    with frozen(DURING):
        page = login(client, personas.coordinator).get(URL).content.decode()
    assert "i bruk, låst" in page


def test_the_other_municipality_sees_only_its_own_programme(client, personas):
    page = login(client, personas.other_coordinator).get(URL).content.decode()
    assert personas.other_cohort.version.programme.name in page
    assert personas.version.programme.name not in page


def _add_rows(personas, n):
    for i in range(n):
        version = make_programme(personas.bergen, name=f"V{i}")
        ProgrammeVersion.objects.create(programme=version.programme, name="extra")
        make_cohort(version)


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    login(client, personas.coordinator)
    _add_rows(personas, 1)
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
    _add_rows(personas, 20)
    with django_assert_num_queries(5):
        page = client.get(URL)
    assert page.content.decode().count('<th scope="row">extra</th>') == 21

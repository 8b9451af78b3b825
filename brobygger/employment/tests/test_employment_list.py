from brobygger.employment.tests.factories import make_employment
from brobygger.testing import make_enrolment, make_participant

URL = "/arbeidsforhold/"


def test_anonymous_is_sent_to_login(client, db):
    assert "/konto/login" in client.get(URL)["Location"]


def test_employers_and_participants_are_refused(client, personas):
    for user in (personas.employer, personas.participant_user):
        client.force_login(user)
        assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.coordinator)
    assert client.post(URL).status_code == 405


def test_the_coordinator_sees_benefit_and_funding_of_own_participants_only(client, personas):
    mine = make_employment(personas)
    stavanger = make_employment(personas, personas.stavanger_enrolment.participant)
    client.force_login(personas.coordinator)
    response = client.get(URL)
    assert [r.employment for r in response.context["rows"]] == [mine]
    html = response.content.decode()
    assert "Arbeidsavklaringspenger (AAP)" in html
    assert "Ordinært budsjett 100 %" in html
    client.force_login(personas.other_coordinator)
    assert [r.employment for r in client.get(URL).context["rows"]] == [stavanger]


def test_the_caseworker_sees_the_participants_they_referred(client, personas):
    referred = make_employment(personas)  # Dina was referred by the caseworker
    make_employment(personas, personas.other_enrolment.participant)
    client.force_login(personas.caseworker)
    assert [r.employment for r in client.get(URL).context["rows"]] == [referred]


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    def add():
        participant = make_participant()
        make_enrolment(personas.cohort, participant=participant)
        make_employment(personas, participant)

    add()
    add()
    client.force_login(personas.coordinator)
    with django_assert_num_queries(6):
        client.get(URL)
    add()
    add()
    add()
    with django_assert_num_queries(6):
        client.get(URL)


def test_the_records_of_the_years_come_a_page_at_a_time(
    client, personas, monkeypatch, django_assert_num_queries
):
    """Issue 16: newest first, a page at a time, the same queries on every page."""
    monkeypatch.setattr("brobygger.employment.views.records.EMPLOYMENTS_PER_PAGE", 2)
    for _ in range(5):
        participant = make_participant()
        make_enrolment(personas.cohort, participant=participant)
        make_employment(personas, participant)
    client.force_login(personas.coordinator)
    shown = []
    for number in (1, 2, 3):
        with django_assert_num_queries(6):
            response = client.get(URL, {"side": number})
        shown += [r.employment.pk for r in response.context["rows"]]
    assert len(shown) == len(set(shown)) == 5
    html = response.content.decode()
    assert "Viser 5–5 av 5" in html
    assert 'aria-label="Sider med arbeidsforhold"' in html and 'href="?side=2"' in html

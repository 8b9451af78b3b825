from brobygger.employment.tests.factories import (
    make_candidate,
    make_employer,
    make_employer_org,
    make_position,
    offer_case,
)

URL = "/arbeidsgiver/stillinger/"


def test_anonymous_is_sent_to_login(client, db):
    assert "/konto/login" in client.get(URL)["Location"]


def test_only_employers(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.employer)
    assert client.post(URL).status_code == 405


def test_the_employer_sees_only_their_own_positions_and_cases(client, personas):
    mine = make_position(personas.employer, personas.employer_org, title="Min stilling")
    other_org = make_employer_org("Annen")
    make_position(make_employer(other_org), other_org, title="Andres stilling")
    offer_case(personas, mine, make_candidate(personas, "Kari"))
    client.force_login(personas.employer)
    response = client.get(URL)
    assert [r.position for r in response.context["rows"]] == [mine]
    assert response.context["rows"][0].open_cases == 1
    assert len(response.context["cases"]) == 1
    assert "Andres stilling" not in response.content.decode()


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    client.force_login(personas.employer)
    for n in range(2):
        offer_case(
            personas,
            make_position(personas.employer, personas.employer_org),
            make_candidate(personas, f"K{n}"),
        )
    with django_assert_num_queries(6):
        client.get(URL)
    for n in range(3):
        offer_case(
            personas,
            make_position(personas.employer, personas.employer_org),
            make_candidate(personas, f"L{n}"),
        )
    with django_assert_num_queries(6):
        client.get(URL)

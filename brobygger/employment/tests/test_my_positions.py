from brobygger.employment import services
from brobygger.employment.tests.factories import TODAY, make_position, publish_profile

URL = "/meg/stillinger/"


def test_anonymous_is_sent_to_login(client, db):
    assert "/konto/login" in client.get(URL)["Location"]


def test_only_participants(client, personas):
    client.force_login(personas.coordinator)
    assert client.get(URL).status_code == 403


def test_post_is_not_allowed(client, personas):
    client.force_login(personas.participant_user)
    assert client.post(URL).status_code == 405


def test_without_a_visible_profile_no_positions_are_listed(client, personas):
    make_position(personas.employer, personas.employer_org)
    client.force_login(personas.participant_user)
    response = client.get(URL)
    assert response.context["positions"] == []
    assert "Publiser jobbprofilen" in response.content.decode()


def test_with_a_visible_profile_open_positions_are_listed_and_marked(client, personas):
    applied = make_position(personas.employer, personas.employer_org, title="Søkt")
    fresh = make_position(personas.employer, personas.employer_org, title="Ny")
    make_position(personas.employer, personas.employer_org, title="Lukket", is_open=False)
    participant = personas.enrolment.participant
    publish_profile(participant, by=personas.participant_user)
    services.hiring_apply(
        by=personas.participant_user, position=applied, participant=participant, on=TODAY
    )
    client.force_login(personas.participant_user)
    response = client.get(URL)
    positions = {p.title: p.applied for p in response.context["positions"]}
    assert positions == {"Søkt": True, "Ny": False}
    assert [c.position for c in response.context["cases"]] == [applied]
    assert fresh.title in response.content.decode()


def test_the_query_count_does_not_grow_with_rows(client, personas, django_assert_num_queries):
    publish_profile(personas.enrolment.participant, by=personas.participant_user)
    for _ in range(2):
        make_position(personas.employer, personas.employer_org)
    client.force_login(personas.participant_user)
    with django_assert_num_queries(7):
        client.get(URL)
    for _ in range(3):
        make_position(personas.employer, personas.employer_org)
    with django_assert_num_queries(7):
        client.get(URL)

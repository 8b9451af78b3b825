import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Status
from brobygger.enrolments.services import waitlist_move
from brobygger.enrolments.tests.factories import make_applicants

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 8, 1, 10, tzinfo=dt.UTC), tick=False)


def url(enrolment):
    return reverse("waitlist_move", args=[enrolment.pk])


def positions(*enrolments):
    for e in enrolments:
        e.refresh_from_db()
    return [e.waitlist_position for e in enrolments]


@pytest.fixture
def waitlist(personas):
    return make_applicants(personas.cohort, 3, status=Status.VENTELISTE)


def test_anonymous_is_sent_to_login(client, personas, waitlist):
    response = client.post(url(waitlist[1]), {"direction": "up"})
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_other_coordinator_gets_404(client, personas, waitlist):
    client.force_login(personas.other_coordinator)
    assert client.post(url(waitlist[1]), {"direction": "up"}).status_code == 404
    assert positions(*waitlist) == [1, 2, 3]


def test_get_is_not_allowed(client, personas, waitlist):
    client.force_login(personas.coordinator)
    assert client.get(url(waitlist[1])).status_code == 405


def test_moving_up_swaps_with_the_one_before_and_is_audited(client, personas, waitlist):
    first, second, third = waitlist
    client.force_login(personas.coordinator)
    response = client.post(url(second), {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == reverse("cohort_applications", args=[personas.cohort.pk])
    assert positions(first, second, third) == [2, 1, 3]
    events = AuditEvent.objects.filter(action="waitlist_move").order_by("id")
    assert [(e.object_id, e.changes) for e in events] == [
        (str(second.pk), {"waitlist_position": [2, 1]}),
        (str(first.pk), {"waitlist_position": [1, 2]}),
    ]


def test_htmx_gets_the_waitlist_partial_in_the_new_order(client, personas, waitlist):
    first, second, third = waitlist
    client.force_login(personas.coordinator)
    response = client.post(url(second), {"direction": "down"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith('<section id="waitlist"')
    assert "står nå som nummer 3 på ventelisten" in page
    assert [r.enrolment for r in response.context["rows"]] == [first, third, second]
    assert positions(first, second, third) == [1, 3, 2]


def test_the_first_cannot_move_up_and_nothing_changes(client, personas, waitlist):
    client.force_login(personas.coordinator)
    response = client.post(url(waitlist[0]), {"direction": "up"}, headers={"HX-Request": "true"})
    assert "Søkeren står allerede først på ventelisten." in response.content.decode()
    assert positions(*waitlist) == [1, 2, 3]


def test_an_unknown_direction_is_refused(client, personas, waitlist):
    client.force_login(personas.coordinator)
    response = client.post(url(waitlist[1]), {"direction": "sideways"}, follow=True)
    assert "Ukjent retning." in response.content.decode()
    assert positions(*waitlist) == [1, 2, 3]


def test_someone_not_on_the_list_cannot_be_moved(personas, waitlist):
    with pytest.raises(ValidationError, match="står ikke på ventelisten"):
        waitlist_move(by=personas.coordinator, enrolment=personas.enrolment, direction="up")


def test_moving_down_from_the_end_is_refused(personas, waitlist):
    with pytest.raises(ValidationError, match="allerede sist"):
        waitlist_move(by=personas.coordinator, enrolment=waitlist[2], direction="down")
    assert positions(*waitlist) == [1, 2, 3]


@pytest.mark.parametrize("size", [2, 20])
def test_the_partial_query_count_does_not_grow_with_the_list(
    client, personas, django_assert_num_queries, size
):
    rows = make_applicants(personas.cohort, size, status=Status.VENTELISTE)
    client.force_login(personas.coordinator)
    # The move itself is a fixed handful (locks, neighbour, three saves, two audit events);
    # the list after it is one query whatever its length.
    with django_assert_num_queries(WAITLIST_MOVE_QUERIES):
        response = client.post(url(rows[1]), {"direction": "up"}, headers={"HX-Request": "true"})
    assert len(response.context["rows"]) == size


# 19 before issue 16: the two audit events use the roles the access check read.
WAITLIST_MOVE_QUERIES = 17

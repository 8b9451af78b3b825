"""Four-eyes approval of completion exceptions (issue 13): where the programme's organisation
requires it, an exception waits for a second coordinator; the status stays «Deltar» and no
Completion exists (so no diploma, no FULLFORT in the outcome figures) until it is approved.
The review list of exceptions, its read-log entries and its query count."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.accesslog.models import AccessEvent
from brobygger.accounts.models import Role
from brobygger.completion.models import Completion, PendingCompletion
from brobygger.completion.services import completion_approve, completion_confirm
from brobygger.core.models import AuditEvent
from brobygger.enrolments.models import Enrolment, Status, StatusChange
from brobygger.testing import make_enrolment, make_user

ON = dt.date(2027, 5, 3)  # the frozen "today" (conftest)
REASON = "Dokumentert sykdom; tok igjen timene på et annet kull."
OWN_REFUSAL = (
    "Du bekreftet dette unntaket selv. En annen koordinator må godkjenne det "
    "(godkjenning av en annen person er påkrevd)."
)


@pytest.fixture
def four_eyes(personas):
    personas.bergen.four_eyes_approval = True
    personas.bergen.save(update_fields=["four_eyes_approval"])
    return personas.bergen


@pytest.fixture
def second(personas):
    return make_user("koordinator2", role=Role.COORDINATOR, org=personas.bergen, first_name="Kari")


def status_of(enrolment):
    return Enrolment.objects.get(pk=enrolment.pk).status


def confirm(personas, enrolment=None):
    return completion_confirm(
        by=personas.coordinator,
        enrolment=enrolment or personas.enrolment,
        completed_on=ON,
        exception_reason=REASON,
    )


# --- Services -----------------------------------------------------------------------------


def test_with_four_eyes_an_exception_waits_and_the_status_is_unchanged(personas, four_eyes):
    pending = confirm(personas)
    assert isinstance(pending, PendingCompletion) and pending.is_pending
    assert status_of(personas.enrolment) == Status.DELTAR
    assert not Completion.objects.exists()  # nothing a diploma or a statistic could count
    assert not StatusChange.objects.filter(status=Status.FULLFORT).exists()
    assert AuditEvent.objects.filter(action="completion_exception_pending").count() == 1


def test_the_confirmer_cannot_approve_and_nothing_is_saved(personas, four_eyes):
    confirm(personas)
    with pytest.raises(ValidationError) as info:
        completion_approve(by=personas.coordinator, enrolment=personas.enrolment)
    assert info.value.messages == [OWN_REFUSAL]
    assert status_of(personas.enrolment) == Status.DELTAR
    assert not Completion.objects.exists()
    assert PendingCompletion.objects.count() == 1


def test_a_second_coordinator_approves_and_the_completion_is_recorded(personas, four_eyes, second):
    pending = confirm(personas)
    completion = completion_approve(by=second, enrolment=personas.enrolment)
    assert status_of(personas.enrolment) == Status.FULLFORT
    assert (completion.confirmed_by, completion.approved_by) == (personas.coordinator, second)
    assert completion.confirmed_at == pending.confirmed_at and completion.approved_at
    assert (completion.completed_on, completion.exception_reason) == (ON, REASON)
    assert not PendingCompletion.objects.exists()
    fullfort = StatusChange.objects.get(enrolment=personas.enrolment, status=Status.FULLFORT)
    assert fullfort.valid_from == ON
    assert AuditEvent.objects.filter(action="completion_exception_approved").count() == 1


def test_confirming_again_while_waiting_is_refused(personas, four_eyes):
    confirm(personas)
    with pytest.raises(ValidationError) as info:
        confirm(personas)
    assert info.value.messages == [
        "Fullføringen er registrert som unntak og venter på godkjenning."
    ]
    assert PendingCompletion.objects.count() == 1


def test_approving_with_nothing_waiting_is_refused(personas, four_eyes, second):
    with pytest.raises(ValidationError) as info:
        completion_approve(by=second, enrolment=personas.enrolment)
    assert info.value.messages == ["Ingen fullføring venter på godkjenning for denne deltakeren."]
    assert status_of(personas.enrolment) == Status.DELTAR


def test_without_four_eyes_an_exception_completes_at_once_as_before(personas):
    assert personas.bergen.four_eyes_approval is False
    completion = confirm(personas)
    assert isinstance(completion, Completion) and completion.approved_by is None
    assert status_of(personas.enrolment) == Status.FULLFORT
    assert not PendingCompletion.objects.exists()


def test_a_waiting_exception_dated_before_the_last_change_is_refused(personas, four_eyes):
    started = StatusChange.objects.filter(enrolment=personas.enrolment).latest("valid_from")
    with pytest.raises(ValidationError) as info:
        completion_confirm(
            by=personas.coordinator,
            enrolment=personas.enrolment,
            completed_on=started.valid_from - dt.timedelta(days=1),
            exception_reason=REASON,
        )
    assert "completed_on" in info.value.message_dict
    assert not PendingCompletion.objects.exists()


# --- Views --------------------------------------------------------------------------------


def approve_url(enrolment):
    return reverse("completion_approve", args=[enrolment.pk])


def test_the_page_shows_the_waiting_exception_and_offers_approval_to_another(
    client, personas, four_eyes, second
):
    confirm(personas)
    detail = reverse("enrolment_detail", args=[personas.enrolment.pk])
    client.force_login(personas.coordinator)
    page = client.get(detail).content.decode()
    assert "venter på godkjenning av en annen koordinator" in page
    assert "Godkjenn unntaket" not in page
    assert "Du bekreftet unntaket selv" in page
    client.force_login(second)
    page = client.get(detail).content.decode()
    assert "Godkjenn unntaket" in page and "Bekreft fullføring" not in page


def test_the_confirmer_posting_approval_gets_the_refusal(client, personas, four_eyes):
    confirm(personas)
    client.force_login(personas.coordinator)
    response = client.post(approve_url(personas.enrolment))
    assert response.status_code == 200
    assert "Du bekreftet dette unntaket selv" in response.content.decode()
    assert not Completion.objects.exists()


def test_the_second_coordinator_approves_through_the_page(client, personas, four_eyes, second):
    confirm(personas)
    client.force_login(second)
    response = client.post(approve_url(personas.enrolment), follow=True)
    assert "Unntaket er godkjent" in response.content.decode()
    assert status_of(personas.enrolment) == Status.FULLFORT


def test_approval_is_refused_to_others(client, personas, four_eyes):
    confirm(personas)
    assert "/konto/login" in client.post(approve_url(personas.enrolment))["Location"]
    client.force_login(personas.other_coordinator)
    assert client.post(approve_url(personas.enrolment)).status_code == 404
    client.force_login(personas.caseworker)
    assert client.post(approve_url(personas.enrolment)).status_code == 403
    client.force_login(personas.coordinator)
    assert client.get(approve_url(personas.enrolment)).status_code == 405
    assert not Completion.objects.exists()


def test_no_diploma_while_the_exception_waits(client, personas, four_eyes, second):
    from brobygger.diplomas.models import Diploma

    confirm(personas)
    client.force_login(personas.coordinator)
    issue = reverse("diploma_issue", args=[personas.enrolment.pk])
    response = client.post(issue, follow=True)
    assert "Vitnemål kan bare utstedes når fullføringen er bekreftet." in response.content.decode()
    assert not Diploma.objects.exists()
    completion_approve(by=second, enrolment=personas.enrolment)
    client.post(issue)
    assert Diploma.objects.count() == 1


def test_the_confirm_view_says_the_exception_waits(client, personas, four_eyes):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("completion_confirm", args=[personas.enrolment.pk]),
        {"completed_on": ON.isoformat(), "exception_reason": REASON},
        follow=True,
    )
    assert "venter på godkjenning av en annen koordinator" in response.content.decode()
    assert status_of(personas.enrolment) == Status.DELTAR


# --- The review list ------------------------------------------------------------------------

LIST = reverse("completion_exceptions")


def _exceptions(personas, count):
    """`count` exceptions in the Bergen cohort: the first waits, the rest are approved."""
    second = make_user(role=Role.COORDINATOR, org=personas.bergen, first_name="Kari")
    enrolments = [personas.enrolment]
    for _n in range(count - 1):
        enrolments.append(make_enrolment(personas.enrolment.cohort, status=Status.DELTAR))
    for enrolment in enrolments:
        confirm(personas, enrolment)
    for enrolment in enrolments[1:]:
        completion_approve(by=second, enrolment=enrolment)
    return enrolments, second


def test_the_list_shows_waiting_first_with_who_confirmed_and_approved(client, personas, four_eyes):
    enrolments, second = _exceptions(personas, 2)
    client.force_login(personas.coordinator)
    response = client.get(LIST)
    rows = response.context["rows"]
    assert [(row.enrolment, row.pending) for row in rows] == [
        (enrolments[0], True),
        (enrolments[1], False),
    ]
    assert rows[1].confirmed_by == personas.coordinator and rows[1].approved_by == second
    page = response.content.decode()
    assert "Venter på godkjenning" in page and REASON in page
    # One read-log entry per participant shown.
    logged = AccessEvent.objects.filter(denied=False, path=LIST)
    assert sorted(logged.values_list("participant_id", flat=True)) == sorted(
        e.participant_id for e in enrolments
    )


def test_the_list_shows_nothing_of_another_organisation(client, personas, four_eyes):
    _exceptions(personas, 2)
    client.force_login(personas.other_coordinator)
    response = client.get(LIST)
    assert response.context["rows"] == []
    assert REASON not in response.content.decode()
    assert not AccessEvent.objects.filter(path=LIST).exists()


def test_the_list_is_for_coordinators_only(client, personas):
    assert "/konto/login" in client.get(LIST)["Location"]
    for user in (personas.caseworker, personas.employer, personas.participant_user):
        client.force_login(user)
        assert client.get(LIST).status_code == 403
    client.force_login(personas.coordinator)
    assert client.post(LIST).status_code == 405


def test_the_list_lists_exceptions_without_four_eyes_too(client, personas):
    confirm(personas)
    client.force_login(personas.coordinator)
    rows = client.get(LIST).context["rows"]
    assert [(row.pending, row.approved_by) for row in rows] == [(False, None)]


def _queries_for(client, personas, count, django_assert_num_queries, expected):
    _exceptions(personas, count)
    client.force_login(personas.coordinator)
    client.get(LIST)  # warm the session and the user's roles
    with django_assert_num_queries(expected):
        assert len(client.get(LIST).context["rows"]) == count


@pytest.mark.parametrize("count", [2, 5])
def test_the_list_keeps_a_fixed_query_count(
    client, personas, four_eyes, django_assert_num_queries, count
):
    # Six however many rows: session, user, memberships (roles); the waiting and the recorded
    # exceptions, each with participant, cohort and people joined; one read-log INSERT.
    _queries_for(client, personas, count, django_assert_num_queries, 6)

import pytest
from django.urls import reverse

from brobygger.accounts.models import Role
from brobygger.core.models import AuditEvent
from brobygger.placements.models import TimesheetStatus
from brobygger.placements.selectors import practice_summaries
from brobygger.placements.tests.factories import make_placement, make_timesheet, monday
from brobygger.testing import make_user


@pytest.fixture
def placement(personas):
    return make_placement(personas)


@pytest.fixture
def sheet(placement):
    return make_timesheet(placement, monday(0), "16.88", status=TimesheetStatus.SUBMITTED)


def url(sheet):
    return reverse("timesheet_review", args=[sheet.pk])


def test_anonymous_is_sent_to_login(client, sheet):
    response = client.post(url(sheet), {"action": "approve"})
    assert response.status_code == 302
    assert "/konto/login" in response["Location"]


def test_the_supervisor_of_another_placement_gets_404(client, personas, sheet):
    colleague = make_user(role=Role.SUPERVISOR, org=personas.host)
    make_placement(personas, enrolment=personas.other_enrolment, supervisor=colleague)
    client.force_login(colleague)
    assert client.get(url(sheet)).status_code == 404
    assert client.post(url(sheet), {"action": "approve"}).status_code == 404
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.SUBMITTED


def test_a_participant_cannot_approve(client, personas, sheet):
    client.force_login(personas.participant_user)
    assert client.post(url(sheet), {"action": "approve"}).status_code == 403
    client.force_login(personas.coordinator)
    assert client.post(url(sheet), {"action": "approve"}).status_code == 403
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.SUBMITTED


def test_wrong_method_is_405(client, personas, sheet):
    client.force_login(personas.supervisor)
    assert client.delete(url(sheet)).status_code == 405


def test_the_page_shows_the_days_and_the_requirement(client, personas, sheet):
    client.force_login(personas.supervisor)
    html = client.get(url(sheet)).content.decode()
    assert "Dina Deltakersen" in html
    assert "16,875 timer (50 % praksis)" in html
    assert "mandag 07.09.2026".capitalize() in html
    assert 'value="approve"' in html


def test_approving_makes_the_week_count_and_is_audited(client, personas, sheet):
    enrolment_id = personas.enrolment.pk
    assert practice_summaries([enrolment_id])[enrolment_id].approved_weeks == 0
    client.force_login(personas.supervisor)
    response = client.post(url(sheet), {"action": "approve"})
    assert response.status_code == 302
    assert response["Location"] == reverse("supervisor_placements")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.decided_by) == (TimesheetStatus.APPROVED, personas.supervisor)
    assert practice_summaries([enrolment_id])[enrolment_id].approved_weeks == 1
    assert AuditEvent.objects.filter(action="approve", object_id=sheet.pk).exists()
    html = client.get(response["Location"]).content.decode()
    assert "Timelisten er godkjent. Teller: 16,88 t av 16,875 t som kreves (50 %)." in html


def test_an_approved_short_week_does_not_count_and_the_page_warns(client, personas, placement):
    short = make_timesheet(placement, monday(1), "16.5", status=TimesheetStatus.SUBMITTED)
    client.force_login(personas.supervisor)
    assert "Uka teller ikke med" in client.get(url(short)).content.decode()
    client.post(url(short), {"action": "approve"})
    summary = practice_summaries([personas.enrolment.pk])[personas.enrolment.pk]
    assert (summary.approved_weeks, summary.short_week_starts) == (0, (monday(1),))


def test_returning_needs_a_comment(client, personas, sheet):
    client.force_login(personas.supervisor)
    response = client.post(url(sheet), {"action": "return", "comment": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Skriv en kommentar til deltakeren om hva som må rettes." in html
    assert 'id="id_comment_error"' in html
    sheet.refresh_from_db()
    assert sheet.status == TimesheetStatus.SUBMITTED


def test_returning_with_a_comment(client, personas, sheet):
    client.force_login(personas.supervisor)
    response = client.post(url(sheet), {"action": "return", "comment": "Fredag mangler."})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.supervisor_comment) == (TimesheetStatus.RETURNED, "Fredag mangler.")
    assert AuditEvent.objects.get(action="return", object_id=sheet.pk).changes["status"] == [
        "submitted",
        "returned",
    ]


def test_a_decided_timesheet_cannot_be_decided_again(client, personas, placement):
    approved = make_timesheet(placement, monday(2), "20")
    client.force_login(personas.supervisor)
    assert 'value="approve"' not in client.get(url(approved)).content.decode()
    response = client.post(url(approved), {"action": "return", "comment": "Nei"})
    assert "Timelisten venter ikke på godkjenning." in response.content.decode()
    approved.refresh_from_db()
    assert approved.status == TimesheetStatus.APPROVED

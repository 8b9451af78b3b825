"""An online application's personal data: in "Mine data", cleared by retention, hidden in audit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from brobygger.applications.models import OnlineApplication
from brobygger.applications.privacy import applications_section
from brobygger.applications.tests.helpers import NOW, mailed_link_path, open_cohort
from brobygger.applications.tests.test_apply import EMAIL, form_data
from brobygger.core.models import AuditEvent
from brobygger.privacy.retention.services import participant_anonymise


@pytest.fixture
def applied(client, personas, time_machine):
    time_machine.move_to(NOW, tick=False)
    cohort = open_cohort(personas.cohort)
    client.post(reverse("apply_start", args=[cohort.pk]), {"email": EMAIL})
    client.post(mailed_link_path(mail.outbox[-1]))
    client.post(reverse("apply_form", args=[cohort.pk]), form_data())
    return OnlineApplication.objects.select_related("enrolment__participant").get()


def test_the_address_never_enters_the_audit_trail(applied):
    event = AuditEvent.objects.get(
        object_type="applications.onlineapplication", object_id=applied.pk
    )
    assert EMAIL not in str(event.changes)
    assert event.changes["consent_text"][1].startswith("Jeg samtykker")


def test_the_application_is_in_my_data(applied):
    (table,) = applications_section(applied.enrolment.participant)
    assert table.rows[0]["email"] == EMAIL and table.rows[0]["consent_given_at"]


def test_retention_clears_the_address(applied):
    participant_anonymise(by=None, participant=applied.enrolment.participant)
    applied.refresh_from_db()
    assert applied.email == ""

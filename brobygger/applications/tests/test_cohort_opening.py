"""Opening a cohort for applications in its edit form, and the one rule for "open today"."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from brobygger.applications.selectors import (
    application_closed_reason,
    open_for_applications_q,
)
from brobygger.core.models import AuditEvent
from brobygger.core.tests.stale import loaded_token, refused_as_stale
from brobygger.programmes.models import Cohort
from brobygger.programmes.tests.factories import BEFORE_START, frozen, login
from brobygger.programmes.tests.factories import cohort_edit_post as post_data


def url(cohort):
    return reverse("cohort_edit", args=[cohort.pk])


def test_the_coordinator_opens_a_cohort_with_a_deadline_and_it_is_audited(client, personas):
    login(client, personas.coordinator)
    with frozen(BEFORE_START):
        response = client.post(
            url(personas.cohort),
            post_data(personas, applications_open="on", application_deadline="2026-08-01"),
        )
    assert response.status_code == 302
    personas.cohort.refresh_from_db()
    assert personas.cohort.applications_open is True
    assert personas.cohort.application_deadline == dt.date(2026, 8, 1)
    event = AuditEvent.objects.get(
        object_type="programmes.cohort", object_id=personas.cohort.pk, action="update"
    )
    assert event.changes["applications_open"] == [False, True]
    assert event.changes["application_deadline"] == [None, "2026-08-01"]
    form = client.get(url(personas.cohort)).context["form"]
    assert form.initial["applications_open"] is True


def test_open_without_a_deadline_is_refused(client, personas):
    login(client, personas.coordinator)
    response = client.post(url(personas.cohort), post_data(personas, applications_open="on"))
    assert "Sett en søknadsfrist når kullet er åpent for søknader." in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.applications_open is False


def test_a_deadline_after_the_end_is_refused(client, personas):
    login(client, personas.coordinator)
    late = (personas.cohort.end_date + dt.timedelta(days=1)).isoformat()
    response = client.post(
        url(personas.cohort),
        post_data(personas, applications_open="on", application_deadline=late),
    )
    assert "Søknadsfristen kan ikke være etter sluttdatoen." in response.content.decode()
    personas.cohort.refresh_from_db()
    assert personas.cohort.application_deadline is None


def test_opening_from_an_older_version_of_the_form_is_refused(personas):
    first, second = (login(Client(), personas.coordinator) for _ in range(2))
    edit = url(personas.cohort)
    with frozen(BEFORE_START):
        token_first, token_second = loaded_token(first, edit), loaded_token(second, edit)
        opened = post_data(
            personas,
            applications_open="on",
            application_deadline="2026-08-01",
            edit_token=token_first,
        )
        assert first.post(edit, opened).status_code == 302
        response = second.post(edit, post_data(personas, edit_token=token_second))
        refused_as_stale(response, "Søknadsfrist")
    personas.cohort.refresh_from_db()
    assert personas.cohort.applications_open is True  # the later, stale save did not close it


def test_the_rule_for_one_cohort_and_for_the_list_agree(personas):
    cohort = personas.cohort  # 17.08.2026 to 21.06.2027
    cases = [
        (False, None, dt.date(2026, 7, 1), False),
        (True, dt.date(2026, 8, 1), dt.date(2026, 8, 1), True),  # the deadline day
        (True, dt.date(2026, 8, 1), dt.date(2026, 8, 2), False),  # the day after
        (False, dt.date(2026, 8, 1), dt.date(2026, 7, 1), False),  # closed by hand
        (True, cohort.end_date, cohort.end_date, True),
        (True, cohort.end_date, cohort.end_date + dt.timedelta(days=1), False),  # ended
    ]
    for is_open, deadline, today, expected in cases:
        Cohort.objects.filter(pk=cohort.pk).update(
            applications_open=is_open, application_deadline=deadline
        )
        cohort.refresh_from_db()
        in_list = Cohort.objects.filter(open_for_applications_q(today=today), pk=cohort.pk)
        assert in_list.exists() is expected, (is_open, deadline, today)
        assert (application_closed_reason(cohort, today=today) is None) is expected

"""Shared helpers for the outcome view tests."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from brobygger.enrolments.models import EndingReason, Status
from brobygger.organisations.models import OrganisationKind
from brobygger.outcomes.tests.factories import enrol, job
from brobygger.testing import make_org

MUNICIPALITIES = ("4601", "4624", "4627", "4631", "1103", "0301")


def add_people(cohort, n, *, with_jobs=True):
    """n completers and n discontinued across several municipalities, half with a job."""
    employer = make_org(kind=OrganisationKind.EMPLOYER)
    for i in range(n):
        municipality = MUNICIPALITIES[i % len(MUNICIPALITIES)]
        done = enrol(cohort, Status.FULLFORT, municipality=municipality)
        if with_jobs and i % 2 == 0:
            job(done, employer, start=cohort.end_date + dt.timedelta(days=20 + i))
        enrol(cohort, Status.AVBRUTT, municipality=municipality, reason=EndingReason.ILLNESS)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def scripts_are_external_or_data(html):
    """CSP: every <script> loads a file or holds JSON data; no style attributes."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert " style=" not in html
    assert " onclick=" not in html

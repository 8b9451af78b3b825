from __future__ import annotations

import datetime as dt

from brobygger.employment.models import Employment, EmploymentPercent, EmploymentSource, JobKind
from brobygger.organisations.models import OrganisationKind


def make_employment(participant, *, start=dt.date(2026, 1, 5), employer=None, percent=50):
    from brobygger.testing import make_org

    employment = Employment.objects.create(
        participant=participant,
        employer=employer
        or make_org("Bergen kommune, Psykiatritjenesten", kind=OrganisationKind.EMPLOYER),
        source=EmploymentSource.OUTSIDE,
        job_title="Erfaringskonsulent",
        kind=JobKind.TEMPORARY,
        start_date=start,
    )
    EmploymentPercent.objects.create(employment=employment, percent=percent, valid_from=start)
    return employment

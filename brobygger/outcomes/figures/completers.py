"""What the figures need of the completers, counted in the database: one query, whatever the
number of people, returning cells rather than people (issue 16).

The query builds, per completion in the population, its follow-up answers at 6 and 12 months
and its first job (the earliest job not ended before completion and begun by today; ties go to
the newest record, as the employment list shows them), then returns four kinds of rows:

- "f": completers per cohort and per home municipality (the two sides of the cube, as in
  `rows.py`), follow-up state at 6 and 12 months and whether they got a job;
- "p": first jobs per percent (on the later of job start and completion), kind and benefit
  (the benefit period in force on the job's first day, the job's older undated value
  otherwise);
- "s": first jobs per funding source in force on that day ("none" when there is none; a job
  can have several);
- "m": per dimension member, the number of first jobs and the sum of the one or two middle
  values of days from completion to the job, so Python divides to get the median.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from brobygger.completion.models import Completion
from brobygger.employment.models import (
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
)
from brobygger.enrolments.models import Enrolment, Participant, Status
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpOutcome
from brobygger.followup.rules import FollowUpStatus, last_due_start
from brobygger.organisations.models import Municipality
from brobygger.outcomes.figures.dialect import days_between, subquery, table, year_of
from brobygger.outcomes.figures.dimensions import (
    ALL,
    COHORT,
    COUNTY,
    MUNICIPALITY,
    PROGRAMME,
    YEAR,
)
from brobygger.programmes.models import Cohort, ProgrammeVersion

F = FollowUpStatus


@dataclass(frozen=True)
class CompleterGroup:
    """Completers of one cohort (side COHORT) or one home (side MUNICIPALITY, "" for none)."""

    side: str
    member: str
    # FollowUpStatus value per month mark (OVERDUE stands for "the date has come, no answer").
    states: dict[int, str]
    got_job: bool
    n: int


@dataclass
class Completers:
    groups: list[CompleterGroup] = field(default_factory=list)
    # (percent or None, kind, benefit) -> first jobs
    first_jobs: dict[tuple[int | None, str, str], int] = field(default_factory=dict)
    # funding source (or "none") -> first jobs
    sources: dict[str, int] = field(default_factory=dict)
    # (dimension, member) -> (median days to the first job, first jobs behind it)
    medians: dict[tuple[str, str], tuple[Decimal, int]] = field(default_factory=dict)


def completers(enrolments: QuerySet[Enrolment], today: dt.date) -> Completers:
    sql, params = _query(enrolments, today)
    result = Completers()
    sources: dict[str, int] = defaultdict(int)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for tag, k1, k2, k3, k4, k5, n, middle in cursor.fetchall():
            if tag == "f":
                states = dict(zip(FOLLOW_UP_MONTHS, (k3, k4), strict=True))
                result.groups.append(CompleterGroup(k1, k2, states, k5 == "1", int(n)))
            elif tag == "p":
                percent = int(k1) if k1 is not None else None
                result.first_jobs[(percent, k2 or "", k3 or "")] = int(n)
            elif tag == "s":
                sources[k1] += int(n)
            else:
                middles = 1 if int(n) % 2 else 2
                result.medians[(k1, k2)] = (Decimal(int(middle)) / middles, int(n))
    result.sources = dict(sources)
    return result


def _tables() -> dict[str, str]:
    models: dict[str, Any] = {
        "completion": Completion,
        "enrolment": Enrolment,
        "participant": Participant,
        "municipality": Municipality,
        "cohort": Cohort,
        "version": ProgrammeVersion,
        "employment": Employment,
        "percent": EmploymentPercent,
        "benefit": EmploymentBenefit,
        "funding": EmploymentFunding,
        "followup": FollowUpOutcome,
    }
    return {name: table(model) for name, model in models.items()}


def _query(enrolments: QuerySet[Enrolment], today: dt.date) -> tuple[str, list[Any]]:
    t = _tables()
    population, population_params = subquery(
        enrolments.filter(status=Status.FULLFORT).order_by().values("pk")
    )
    answers = ",\n".join(
        f"MAX(CASE WHEN f.months = {m} AND f.employed = %s THEN 2 WHEN f.months = {m} THEN 1 "
        f"ELSE 0 END) AS a{m}"
        for m in FOLLOW_UP_MONTHS
    )
    # One column per month mark: the rows below have room for two (6 and 12).
    assert len(FOLLOW_UP_MONTHS) == 2
    states = ", ".join(
        f"CAST(CASE WHEN a.a{m} = 2 THEN %s WHEN a.a{m} = 1 THEN %s "
        f"WHEN cm.completed_on <= %s THEN %s ELSE %s END AS TEXT) AS s{m}"
        for m in FOLLOW_UP_MONTHS
    )
    state_params = [
        p
        for m in FOLLOW_UP_MONTHS
        for p in (
            F.EMPLOYED.value,
            F.NOT_EMPLOYED.value,
            last_due_start(m, today),
            F.OVERDUE.value,
            F.UPCOMING.value,
        )
    ]
    in_force = (
        "f.employment_id = fj.job AND f.valid_from <= fj.on_day "
        "AND (f.valid_to IS NULL OR f.valid_to >= fj.on_day)"
    )
    partitions = {
        ALL: ("''", ""),
        PROGRAMME: ("CAST(programme AS TEXT)", "PARTITION BY programme"),
        COHORT: ("CAST(cohort AS TEXT)", "PARTITION BY cohort"),
        YEAR: ("CAST(year AS TEXT)", "PARTITION BY year"),
        COUNTY: ("county", "PARTITION BY county"),
        MUNICIPALITY: ("municipality", "PARTITION BY municipality"),
    }
    # Only table names, column names and fixed fragments are formatted in; values are params.
    windows = "\nUNION ALL\n".join(
        f"SELECT %s AS dim, {member} AS member, days, "  # noqa: S608
        f"ROW_NUMBER() OVER ({over} ORDER BY days) AS rn, COUNT(*) OVER ({over}) AS cnt "
        "FROM first_jobs"
        for member, over in partitions.values()
    )
    sql = f"""
WITH completers AS (
    SELECT c.id AS cid, e.participant_id AS person, e.cohort_id AS cohort,
           COALESCE(p.municipality_id, '') AS municipality,
           COALESCE(m.county_id, '') AS county,
           v.programme_id AS programme, {year_of("co.start_date")} AS year,
           c.completed_on AS completed_on
    FROM {t["completion"]} c
    JOIN {t["enrolment"]} e ON e.id = c.enrolment_id
    JOIN {t["participant"]} p ON p.id = e.participant_id
    LEFT JOIN {t["municipality"]} m ON m.number = p.municipality_id
    JOIN {t["cohort"]} co ON co.id = e.cohort_id
    JOIN {t["version"]} v ON v.id = co.version_id
    WHERE c.enrolment_id IN ({population})
),
answers AS (
    SELECT f.completion_id AS cid, {answers}
    FROM {t["followup"]} f
    WHERE f.completion_id IN (SELECT cid FROM completers)
    GROUP BY f.completion_id
),
ranked AS (
    SELECT cm.cid, cm.cohort, cm.municipality, cm.county, cm.programme, cm.year,
           cm.completed_on, j.id AS job, j.start_date AS start, j.kind AS kind,
           j.benefit AS benefit,
           ROW_NUMBER() OVER (
               PARTITION BY cm.cid
               ORDER BY j.start_date, COALESCE(j.end_date, %s), j.id DESC
           ) AS rn
    FROM completers cm
    JOIN {t["employment"]} j ON j.participant_id = cm.person
    WHERE j.start_date <= %s AND (j.end_date IS NULL OR j.end_date >= cm.completed_on)
),
first_jobs AS (
    SELECT r.*,
           CASE WHEN r.start > r.completed_on THEN r.start ELSE r.completed_on END AS on_day,
           CASE WHEN r.start > r.completed_on
                THEN {days_between("r.start", "r.completed_on")} ELSE 0 END AS days
    FROM ranked r
    WHERE r.rn = 1
),
followed AS (
    SELECT CAST(cm.cohort AS TEXT) AS cohort, cm.municipality AS municipality, {states},
           CAST(CASE WHEN fj.cid IS NULL THEN '0' ELSE '1' END AS TEXT) AS got
    FROM completers cm
    LEFT JOIN answers a ON a.cid = cm.cid
    LEFT JOIN first_jobs fj ON fj.cid = cm.cid
)
SELECT CAST('f' AS TEXT) AS tag, CAST(%s AS TEXT) AS k1, cohort AS k2, s6, s12, got,
       COUNT(*) AS n, 0 AS middle
FROM followed GROUP BY cohort, s6, s12, got
UNION ALL
SELECT 'f', %s, municipality, s6, s12, got, COUNT(*), 0
FROM followed GROUP BY municipality, s6, s12, got
UNION ALL
SELECT 'p', CAST(x.percent AS TEXT), x.kind, x.benefit, NULL, NULL, COUNT(*), 0
FROM (
    SELECT fj.kind AS kind,
           COALESCE(
               (SELECT ep.percent FROM {t["percent"]} ep
                WHERE ep.employment_id = fj.job AND ep.valid_from <= fj.on_day
                ORDER BY ep.valid_from DESC LIMIT 1),
               (SELECT ep.percent FROM {t["percent"]} ep
                WHERE ep.employment_id = fj.job ORDER BY ep.valid_from LIMIT 1)
           ) AS percent,
           COALESCE(
               (SELECT b.kind FROM {t["benefit"]} b
                WHERE b.employment_id = fj.job AND b.valid_from <= fj.start
                  AND (b.valid_to IS NULL OR b.valid_to >= fj.start)
                ORDER BY b.valid_from DESC, b.id DESC LIMIT 1),
               fj.benefit
           ) AS benefit
    FROM first_jobs fj
) x
GROUP BY 2, 3, 4
UNION ALL
SELECT 's', f.source, NULL, NULL, NULL, NULL, COUNT(DISTINCT fj.cid), 0
FROM first_jobs fj JOIN {t["funding"]} f ON {in_force}
GROUP BY f.source
UNION ALL
SELECT 's', %s, NULL, NULL, NULL, NULL, COUNT(*), 0
FROM first_jobs fj
WHERE NOT EXISTS (SELECT 1 FROM {t["funding"]} f WHERE {in_force})
UNION ALL
SELECT 'm', w.dim, w.member, NULL, NULL, NULL, MAX(w.cnt), SUM(w.days)
FROM ({windows}) w
WHERE w.rn * 2 IN (w.cnt, w.cnt + 1, w.cnt + 2)
GROUP BY w.dim, w.member
"""  # noqa: S608 - as above
    params = [
        *population_params,
        *([True] * len(FOLLOW_UP_MONTHS)),
        dt.date.max,
        today,
        *state_params,
        COHORT,
        MUNICIPALITY,
        "none",
        *partitions.keys(),
    ]
    return sql, params

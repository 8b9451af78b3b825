"""The enrolments counted, in the database (issue 16): what the figures get is cells, never
people, whatever the number of participants.

A cell of the cube belongs to one of two sides: the cohort side (the whole population,
programme, cohort, year) and the home side (county, municipality). Every other cube cell is a
sum of cells of the same side, so the query counts enrolments per cohort and per home
municipality (with their status and three flags from the status history), not per cohort and
municipality together: the rows grow with the number of cohorts and municipalities, not with
their product or the population. Two small queries fetch the labels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from brobygger.enrolments.models import Enrolment, Participant, Status, StatusChange
from brobygger.organisations.models import Municipality
from brobygger.outcomes.figures.dialect import subquery, table
from brobygger.outcomes.figures.dimensions import COHORT, MUNICIPALITY
from brobygger.programmes.models import Cohort

S = Status
# Statuses that can only be reached by taking part (the transition table guarantees it), so
# "started" holds for them even if an imported history missed the DELTAR row.
TAKING_PART_OR_AFTER = (S.DELTAR, S.PERMISJON, S.FULLFORT, S.AVBRUTT)


@dataclass(frozen=True)
class Counted:
    """Enrolments of one cohort (side COHORT) or one home municipality (side MUNICIPALITY,
    "" for no registered home) with one status and the same flags."""

    side: str
    member: str
    status: str
    admitted: bool
    started: bool
    reason: str  # the coded reason for stopping, for AVBRUTT
    n: int


@dataclass(frozen=True)
class CohortInfo:
    name: str
    start: dt.date
    programme: int
    programme_name: str


@dataclass(frozen=True)
class PlaceInfo:
    name: str
    county: str
    county_name: str


UNKNOWN_PLACE = PlaceInfo("", "", "")


@dataclass
class Enrolments:
    counted: list[Counted] = field(default_factory=list)
    cohorts: dict[str, CohortInfo] = field(default_factory=dict)
    places: dict[str, PlaceInfo] = field(default_factory=dict)


def population(scope_q: Q, filter_q: Q) -> QuerySet[Enrolment]:
    """The enrolments counted: in scope, filtered, and not registered in error."""
    return Enrolment.objects.filter(scope_q).filter(filter_q).exclude(status=S.FEILREGISTRERT)


def enrolments_counted(enrolments: QuerySet[Enrolment]) -> Enrolments:
    sql, params = _query(enrolments)
    result = Enrolments()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for side, member, status, admitted, started, reason, n in cursor.fetchall():
            result.counted.append(
                Counted(side, member, status, bool(admitted), bool(started), reason or "", n)
            )
    cohorts = {c.member for c in result.counted if c.side == COHORT}
    for pk, name, start, programme, programme_name in Cohort.objects.filter(
        pk__in=cohorts
    ).values_list("pk", "name", "start_date", "version__programme_id", "version__programme__name"):
        result.cohorts[str(pk)] = CohortInfo(name, start, programme, programme_name)
    places = {c.member for c in result.counted if c.side == MUNICIPALITY}
    result.places = dict.fromkeys(places, UNKNOWN_PLACE)
    for number, name, county, county_name in Municipality.objects.filter(
        number__in=places
    ).values_list("number", "name", "county_id", "county__name"):
        result.places[number] = PlaceInfo(name, county, county_name)
    return result


def _query(enrolments: QuerySet[Enrolment]) -> tuple[str, list[Any]]:
    """Per enrolment its flags (the history is looked up only where the status does not
    settle it: CASE runs the subquery only for the rows that reach it), then counted per
    cohort and per home."""
    population, params = subquery(enrolments.order_by().values("pk"))
    history = table(StatusChange)
    taking_part = ", ".join(["%s"] * len(TAKING_PART_OR_AFTER))
    sql = f"""
WITH flagged AS (
    SELECT CAST(e.cohort_id AS TEXT) AS cohort,
           CAST(COALESCE(p.municipality_id, '') AS TEXT) AS municipality,
           e.status AS status,
           CASE WHEN e.status IN ({taking_part}) THEN 1
                WHEN EXISTS (SELECT 1 FROM {history} h
                             WHERE h.enrolment_id = e.id AND h.status IN (%s, %s)) THEN 1
                ELSE 0 END AS admitted,
           CASE WHEN e.status IN ({taking_part}) THEN 1
                WHEN EXISTS (SELECT 1 FROM {history} h
                             WHERE h.enrolment_id = e.id AND h.status = %s) THEN 1
                ELSE 0 END AS started,
           CASE WHEN e.status = %s
                THEN COALESCE((SELECT MAX(h.reason) FROM {history} h
                               WHERE h.enrolment_id = e.id AND h.status = %s), '')
                ELSE '' END AS reason
    FROM {table(Enrolment)} e
    JOIN {table(Participant)} p ON p.id = e.participant_id
    WHERE e.id IN ({population})
)
SELECT %s, cohort, status, admitted, started, reason, COUNT(*)
FROM flagged GROUP BY cohort, status, admitted, started, reason
UNION ALL
SELECT %s, municipality, status, admitted, started, reason, COUNT(*)
FROM flagged GROUP BY municipality, status, admitted, started, reason
"""  # noqa: S608 - only table names and placeholders are formatted in
    return sql, [
        *TAKING_PART_OR_AFTER,
        S.VENTER_PA_OPPSTART,
        S.DELTAR,
        *TAKING_PART_OR_AFTER,
        S.DELTAR,
        S.AVBRUTT,
        S.AVBRUTT,
        *params,
        COHORT,
        MUNICIPALITY,
    ]

"""The figures' old path, kept as the reference the database aggregates are compared with
(issue 16): one row per enrolment and per completer fetched into Python and counted there, as
the figures were computed until the counting moved into SQL. Used only by
test_sql_matches_python.py; not by the app."""

# ruff: noqa
from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from brobygger.completion.models import Completion
from brobygger.employment.models import (
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
)
from brobygger.enrolments.models import Enrolment, Status
from brobygger.followup.models import FOLLOW_UP_MONTHS
from brobygger.followup.rules import due_on, followup_status
from brobygger.outcomes.figures.cube import *  # noqa: F403
from brobygger.outcomes.figures.cube import _add, _complete, _order
from brobygger.outcomes.filters import Filters
from brobygger.outcomes.scope import Scope

S = Status
# Statuses that can only be reached by taking part (the transition table guarantees it), so
# "started" holds for them even if an imported history missed the DELTAR row.
TAKING_PART_OR_AFTER = (S.DELTAR, S.PERMISJON, S.FULLFORT, S.AVBRUTT)


@dataclass(frozen=True)
class Group:
    cohort: int
    cohort_name: str
    cohort_start: dt.date
    programme: int
    programme_name: str
    municipality: str  # "" when the participant's home is not registered
    municipality_name: str
    county: str
    county_name: str
    status: str
    admitted: bool
    started: bool
    reason: str
    n: int


@dataclass(frozen=True)
class Completer:
    participant: int
    cohort: int
    municipality: str
    completed_on: dt.date
    # The recorded follow-up answer per month mark: True (in work), False, or None (none yet).
    answers: dict[int, bool | None] = field(default_factory=dict)


@dataclass
class Job:
    start: dt.date
    end: dt.date | None
    kind: str
    benefit: str
    percents: list[tuple[dt.date, int]] = field(default_factory=list)
    funding: list[tuple[str, dt.date, dt.date | None]] = field(default_factory=list)

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def percent_on(self, day: dt.date) -> int | None:
        applicable = [p for since, p in sorted(self.percents) if since <= day]
        if applicable:
            return applicable[-1]
        return min(self.percents)[1] if self.percents else None

    def sources_on(self, day: dt.date) -> set[str]:
        return {s for s, start, end in self.funding if start <= day and (end is None or day <= end)}


def groups(enrolments: QuerySet[Enrolment]) -> list[Group]:
    """One row per enrolment from the database (its status history folded into three flags by
    a join and MAX, which is much faster than a subquery per enrolment), counted into groups
    here."""
    flag = IntegerField()
    rows = (
        enrolments.values_list(
            "pk",
            "cohort_id",
            "cohort__name",
            "cohort__start_date",
            "cohort__version__programme_id",
            "cohort__version__programme__name",
            "participant__municipality_id",
            "participant__municipality__name",
            "participant__municipality__county_id",
            "participant__municipality__county__name",
            "status",
        )
        .annotate(
            was_admitted=Max(
                Case(
                    When(history__status__in=[S.VENTER_PA_OPPSTART, S.DELTAR], then=1),
                    default=0,
                    output_field=flag,
                )
            ),
            was_started=Max(
                Case(When(history__status=S.DELTAR, then=1), default=0, output_field=flag)
            ),
            ended_reason=Max(
                Case(
                    When(history__status=S.AVBRUTT, then=F("history__reason")),
                    default=Value(""),
                    output_field=CharField(),
                )
            ),
        )
        .order_by()
    )
    counted: Counter[tuple[Any, ...]] = Counter(row[1:] for row in rows)
    result = []
    for (cohort, name, start, prog, prog_name, mun, mun_name, county, county_name, status,
         admitted, started, reason), n in counted.items():  # fmt: skip
        started = bool(started) or status in TAKING_PART_OR_AFTER
        result.append(
            Group(
                cohort=cohort,
                cohort_name=name,
                cohort_start=start,
                programme=prog,
                programme_name=prog_name,
                municipality=mun or "",
                municipality_name=mun_name or "",
                county=county or "",
                county_name=county_name or "",
                status=status,
                admitted=bool(admitted) or started,
                started=started,
                reason=(reason or "") if status == S.AVBRUTT else "",
                n=n,
            )
        )
    return result


# How an answer is folded into one number per month mark: none, "not in work", "in work".
_NO_ANSWER, _NOT_EMPLOYED, _EMPLOYED = 0, 1, 2
_ANSWER = {_NO_ANSWER: None, _NOT_EMPLOYED: False, _EMPLOYED: True}


def completers(enrolments: QuerySet[Enrolment]) -> list[Completer]:
    """One row per completion with its follow-up answers (kind=completion: the answers hang on
    the completion) joined in, so the answers cost no extra query."""
    answers = {
        f"answer{months}": Max(
            Case(
                When(followups__months=months, followups__employed=True, then=_EMPLOYED),
                When(followups__months=months, then=_NOT_EMPLOYED),
                default=_NO_ANSWER,
                output_field=IntegerField(),
            )
        )
        for months in FOLLOW_UP_MONTHS
    }
    rows = (
        Completion.objects.filter(enrolment__in=enrolments.filter(status=S.FULLFORT).values("pk"))
        .values_list(
            "pk",
            "enrolment__participant_id",
            "enrolment__cohort_id",
            "enrolment__participant__municipality_id",
            "completed_on",
        )
        .annotate(**answers)
        .order_by()
    )
    return [
        Completer(p, c, m or "", on, dict(zip(FOLLOW_UP_MONTHS, map(_ANSWER.get, a), strict=True)))
        for _pk, p, c, m, on, *a in rows
    ]


def jobs(enrolments: QuerySet[Enrolment]) -> dict[int, list[Job]]:
    """Every job held by a completer in the population, by participant id."""
    people = enrolments.filter(status=S.FULLFORT).values("participant_id")
    by_id: dict[int, Job] = {}
    by_person: dict[int, list[Job]] = defaultdict(list)
    # The benefit period in force on the job's first day (the older undated value otherwise).
    benefit_at_start = (
        EmploymentBenefit.objects.filter(
            employment=OuterRef("pk"), valid_from__lte=OuterRef("start_date")
        )
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef("start_date")))
        .order_by("-valid_from", "-id")
        .values("kind")[:1]
    )
    employments = (
        Employment.objects.filter(participant_id__in=people)
        .annotate(benefit_at_start=Coalesce(Subquery(benefit_at_start), F("benefit")))
        .values_list("pk", "participant_id", "start_date", "end_date", "kind", "benefit_at_start")
    )
    for pk, person, start, end, kind, benefit in employments:
        job = Job(start=start, end=end, kind=kind, benefit=benefit)
        by_id[pk] = job
        by_person[person].append(job)
    percents = EmploymentPercent.objects.filter(employment__participant_id__in=people).values_list(
        "employment_id", "valid_from", "percent"
    )
    for pk, since, percent in percents:
        if pk in by_id:
            by_id[pk].percents.append((since, percent))
    funding = EmploymentFunding.objects.filter(employment__participant_id__in=people).values_list(
        "employment_id", "source", "valid_from", "valid_to"
    )
    for pk, source, start, end in funding:
        if pk in by_id:
            by_id[pk].funding.append((source, start, end))
    for person_jobs in by_person.values():
        person_jobs.sort(key=lambda j: (j.start, j.end or dt.date.max))
    return by_person


def _members(g: Group) -> dict[str, str]:
    return {
        ALL: "",
        PROGRAMME: str(g.programme),
        COHORT: str(g.cohort),
        YEAR: str(g.cohort_start.year),
        COUNTY: g.county,
        MUNICIPALITY: g.municipality,
    }


def _label(
    cube: Cube, sort_keys: dict[tuple[str, str], tuple[object, ...]], g: Group, m: dict[str, str]
) -> None:
    entries = {
        PROGRAMME: (g.programme_name, (g.programme_name, g.programme)),
        COHORT: (g.cohort_name, (g.cohort_start, g.cohort_name, g.cohort)),
        YEAR: (m[YEAR], (m[YEAR],)),
        COUNTY: (g.county_name, (g.county == "", g.county)),
        MUNICIPALITY: (g.municipality_name, (g.municipality == "", g.municipality_name)),
    }
    for dim, (label, sort_key) in entries.items():
        cube.labels[(dim, m[dim])] = label
        sort_keys[(dim, m[dim])] = sort_key
    cube.programme_name_of[m[COHORT]] = g.programme_name
    cube.cohort_parents[m[COHORT]] = (m[PROGRAMME], m[YEAR])
    cube.county_of[m[MUNICIPALITY]] = m[COUNTY]


def old_build_cube(
    groups: list[Group], completers: list[Completer], jobs: dict[int, list[Job]], today: dt.date
) -> Cube:
    cube = Cube()
    days: dict[tuple[str, str], list[int]] = defaultdict(list)
    of_cohort: dict[int, dict[str, str]] = {}
    of_municipality: dict[str, str] = {}
    sort_keys: dict[tuple[str, str], tuple[object, ...]] = {}
    for g in groups:
        members = _members(g)
        of_cohort[g.cohort] = members
        of_municipality[g.municipality] = g.county
        _label(cube, sort_keys, g, members)
        started = g.started
        counts = {
            APPLIED: True,
            ADMITTED: g.admitted,
            STARTED: started,
            COMPLETED: g.status == Status.FULLFORT,
            DISCONTINUED: g.status == Status.AVBRUTT,
            ONGOING: started and g.status not in (Status.FULLFORT, Status.AVBRUTT),
        }
        for measure, counted in counts.items():
            if counted:
                _add(cube, measure, members, g.n)
        if g.status == Status.AVBRUTT:
            cube.values[(f"reason:{g.reason}", ALL, "")] += g.n
    for c in completers:
        if c.cohort not in of_cohort:  # pragma: no cover - same population as the groups
            continue
        members = {**of_cohort[c.cohort], MUNICIPALITY: c.municipality}
        members[COUNTY] = of_municipality.get(c.municipality, "")
        _follow_up(cube, days, members, c, jobs.get(c.participant, []), today)
    cube.medians = {k: (Decimal(str(statistics.median(v))), len(v)) for k, v in days.items()}
    _order(cube, sort_keys)
    _complete(cube)
    return cube


def _follow_up(
    cube: Cube, days: Any, members: dict[str, str], c: Completer, jobs: list[Job], today: dt.date
) -> None:
    """Followed up and in work 6 and 12 months after completion, from the recorded answers
    (`followup.rules`, ADR 0016); and the first job held after completion, from the
    employment records: the earliest that had not ended by then."""
    for months, followed, not_followed, employed in FOLLOW_UP_MEASURES:
        status = followup_status(
            due_on=due_on(c.completed_on, months), employed=c.answers.get(months), today=today
        )
        if status.answered:
            _add(cube, followed, members, 1)
            if status.employed:
                _add(cube, employed, members, 1)
        elif status.missing:
            _add(cube, not_followed, members, 1)
    first = next(
        (j for j in jobs if (j.end is None or j.end >= c.completed_on) and j.start <= today),
        None,
    )
    if first is None:
        return
    _add(cube, GOT_JOB, members, 1)
    for dim, member in members.items():
        days[(dim, member)].append(max(0, (first.start - c.completed_on).days))
    on = max(first.start, c.completed_on)
    cube.values[(f"band:{band(first.percent_on(on))}", ALL, "")] += 1
    cube.values[(f"kind:{first.kind if first.kind in KINDS else ''}", ALL, "")] += 1
    cube.values[(f"benefit:{first.benefit}", ALL, "")] += 1
    sources = first.sources_on(on) or {"none"}
    for source in sources:
        cube.values[(f"source:{source}", ALL, "")] += 1


def old_outcome_cube(*, scope: Scope, filters: Filters, today: dt.date) -> Cube:
    enrolments = (
        Enrolment.objects.filter(scope.enrolments)
        .filter(filters.q())
        .exclude(status=S.FEILREGISTRERT)
    )
    return old_build_cube(groups(enrolments), completers(enrolments), jobs(enrolments), today)

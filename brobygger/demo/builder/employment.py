"""Work after the programme: Bergen employers and positions, the history's completers mostly in
work (about three in four at 6 months), and the follow-up answers that say so.

Figures follow the field (DOMAIN.md): positions from 20 % to 100 %, mostly 50 %; funded from
ordinary budgets, earmarked MB money, projects or NAV's wage subsidy; most combine the wage with a
benefit. Follow-ups older than five months are answered; the newest are left for the demo to show.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Sequence
from typing import Any, TypeVar

from brobygger.completion.models import Completion
from brobygger.core.months import add_months
from brobygger.demo.builder.context import SEED, Demo, _org
from brobygger.employment.models import (
    Benefit,
    Employment,
    EmploymentBenefit,
    EmploymentFunding,
    EmploymentPercent,
    EmploymentSource,
    FundingSource,
    JobKind,
    Position,
    PositionFunding,
)
from brobygger.followup.models import FOLLOW_UP_MONTHS, FollowUpKind, FollowUpOutcome
from brobygger.organisations.models import OrganisationKind

T = TypeVar("T")

EMPLOYED_AT_SIX_MONTHS = 0.75
LATE_STARTERS = 0.06  # find work between 6 and 12 months
LEFT_WITHIN_A_YEAR = 0.1
# Follow-ups due in the last five months are still waiting for an answer (the demo shows some).
ANSWERED_AFTER_DAYS = 150

PERCENTS = [(50, 55), (40, 10), (60, 10), (30, 5), (20, 5), (80, 8), (100, 7)]
KINDS = [(JobKind.PERMANENT, 45), (JobKind.PROJECT, 35), (JobKind.TEMPORARY, 20)]
SOURCES = [
    (FundingSource.ORDINARY_BUDGET, 35),
    (FundingSource.MB_FUNDS, 25),
    (FundingSource.PROJECT, 25),
    (FundingSource.NAV_WAGE_SUBSIDY, 15),
]
BENEFITS = [(Benefit.AAP, 35), (Benefit.UFORETRYGD, 30), (Benefit.NONE, 30), (Benefit.OTHER, 5)]
TITLES = ("Erfaringskonsulent", "Medarbeider med brukererfaring", "Likeperson", "Miljøarbeider")

EMPLOYERS = (
    "Bergen kommune, Etat for sosiale tjenester",
    "Bergen kommune, Boligetaten",
    "Stiftelsen Bergensklinikkene",
)
# (employer index, title, unit, percent, kind, funding, description?)
POSITIONS = (
    (0, "Erfaringskonsulent", "Psykiatritjenesten, Fyllingsdalen", 50, JobKind.PERMANENT,
     [(FundingSource.MB_FUNDS, 100)], True),
    (0, "Medarbeider med brukererfaring", "Psykiatritjenesten, Årstad", 60, JobKind.PROJECT,
     [(FundingSource.PROJECT, 100)], False),
    (1, "Likeperson", "Oppfølgingstjenesten", 50, JobKind.TEMPORARY,
     [(FundingSource.NAV_WAGE_SUBSIDY, 40), (FundingSource.ORDINARY_BUDGET, 60)], False),
    (2, "Erfaringskonsulent", "Lavterskeltilbudet", 40, JobKind.PERMANENT,
     [(FundingSource.ORDINARY_BUDGET, 100)], True),
    (3, "Miljøarbeider med brukererfaring", "Bo- og oppfølging", 50, JobKind.PROJECT,
     [(FundingSource.PROJECT, 100)], False),
)  # fmt: skip
DESCRIPTION = (
    "Du bruker egen erfaring med psykiske helseutfordringer eller rus i møte med brukerne, "
    "deltar i teamets fagmøter og bidrar til at tjenesten blir bedre. Arbeidstid etter avtale."
)


def _pick(demo: Demo, weighted: Sequence[tuple[T, int]]) -> T:
    values, weights = zip(*weighted, strict=True)
    return demo.rng.choices(values, weights=weights)[0]


def build_employment(demo: Demo) -> None:
    employers = [demo.orgs["employer"]] + [
        _org(name, OrganisationKind.EMPLOYER, demo.orgs["owner"].municipality) for name in EMPLOYERS
    ]
    for org, name in zip(employers[1:], EMPLOYERS, strict=True):
        demo.orgs[name] = org
    _positions(demo, employers)
    completions = list(
        Completion.objects.select_related("enrolment__participant").order_by("completed_on", "pk")
    )
    for index, completion in enumerate(completions):
        # Each completer draws from a stream of their own: whether one person's job has
        # started by today must not shift everyone else's history (the figures would then
        # depend on the day the demo was loaded).
        person = dataclasses.replace(demo, rng=random.Random(f"{SEED}:completer:{index}"))  # noqa: S311
        _history(person, completion, employers)


def _positions(demo: Demo, employers: list) -> None:  # type: ignore[type-arg]
    start = demo.today - dt.timedelta(days=60)
    for index, title, unit, percent, kind, funding, described in POSITIONS:
        position = Position.objects.create(
            employer=employers[index],
            title=title,
            service_unit=unit,
            percent=percent,
            kind=kind,
            start_date=start,
            end_date=add_months(start, 24) if kind == JobKind.PROJECT else None,
            description=DESCRIPTION if described else "",
            created_by=demo.user("arbeidsgiver") if index == 0 else None,
        )
        for source, share in funding:
            PositionFunding.objects.create(
                position=position, source=source, share_percent=share, valid_from=start
            )


def _history(demo: Demo, completion: Completion, employers: list) -> None:  # type: ignore[type-arg]
    rng = demo.rng
    done = completion.completed_on
    draw = rng.random()
    if draw < EMPLOYED_AT_SIX_MONTHS:
        start = done + dt.timedelta(days=rng.randint(10, 170))
    elif draw < EMPLOYED_AT_SIX_MONTHS + LATE_STARTERS:
        start = done + dt.timedelta(days=rng.randint(190, 350))
    else:
        start = None
    employment = None
    if start is not None and start <= demo.today:
        employment = _employment(demo, completion, rng.choice(employers), start)
    for months in FOLLOW_UP_MONTHS:
        due = add_months(done, months)
        if due > demo.today - dt.timedelta(days=ANSWERED_AFTER_DAYS):
            continue
        _answer(demo, completion=completion, employment=employment, due=due, months=months)
    if employment is not None:
        for months in FOLLOW_UP_MONTHS:
            due = add_months(employment.start_date, months)
            if due <= demo.today - dt.timedelta(days=ANSWERED_AFTER_DAYS):
                _answer(demo, employment=employment, due=due, months=months)


def _employment(demo: Demo, completion: Completion, employer: Any, start: dt.date) -> Employment:
    rng = demo.rng
    kind = _pick(demo, KINDS)
    end = None
    if rng.random() < LEFT_WITHIN_A_YEAR:
        end = start + dt.timedelta(days=rng.randint(90, 300))
    elif kind == JobKind.PROJECT and rng.random() < 0.5:
        end = add_months(start, 24) - dt.timedelta(days=1)
    if end is not None and end > demo.today:
        end = None
    benefit = _pick(demo, BENEFITS)
    employment = Employment.objects.create(
        participant=completion.enrolment.participant,
        employer=employer,
        source=EmploymentSource.OUTSIDE,
        job_title=rng.choice(TITLES),
        kind=kind,
        start_date=start,
        end_date=end,
        benefit=benefit,
        benefit_other="Sosialhjelp i en overgang" if benefit == Benefit.OTHER else "",
        created_by=demo.user("koordinator"),
    )
    if benefit != Benefit.UNKNOWN:
        EmploymentBenefit.objects.create(
            employment=employment,
            kind=benefit,
            valid_from=start,
            other_text=employment.benefit_other,
            created_by=employment.created_by,
        )
    percent = _pick(demo, PERCENTS)
    EmploymentPercent.objects.create(employment=employment, percent=percent, valid_from=start)
    raised_on = add_months(start, 12)
    if percent <= 50 and rng.random() < 0.2 and raised_on <= (end or demo.today):
        EmploymentPercent.objects.create(
            employment=employment, percent=percent + 10, valid_from=raised_on
        )
    source = _pick(demo, SOURCES)
    if source == FundingSource.NAV_WAGE_SUBSIDY:
        # The subsidy pays part of the wage; the rest comes from the ordinary budget.
        shares: list[tuple[str, int]] = [
            (FundingSource.NAV_WAGE_SUBSIDY, 40),
            (FundingSource.ORDINARY_BUDGET, 60),
        ]
    else:
        shares = [(source, 100)]
    for funding_source, share in shares:
        EmploymentFunding.objects.create(
            employment=employment,
            source=funding_source,
            share_percent=share,
            valid_from=start,
            valid_to=end,
        )
    return employment


def _answer(
    demo: Demo,
    *,
    employment: Employment | None,
    due: dt.date,
    months: int,
    completion: Completion | None = None,
) -> None:
    """The answer a coordinator gave at the follow-up: what the record says on the due date."""
    percent, kind, source = None, "", ""
    held = employment is not None and employment.is_active_on(due)
    if employment is not None and held:
        percents = [p.percent for p in employment.percents.all() if p.valid_from <= due]
        funding = [f.source for f in employment.funding.all() if f.covers(due)]
        percent = percents[-1] if percents else None
        kind = employment.kind
        source = funding[0] if funding else ""
    if completion is not None:
        participant_id = completion.enrolment.participant_id
    else:
        assert employment is not None  # a hire follow-up always has its employment
        participant_id = employment.participant_id
    FollowUpOutcome.objects.create(
        participant_id=participant_id,
        kind=FollowUpKind.COMPLETION if completion is not None else FollowUpKind.HIRE,
        completion=completion,
        employment=None if completion is not None else employment,
        months=months,
        due_on=due,
        answered_on=due + dt.timedelta(days=demo.rng.randint(0, 14)),
        employed=held,
        percent=percent,
        job_kind=kind,
        funding_source=source,
        recorded_by=demo.user("koordinator"),
    )

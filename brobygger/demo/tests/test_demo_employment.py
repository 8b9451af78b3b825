"""The demo's work after the programme: most completers employed, realistic percents, funding
and benefits, and follow-up answers that agree with the employment records."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from brobygger.completion.models import Completion
from brobygger.core.months import add_months
from brobygger.demo.builder.employment import ANSWERED_AFTER_DAYS
from brobygger.demo.tests.test_load_demo import demo  # noqa: F401 - the module-scoped load
from brobygger.employment.models import Benefit, Employment, EmploymentFunding, Position
from brobygger.followup.models import FollowUpOutcome


@pytest.mark.usefixtures("demo")
def test_about_three_in_four_completers_are_employed_at_six_months(db: None) -> None:
    answers = FollowUpOutcome.objects.filter(kind="completion", months=6)
    cutoff = timezone.localdate() - dt.timedelta(days=ANSWERED_AFTER_DAYS)
    old_enough = [c for c in Completion.objects.all() if add_months(c.completed_on, 6) <= cutoff]
    assert answers.count() == len(old_enough) > 40
    share = answers.filter(employed=True).count() / answers.count()
    assert 0.6 <= share <= 0.9


@pytest.mark.usefixtures("demo")
def test_answers_agree_with_the_employment_records(db: None) -> None:
    for answer in FollowUpOutcome.objects.filter(kind="completion").select_related("completion"):
        held = [
            e
            for e in Employment.objects.filter(participant_id=answer.participant_id)
            if e.is_active_on(answer.due_on)
        ]
        assert answer.employed == bool(held)


@pytest.mark.usefixtures("demo")
def test_percents_are_mostly_fifty_and_funding_and_benefits_are_mixed(db: None) -> None:
    first_percents = Counter(
        e.percents.order_by("valid_from").first().percent  # type: ignore[union-attr]
        for e in Employment.objects.prefetch_related("percents")
    )
    assert first_percents.most_common(1)[0][0] == 50
    assert all(20 <= p <= 100 for p in first_percents)
    assert len({f.source for f in EmploymentFunding.objects.all()}) == 4
    benefits = set(Employment.objects.values_list("benefit", flat=True))
    assert {Benefit.AAP, Benefit.UFORETRYGD, Benefit.NONE} <= benefits


@pytest.mark.usefixtures("demo")
def test_bergen_employers_have_positions_some_without_a_description(db: None) -> None:
    positions = Position.objects.select_related("employer__municipality")
    assert positions.count() >= 4
    assert {p.employer.municipality.number for p in positions} == {"4601"}
    assert positions.filter(description="").exists()
    assert positions.exclude(description="").exists()


@pytest.mark.usefixtures("demo")
def test_every_county_has_one_coordinator_and_vestland_is_the_demo_login(db: None) -> None:
    from brobygger.contacts.models import CountyCoordinator
    from brobygger.organisations.models import County

    per_county = Counter(CountyCoordinator.objects.values_list("county_id", flat=True))
    assert set(per_county) == set(County.objects.values_list("pk", flat=True))
    assert set(per_county.values()) == {1}
    vestland = CountyCoordinator.objects.get(county__name="Vestland")
    assert vestland.user.username == "fylkeskoordinator"


@pytest.mark.usefixtures("demo")
def test_some_follow_ups_are_still_waiting_for_the_coordinator(db: None) -> None:
    from brobygger.accounts.models import User
    from brobygger.followup.selectors import tasks_for

    tasks = tasks_for(User.objects.get(username="koordinator"), today=timezone.localdate())
    assert any(t.state(timezone.localdate()) == "overdue" for t in tasks)

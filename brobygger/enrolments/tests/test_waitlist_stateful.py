"""The waiting list under any sequence of the coordinator's actions (a Hypothesis state machine):
putting applicants on it, moving them up and down, and taking them off. Whatever the order, the
positions are exactly 1..n in the order a plain list would have, and nobody else holds one."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from brobygger.enrolments.models import EndingReason, Enrolment, Status
from brobygger.enrolments.services import enrolment_transition, waitlist_move
from brobygger.enrolments.tests.factories import make_applicants
from brobygger.testing import make_cohort

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 8, 1, 10, tzinfo=dt.UTC), tick=False)


def test_waiting_list_positions_stay_exactly_one_to_n_in_order(personas):
    version = personas.cohort.version
    by = personas.coordinator

    class WaitingList(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.cohort = make_cohort(version)  # a cohort of its own per run
            self.on = self.cohort.start_date - dt.timedelta(days=20)
            self.applicants = make_applicants(self.cohort, 5)  # under assessment
            self.order: list[int] = []  # the waiting list as a plain list of enrolment ids
            self.off: set[int] = set()  # taken off for good (not relevant)

        def _fresh(self, pk: int) -> Enrolment:
            return Enrolment.objects.get(pk=pk)

        @rule(i=st.integers(min_value=0, max_value=4))
        def put_on_the_list(self, i: int) -> None:
            pk = self.applicants[i].pk
            if pk in self.order or pk in self.off:
                return
            enrolment_transition(by=by, enrolment=self._fresh(pk), to=Status.VENTELISTE, on=self.on)
            self.order.append(pk)

        @rule(i=st.integers(min_value=0, max_value=4), direction=st.sampled_from(["up", "down"]))
        def move(self, i: int, direction: str) -> None:
            if not self.order:
                return
            at = i % len(self.order)
            to = at - 1 if direction == "up" else at + 1
            enrolment = self._fresh(self.order[at])
            if not 0 <= to < len(self.order):
                with pytest.raises(ValidationError) as refused:
                    waitlist_move(by=by, enrolment=enrolment, direction=direction)
                assert refused.value.code == "waitlist_edge"
                return
            waitlist_move(by=by, enrolment=enrolment, direction=direction)
            self.order[at], self.order[to] = self.order[to], self.order[at]

        @rule(
            i=st.integers(min_value=0, max_value=4),
            to=st.sampled_from([Status.VENTER_PA_OPPSTART, Status.IKKE_AKTUELL]),
        )
        def take_off(self, i: int, to: str) -> None:
            if not self.order:
                return
            pk = self.order.pop(i % len(self.order))
            reason = EndingReason.OTHER_SUPPORT if to == Status.IKKE_AKTUELL else ""
            enrolment_transition(by=by, enrolment=self._fresh(pk), to=to, on=self.on, reason=reason)
            if to == Status.IKKE_AKTUELL:
                self.off.add(pk)

        @invariant()
        def positions_are_one_to_n_in_the_expected_order(self) -> None:
            rows = Enrolment.objects.filter(cohort=self.cohort).exclude(waitlist_position=None)
            listed = list(rows.order_by("waitlist_position").values_list("pk", "waitlist_position"))
            assert [pk for pk, _ in listed] == self.order
            assert [position for _, position in listed] == list(range(1, len(self.order) + 1))
            assert set(rows.values_list("status", flat=True)) <= {Status.VENTELISTE}

    run_state_machine_as_test(
        WaitingList,
        settings=settings(
            max_examples=12,
            stateful_step_count=15,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )

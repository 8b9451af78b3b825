"""enrolments' side of programmes.places: the enrolments that hold a place in a cohort
(HOLDS_PLACE) and the applicants awaiting a decision, counted for programmes' cohort list and
capacity check (registered in enrolments.apps; ADR 0024)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from brobygger.enrolments.models import Enrolment, Status
from brobygger.enrolments.transitions import HOLDS_PLACE
from brobygger.programmes.models import Cohort

# Applicants still waiting for a decision (shown as "venter på behandling").
AWAITING_DECISION = frozenset({Status.SOKT_INN, Status.VURDERES})


def _enrolments_counted(statuses: Iterable[str]) -> Coalesce:
    """How many of the cohort's enrolments have one of `statuses`: a subquery per row, so a
    paginated list counts for its page's cohorts only (the enrolment (cohort, status) index)."""
    counted = (
        Enrolment.objects.filter(cohort=OuterRef("pk"), status__in=list(statuses))
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class CohortPlaces:
    def taken(self, cohort: Cohort) -> int:
        return cohort.enrolments.filter(status__in=HOLDS_PLACE).count()

    def annotate(self, cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
        return cohorts.annotate(
            places_taken=_enrolments_counted(HOLDS_PLACE),
            awaiting=_enrolments_counted(AWAITING_DECISION),
        )

"""A cohort's places: how many are taken, and how many applicants await a decision.

Which enrolments hold a place is the enrolments app's rule (its transition table), and
enrolments sits above programmes (ADR 0024): enrolments.apps registers the counting here, so
the cohort list and the capacity check use it without programmes importing enrolments.
"""

from __future__ import annotations

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet

from brobygger.programmes.models import Cohort


class PlaceCounter(Protocol):
    def taken(self, cohort: Cohort) -> int: ...

    def annotate(self, cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
        """The cohorts with `places_taken` and `awaiting` counted in the database."""
        ...


_counter: PlaceCounter | None = None


def register_place_counter(counter: PlaceCounter) -> None:
    global _counter
    _counter = counter


def place_counter() -> PlaceCounter:
    if _counter is None:
        raise ImproperlyConfigured("No place counter: brobygger.enrolments is not installed.")
    return _counter

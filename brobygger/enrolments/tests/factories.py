"""Test helpers for the enrolments app (synthetic people only)."""

from __future__ import annotations

import datetime as dt

from stdnum.no import fodselsnummer

from brobygger.enrolments.models import Enrolment, Status
from brobygger.programmes.models import Cohort
from brobygger.testing import make_enrolment


def synthetic_fnr(birth: dt.date = dt.date(1990, 5, 17), individual: int = 123) -> str:
    """A valid-checksum H-number (month + 40): a format never issued as a real person's
    fødselsnummer, so tests cannot hold a real one."""
    for serial in range(individual, individual + 100):
        base = f"{birth:%d}{birth.month + 40:02d}{birth:%y}{serial:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        if len(k1) != 1:
            continue
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k2) != 1:
            continue
        number = base + k1 + k2
        assert fodselsnummer.is_valid(number)
        return number
    raise AssertionError("no synthetic number found")


def make_applicants(cohort: Cohort, count: int, status: str = Status.VURDERES) -> list[Enrolment]:
    return [make_enrolment(cohort, status=status) for _ in range(count)]


def candidate_post(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Siv",
        "last_name": "Søkersen",
        "birth_date": "",
        "national_id": "",
        "email": "siv@example.org",
        "phone": "40000000",
        "municipality": "4601",
        "motivation": "Vil bruke erfaringen min.",
        "applied_on": "2026-05-01",
    }
    data.update(overrides)
    return data

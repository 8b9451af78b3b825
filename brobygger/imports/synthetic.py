"""Synthetic import files (the demo file, the benchmark, the tests): invented names and
H-numbers (month + 40, valid check digits), a format never issued as a real person's
fødselsnummer, so no file made here can hold a real one."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from stdnum.no import fodselsnummer

FIRST = ["Kari", "Ola", "Ingrid", "Lars", "Sigrid", "Nils", "Marte", "Jonas", "Hanne", "Even"]
FIRST += ["Tuva", "Sindre", "Ragnhild", "Eirik", "Solveig", "Aksel", "Liv", "Tor", "Mina", "Odd"]
LAST = ["Fjellstad", "Brekke", "Vik", "Lunde", "Myklebust", "Haugland", "Sæther", "Dale"]
LAST += ["Nesheim", "Tveit", "Aasen", "Helland", "Grønvold", "Rød", "Kvamme", "Løvås"]


def synthetic_numbers(seed: int = 1) -> Iterator[str]:
    """Distinct valid H-numbers, in a fixed order for a seed."""
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    seen: set[str] = set()
    while True:
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 40))
        serial = rng.randrange(0, 500)
        base = f"{birth:%d}{birth.month + 40:02d}{birth:%y}{serial:03d}"
        k1 = fodselsnummer.calc_check_digit1(base)
        if len(k1) != 1:
            continue
        k2 = fodselsnummer.calc_check_digit2(base + k1)
        if len(k2) != 1:
            continue
        number = base + k1 + k2
        if number in seen or not fodselsnummer.is_valid(number):
            continue
        seen.add(number)
        yield number


def bad_check_digit(number: str) -> str:
    """The same number with its last digit changed: the check digit no longer holds."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def synthetic_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST), rng.choice(LAST)


def to_csv(headers: list[str], rows: list[list[str]], *, delimiter: str = ";") -> bytes:
    lines = [delimiter.join(headers), *(delimiter.join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def participant_rows(
    *, cohort: str, count: int, applied_on: dt.date, status: str = "Søkt inn", seed: int = 1
) -> tuple[list[str], list[list[str]]]:
    """A participants file of `count` people applying to `cohort`."""
    rng = random.Random(seed)  # noqa: S311
    numbers = synthetic_numbers(seed)
    headers = ["fødselsnummer", "fornavn", "etternavn", "kommunenummer", "kull", "søknadsdato"]
    headers.append("status")
    rows = []
    for _ in range(count):
        first, last = synthetic_name(rng)
        rows.append([next(numbers), first, last, "4601", cohort, f"{applied_on:%d.%m.%Y}", status])
    return headers, rows

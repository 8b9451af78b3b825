"""The demo import: a synthetic programme history of 5 cohorts (2009-2013), as files to import
in order: kull.csv, okter.csv, deltakere.csv, praksis.csv (a placement for everyone taking
part, supervised by the user `praksisveileder`) and timelister.csv (20 approved weeks for five
people of the last cohort). Invented names, H-numbers (never a real fødselsnummer). The files
in this folder are what `build()` makes (a test checks it):

    .venv/bin/python -m brobygger.imports.demo.build     # rewrites the files

The cohorts use the programme version named VERSION: import them into a programme that has one
(the test personas' programme; in `make run`, add a version named 2024 under Program first)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from brobygger.imports.synthetic import synthetic_name, synthetic_numbers, to_csv

VERSION = "2024"
YEARS = range(2009, 2014)
PER_COHORT = 20
FOLDER = Path(__file__).resolve().parent
WEEKS = 30
# Practice: 20 weeks from the cohort's ninth week, at 50 %; weeks for the first five people
# taking part in the last cohort.
PRACTICE_FROM, PRACTICE_WEEKS, WITH_WEEKS = 8, 20, 5


def _start(year: int) -> dt.date:
    day = dt.date(year, 8, 15)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)  # the Monday on or after


def _d(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


def build() -> dict[str, bytes]:
    rng = random.Random(2009)  # noqa: S311 - demo data
    numbers = synthetic_numbers(seed=2009)
    hours_rng = random.Random(2010)  # noqa: S311 - its own, so the other files stay as they were
    cohorts, sessions, people, placements, weeks = [], [], [], [], []
    for year in YEARS:
        name = f"Importkull {year}"
        start = _start(year)
        end = dt.date(year + 1, 6, 20)
        cohorts.append([name, VERSION, _d(start), _d(end), "17", "Bergen"])
        for week in range(WEEKS):
            for weekday, topic in (
                (1, "Recovery og brukerkunnskap"),
                (3, "Samarbeid i tjenestene"),
            ):
                day = start + dt.timedelta(weeks=week, days=weekday)
                sessions.append([name, _d(day), "09:00", "12:00", topic])
        applied = dt.date(year, 5, 2)
        practice = start + dt.timedelta(weeks=PRACTICE_FROM)
        practice_end = practice + dt.timedelta(weeks=PRACTICE_WEEKS, days=-1)
        for index in range(PER_COHORT):
            first, last = synthetic_name(rng)
            fnr = next(numbers)
            if index < 15:
                placements.append(
                    [fnr, name, "", "praksisveileder", _d(practice), _d(practice_end), "50"]
                )
            if index < WITH_WEEKS and year == YEARS[-1]:
                for week in range(PRACTICE_WEEKS):
                    monday = practice + dt.timedelta(weeks=week)
                    hours = hours_rng.choice(["18,75", "18,75", "19", "20", "18"])
                    iso = monday.isocalendar()
                    weeks.append([fnr, name, f"{iso.week}/{iso.year}", hours, "Godkjent"])
            if index < 15:
                status, date, reason = "Deltar", "", ""
            elif index < 17:
                quit_on = start + dt.timedelta(weeks=rng.randrange(4, 30))
                status, date, reason = "Avbrutt", _d(quit_on), rng.choice(["Sykdom", "Fikk jobb"])
            elif index < 19:
                status, date, reason = "Venteliste", _d(applied + dt.timedelta(days=40)), ""
            else:
                status, date, reason = (
                    "Ikke aktuell",
                    _d(applied + dt.timedelta(days=30)),
                    "Annen utdanning",
                )
            people.append(
                [
                    fnr,
                    first,
                    last,
                    rng.choice(["4601", "4624", "4626", "4627", "4631"]),
                    name,
                    _d(applied + dt.timedelta(days=rng.randrange(0, 20))),
                    status,
                    date,
                    reason,
                ]
            )
    return {
        "kull.csv": to_csv(
            ["kull", "versjon", "startdato", "sluttdato", "plasser", "sted"], cohorts
        ),
        "okter.csv": to_csv(["kull", "dato", "fra", "til", "tema"], sessions),
        "deltakere.csv": to_csv(
            [
                "fødselsnummer",
                "fornavn",
                "etternavn",
                "kommunenummer",
                "kull",
                "søknadsdato",
                "status",
                "statusdato",
                "årsak",
            ],
            people,
        ),
        "praksis.csv": to_csv(
            [
                "fødselsnummer",
                "kull",
                "praksissted",
                "praksisveileder",
                "startdato",
                "sluttdato",
                "prosent",
            ],
            placements,
        ),
        "timelister.csv": to_csv(["fødselsnummer", "kull", "uke", "timer", "status"], weeks),
    }


# The order the files are imported in, with their kind.
FILES = (
    ("kull.csv", "kull"),
    ("okter.csv", "okter"),
    ("deltakere.csv", "deltakere"),
    ("praksis.csv", "praksis"),
    ("timelister.csv", "timelister"),
)

if __name__ == "__main__":
    for file_name, content in build().items():
        (FOLDER / file_name).write_bytes(content)
        print(f"wrote {FOLDER / file_name}")  # noqa: T201

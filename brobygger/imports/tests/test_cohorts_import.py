"""Cohorts and sessions: natural keys (name in the programme; cohort + date + start), the
services' own rules, and the whole file refused on one bad row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from brobygger.core.models import AuditEvent
from brobygger.imports.synthetic import to_csv
from brobygger.imports.tests.helpers import (
    COHORT_HEADERS,
    dry_run,
    import_file,
    refusals,
    upload,
)
from brobygger.programmes.models import Cohort, Session

pytestmark = pytest.mark.time_machine(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)

SESSION_HEADERS = ["kull", "dato", "fra", "til", "tema"]


def _cohorts(*rows: list[str]) -> bytes:
    return to_csv(COHORT_HEADERS, list(rows))


def test_cohorts_are_created_once_and_changed_by_a_later_file(personas):
    content = _cohorts(
        ["Kull 2019", "2024", "19.08.2019", "19.06.2020", "17", "Bergen"],
        ["Kull 2020", "2024", "17.08.2020", "18.06.2021", "20", ""],
    )
    first = import_file(personas, "kull", content)
    assert (first.created, first.unchanged) == (2, 0)
    cohort = Cohort.objects.get(name="Kull 2019", version=personas.version)
    assert list(cohort.coordinators.all()) == [personas.coordinator]
    assert AuditEvent.objects.filter(request_id=first.audit_tag, action="create").count() == 2

    again = import_file(personas, "kull", content)
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    # By name, not prefix: the personas' own cohorts are "Kull <n>" from a global counter.
    assert Cohort.objects.filter(name__in=["Kull 2019", "Kull 2020"]).count() == 2

    changed = import_file(
        personas, "kull", _cohorts(["Kull 2019", "2024", "19.08.2019", "19.06.2020", "18", "Voss"])
    )
    assert changed.changed == 1
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.place) == (18, "Voss")


def test_bad_cohort_rows_are_refused_with_the_services_reasons(personas):
    content = _cohorts(
        ["Kull A", "2024", "19.08.2019", "19.06.2019", "17", ""],  # 2: ends before it starts
        ["Kull B", "1999", "19.08.2019", "19.06.2020", "17", ""],  # 3: no such version
        ["Kull C", "2024", "19.08.2019", "19.06.2020", "900", ""],  # 4: capacity
        ["Kull D", "2024", "19.08.2019", "19.06.2020", "17", ""],  # 5: fine
        ["kull d", "2024", "19.08.2019", "19.06.2020", "17", ""],  # 6: same name
    )
    run = dry_run(upload(personas, "kull", content))
    found = refusals(run)
    assert found[2] == ["Kolonne «sluttdato»: Sluttdatoen må være etter startdatoen."]
    assert "er ikke en versjon av programmet" in found[3][0]
    assert found[4] == ["Kolonne «plasser»: må være mellom 1 og 500"]
    assert found[6] == ["Står to ganger i filen: samme som rad 5."]
    assert 5 not in found
    with pytest.raises(ValidationError):
        from brobygger.imports.services import import_start

        import_start(by=personas.coordinator, run=run)
    assert not Cohort.objects.filter(name="Kull D").exists()


def test_sessions_are_created_once_and_a_date_outside_the_cohort_is_refused(personas):
    name = personas.cohort.name
    rows = [
        [name, "18.08.2026", "09:00", "12:00", "Recovery"],
        [name, "18.08.2026", "12:30", "15:00", "Brukermedvirkning"],
        [name, "20.08.2026", "09:00", "12:00", ""],
    ]
    first = import_file(personas, "okter", to_csv(SESSION_HEADERS, rows))
    assert first.created == 3
    assert Session.objects.filter(cohort=personas.cohort).count() == 3
    again = import_file(personas, "okter", to_csv(SESSION_HEADERS, rows))
    assert (again.created, again.unchanged) == (0, 3)

    bad = dry_run(
        upload(
            personas,
            "okter",
            to_csv(
                SESSION_HEADERS,
                [
                    [name, "01.01.2020", "09:00", "12:00", ""],  # 2: outside the cohort
                    [name, "18.08.2026", "10:00", "11:00", ""],  # 3: overlaps
                    [name, "21.08.2026", "12:00", "09:00", ""],  # 4: ends before it starts
                    [name, "22.08.2026", "9", "12:00", ""],  # 5: not a time
                ],
            ),
        )
    )
    found = refusals(bad)
    assert "Økten må ligge innenfor kullets datoer" in found[2][0]
    assert found[2][0].startswith("Kolonne «dato»:")
    assert "overlapper" in found[3][0]
    assert found[4] == ["Kolonne «til»: Sluttiden må være etter starttiden."]
    assert found[5] == ["Kolonne «fra»: «9» er ikke et klokkeslett (skriv tt:mm)"]


def test_sessions_for_a_cohort_created_earlier_in_the_history_import(personas):
    import_file(
        personas, "kull", _cohorts(["Kull 2019", "2024", "19.08.2019", "19.06.2020", "17", ""])
    )
    run = import_file(
        personas,
        "okter",
        to_csv(SESSION_HEADERS, [["Kull 2019", "20.08.2019", "09:00", "12:00", "Oppstart"]]),
    )
    assert run.created == 1

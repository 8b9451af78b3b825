"""Load the 2024 municipalities and counties kept in organisations/data/."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).parent / "data" / "kommuner-2024.csv"


def read_rows() -> list[dict[str, str]]:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_reference_data(county_model: Any, municipality_model: Any) -> tuple[int, int]:
    """Idempotent upsert; takes the models so a data migration can pass its historical ones."""
    rows = read_rows()
    counties = {r["fylkesnummer"]: r["fylkesnavn"] for r in rows}
    for number, name in counties.items():
        county_model.objects.update_or_create(number=number, defaults={"name": name})
    for r in rows:
        municipality_model.objects.update_or_create(
            number=r["kommunenummer"],
            defaults={"name": r["kommunenavn"], "county_id": r["fylkesnummer"]},
        )
    return len(counties), len(rows)

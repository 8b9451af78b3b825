"""Build a participant's data export and leave one audit event per export."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from brobygger.core.audit import audit_record
from brobygger.privacy.registry import Table, export_sections

FORMAT_NAME = "brobygger-mine-data"
FORMAT_VERSION = 1


@dataclass
class ExportSectionData:
    key: str
    title: str
    tables: list[Table]


@dataclass
class Export:
    participant_id: int
    generated_at: dt.datetime
    sections: list[ExportSectionData]


def build_export(*, participant: Any) -> Export:
    """Every registered section for this person; a fixed number of queries."""
    return Export(
        participant_id=participant.pk,
        generated_at=timezone.now(),
        sections=[
            ExportSectionData(section.key, str(section.title), section.collect(participant))
            for section in export_sections()
        ],
    )


def export_as_dict(export: Export) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "generated_at": export.generated_at,
        "participant_id": export.participant_id,
        "sections": {
            section.key: {
                "title": section.title,
                "tables": {
                    table.key: {
                        "title": str(table.title),
                        "columns": {column.key: str(column.label) for column in table.columns},
                        "rows": table.rows,
                    }
                    for table in section.tables
                },
            }
            for section in export.sections
        },
    }


def export_as_json(export: Export) -> str:
    return json.dumps(export_as_dict(export), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


@transaction.atomic
def data_export_log(*, by: Any, participant: Any, fmt: str) -> None:
    """Audit that the person's data was exported (shown as a page, or downloaded)."""
    audit_record(by=by, action="data_export", obj=participant, changes={"format": [None, fmt]})

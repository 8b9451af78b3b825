"""The export as the readable page shows it: labelled columns, Norwegian dates and numbers
(the JSON keeps the values themselves)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from brobygger.core.formatting import format_day, format_number
from brobygger.privacy.export.services import Export
from brobygger.privacy.registry import BOOL, CODE, DATE, DATETIME, NUMBER, Column


@dataclass
class DisplayTable:
    key: str
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class DisplaySection:
    key: str
    title: str
    tables: list[DisplayTable]


def cell(value: Any, kind: str) -> str:
    if value is None or value == "":
        return "–"
    if kind == DATETIME and isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if kind in (DATE, DATETIME) and isinstance(value, dt.date):
        return format_day(value)
    if kind == BOOL:
        return _("Ja") if value else _("Nei")
    if kind == NUMBER and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def for_display(export: Export) -> list[DisplaySection]:
    sections = []
    for section in export.sections:
        tables = []
        for table in section.tables:
            shown: list[Column] = [c for c in table.columns if c.kind != CODE]
            tables.append(
                DisplayTable(
                    key=table.key,
                    title=str(table.title),
                    headers=[str(c.label) for c in shown],
                    rows=[[cell(row.get(c.key), c.kind) for c in shown] for row in table.rows],
                )
            )
        sections.append(DisplaySection(section.key, section.title, tables))
    return sections

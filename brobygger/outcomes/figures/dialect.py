"""The few SQL expressions SQLite and PostgreSQL spell differently, for the figures' queries.

Everything else in those queries is standard SQL both run the same way (CTEs, window
functions, CASE, COALESCE); dates are compared as dates (SQLite stores them as ISO text, which
sorts the same).
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import QuerySet


def days_between(later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later` (two date columns)."""
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def year_of(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def table(model: Any) -> str:
    """A model's table name, quoted."""
    return str(connection.ops.quote_name(model._meta.db_table))


def subquery(queryset: QuerySet[Any]) -> tuple[str, tuple[Any, ...]]:
    """A queryset's SQL and parameters, to put inside a hand-written query."""
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return sql, tuple(params)

"""A hash chain over the audit trail and the read log, so a changed, removed or reordered row is
seen (ADR 0013; the append-only rules are ADR 0008).

Each log row carries four columns:
- `digest`: sha256 of a canonical serialisation of the row's own fields (`CHAINED_FIELDS`),
  computed by the app when the row is inserted (`ChainDigestField.pre_save`, so `save()`,
  `create()` and `bulk_create()` all set it);
- `chain_seq`, `prev_hash`, `row_hash`: set by the database on insert, holding the chain lock
  (privacy/logtriggers.py): the row's place in its chain (1, 2, 3, ... with no gaps), the
  previous row's `row_hash` ("" for the first row), and sha256(prev_hash + digest).

Linking in the database costs the app no extra query per insert and cannot be skipped by a
code path that forgets it; hashing the fields in Python keeps one serialisation, used both
here and by `manage.py verify_audit` (core/verify.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import models

# The fields each chained table hashes, by table. A new field on a log table must be added here
# *and* old rows keep verifying, so it needs a new digest version (ADR 0013); a test fails if a
# model field is neither here nor a chain column.
CHAINED_FIELDS: dict[str, tuple[str, ...]] = {
    "core_auditevent": (
        "at",
        "actor_id",
        "actor_roles",
        "action",
        "object_type",
        "object_id",
        "organisation_id",
        "changes",
        "request_id",
    ),
    "accesslog_accessevent": (
        "at",
        "actor_id",
        "actor_role",
        "actor_organisation_id",
        "participant_id",
        "shown",
        "purpose",
        "path",
        "request_id",
        "denied",
        "flagged",
    ),
}
CHAIN_COLUMNS = ("digest", "chain_seq", "prev_hash", "row_hash")


def _canonical(field: Any, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        # What the database gives back: JSON-native types only, keys as strings.
        return json.loads(json.dumps(value, cls=field.encoder))
    if isinstance(field, models.DateTimeField):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    return field.to_python(value)


def row_digest(instance: models.Model) -> str:
    """sha256 of the row's chained fields, as written or as read back from the database."""
    meta = instance._meta
    table = meta.db_table
    values = {
        name: _canonical(meta.get_field(name), getattr(instance, name))
        for name in CHAINED_FIELDS[table]
    }
    text = json.dumps(
        {"table": table, "fields": values},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def link_hash(prev_hash: str, digest: str) -> str:
    """The row's hash in the chain; the database computes the same (logtriggers.py)."""
    return hashlib.sha256(f"{prev_hash or ''}{digest or ''}".encode()).hexdigest()


class ChainDigestField(models.CharField):
    """The row's `digest`, computed when the row is inserted (after `auto_now_add` fields are
    set, so declare it after the chained fields)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if add:
            value = row_digest(model_instance)
            setattr(model_instance, self.attname, value)
            return value
        return super().pre_save(model_instance, add)


class _SetByDatabase:
    """A chain column the insert trigger fills in: the app always inserts it empty, so a value
    on the instance never reaches the database (on SQLite a non-empty one would be refused)."""

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        if add:
            empty = None if self.null else ""  # type: ignore[attr-defined]
            setattr(model_instance, self.attname, empty)  # type: ignore[attr-defined]
            return empty
        return super().pre_save(model_instance, add)  # type: ignore[misc]


class ChainSeqField(_SetByDatabase, models.BigIntegerField):
    """`chain_seq`: the row's place in its chain (1, 2, 3, ...), set by the database."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(null=True, blank=True, unique=True, editable=False)
        super().__init__(*args, **kwargs)


class ChainHashField(_SetByDatabase, models.CharField):
    """`prev_hash` and `row_hash`, set by the database."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(max_length=64, blank=True, editable=False)
        super().__init__(*args, **kwargs)

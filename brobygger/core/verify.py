"""Check the hash chains of the audit trail and the read log (ADR 0013; core/chain.py).

Walks each chain in chain order (`chain_seq`), streaming (constant memory), and reports:
- changed: a row whose fields no longer give its `digest`, or whose `row_hash` is not
  sha256(prev_hash + digest) (its chain columns were edited);
- removed: a gap in `chain_seq`, or the chain ending before the place the last check recorded;
- reordered: a row whose `prev_hash` is not the `row_hash` of the row before it (moved, or a
  row before it removed and the numbers closed up);
- rewritten: the row at the place where the last check ended no longer has the hash it had;
- outside the chain: a row without `chain_seq` (inserted behind the trigger's back).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from brobygger.core.chain import ChainSeqField, link_hash, row_digest

MAX_LISTED = 200  # problems kept in the report; all are counted


@dataclass
class ChainReport:
    table: str
    rows: int = 0
    head: tuple[int, str] | None = None  # (chain_seq, row_hash) of the last row
    problems: list[str] = field(default_factory=list)
    problem_count: int = 0

    def add(self, text: str) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_LISTED:
            self.problems.append(f"{self.table}: {text}")


def _log_models() -> list[type[models.Model]]:
    """Every model with a chain (the audit trail, then the read log, in INSTALLED_APPS order),
    found by its ChainSeqField: core sits below accesslog and does not import it (ADR 0024)."""
    return [
        model
        for model in apps.get_models()
        if any(isinstance(f, ChainSeqField) for f in model._meta.get_fields())
    ]


def _rows(model: type[models.Model]) -> Iterator[Any]:
    return (
        model._default_manager.filter(chain_seq__isnull=False)
        .order_by("chain_seq")
        .iterator(chunk_size=2000)
    )


def verify_chain(model: type[models.Model], previous_head: Any = None) -> ChainReport:
    report = ChainReport(table=model._meta.db_table)
    expected_seq = 1
    prev_hash = ""
    for row in _rows(model):
        report.rows += 1
        seq = row.chain_seq
        where = f"nr. {seq} (id {row.pk})"
        if row_digest(row) != row.digest:
            report.add(f"{where} er endret: feltene stemmer ikke med sjekksummen")
        elif link_hash(row.prev_hash, row.digest) != row.row_hash:
            report.add(f"{where} er endret: kjedefeltene stemmer ikke")
        if seq > expected_seq:
            missing = seq - expected_seq
            report.add(
                f"{missing} rad(er) fjernet før {where} (nr. {expected_seq}–{seq - 1} mangler)"
            )
        elif row.prev_hash != prev_hash:
            report.add(f"{where} er flyttet: den følger ikke raden før (nr. {seq - 1})")
        expected_seq = seq + 1
        prev_hash = row.row_hash
        report.head = (seq, row.row_hash)
    outside = model._default_manager.filter(chain_seq__isnull=True).count()
    if outside:
        report.add(f"{outside} rad(er) står utenfor kjeden (satt inn forbi utløseren)")
    _compare_with_previous(model, report, previous_head)
    return report


def _compare_with_previous(model: type[models.Model], report: ChainReport, head: Any) -> None:
    """The place where the last check ended must still be there, with the same hash."""
    if not head:
        return
    seq, row_hash = int(head[0]), str(head[1])
    if report.head is None or report.head[0] < seq:
        ends = report.head[0] if report.head else 0
        report.add(f"kjeden slutter på nr. {ends}, men gikk til nr. {seq} ved forrige kontroll")
        return
    then = model._default_manager.filter(chain_seq=seq).values_list("row_hash", flat=True).first()
    if then != row_hash:
        report.add(f"nr. {seq} har en annen hash enn ved forrige kontroll (kjeden er skrevet om)")


def latest_chain_check() -> Any:
    """The last `verify_audit` run (a core.AuditCheck), or None: one query."""
    from brobygger.core.models import AuditCheck

    return AuditCheck.objects.order_by("-at", "-id").first()


def verify_all(previous_heads: dict[str, Any] | None = None) -> list[ChainReport]:
    heads = previous_heads or {}
    return [verify_chain(model, heads.get(model._meta.db_table)) for model in _log_models()]

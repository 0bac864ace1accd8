"""The audit trail read back: every recorded change of a document or an observation, newest first, with
who made it, why, and each watched field before and after.

The history tables are django-simple-history's (a full row per change); "before" is the same object's
previous row, read by the database with LAG() in the same query, so a page or an export is one query per
kind of object, streamed, whatever the trail's length.
"""
from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.db.models import F, Window
from django.db.models.functions import Lag

from indicators.models import Observation
from reports.models import Document

ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}
ACTION_LABELS = {"created": "Tạo / Created", "changed": "Sửa / Changed", "deleted": "Xoá / Deleted"}


@dataclass(frozen=True)
class Audited:
    kind: str
    history: type
    watched: tuple[str, ...]  # the fields whose before and after an entry shows
    label_fields: tuple[str, ...]  # what names the object in a list


AUDITED = (
    Audited("document", Document.history.model,
            ("file_name", "sha256", "area_id", "title", "issuer", "number", "issued_on", "reference_date",
             "ingested_by_id"),
            ("file_name",)),
    Audited("observation", Observation.history.model,
            ("status", "value", "review_reason", "period_start", "period_end", "area_id", "indicator_id", "breakdown"),
            ("indicator__code", "area__name", "document_id")),
)


@dataclass
class AuditEntry:
    when: dt.datetime
    kind: str  # "document" or "observation"
    object_id: int
    label: str
    action: str  # created, changed, deleted
    user: str
    reason: str
    document_id: int | None
    changes: list[tuple[str, object, object]] = field(default_factory=list)  # (field, before, after)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]


def _entries(audited: Audited, *, document_id: int | None, object_id: int | None) -> Iterator[AuditEntry]:
    rows = audited.history.objects.all()
    if document_id is not None:
        rows = rows.filter(id=document_id) if audited.kind == "document" else rows.filter(document_id=document_id)
    if object_id is not None:
        rows = rows.filter(id=object_id)
    window = {"partition_by": [F("id")], "order_by": [F("history_date").asc(), F("history_id").asc()]}
    before = {f"before__{name}": Window(Lag(name), **window) for name in audited.watched}
    values = rows.annotate(**before).order_by("-history_date", "-history_id").values(
        "history_id", "history_date", "history_type", "history_change_reason", "history_user__username", "id",
        *audited.watched, *audited.label_fields, *before)
    for row in values.iterator(chunk_size=2000):
        first = row["history_type"] == "+"
        changes = [(name, None if first else row[f"before__{name}"], row[name]) for name in audited.watched
                   if first or row[f"before__{name}"] != row[name]]
        label = " · ".join(str(row[name]) for name in audited.label_fields if row[name] is not None)
        yield AuditEntry(
            when=row["history_date"], kind=audited.kind, object_id=row["id"], label=label,
            action=ACTIONS[row["history_type"]], user=row["history_user__username"] or "",
            reason=row["history_change_reason"] or "",
            document_id=row["id"] if audited.kind == "document" else row.get("document_id"), changes=changes)


def audit_entries(*, document_id: int | None = None, kind: str | None = None,
                  object_id: int | None = None) -> Iterator[AuditEntry]:
    """Every entry, newest first (of one document and its observations, of one kind, of one object)."""
    streams = [_entries(a, document_id=document_id, object_id=object_id) for a in AUDITED
               if kind is None or a.kind == kind]
    return heapq.merge(*streams, key=lambda entry: entry.when, reverse=True)


def audit_page(*, page: int, per_page: int, **filters) -> tuple[list[AuditEntry], bool]:
    """One page of entries and whether there are more."""
    entries = list(islice(audit_entries(**filters), (page - 1) * per_page, page * per_page + 1))
    return entries[:per_page], len(entries) > per_page

"""A document's earlier versions: kept when a new version replaces it, and what changed in the numbers.

The numbers of a version are kept with it as rows (SNAPSHOT_FIELDS), not as observations: only the
current version's numbers are charted, checked for conflicts and exported, so nothing else needs to know
that versions exist."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max

from indicators.models import Observation
from reports.models import Document, DocumentVersion

# A report's number names it only when it has digits: drafts say "Số:    /BC-SNV" and nothing more.
REAL_DOCUMENT_NUMBER_RE = re.compile(r"\d")
NUMBER_WORD_RE = re.compile(r"^\s*số\s*:?\s*", re.IGNORECASE)


def report_identity(*, file_name: str, number: str, issuer: str, issued_on) -> str:
    """What makes two files the same report within one place: its number, issuer and date when it states
    a real number and a date (a renamed file is still that report; two files of one name are two
    reports), else its file name."""
    number = NUMBER_WORD_RE.sub("", " ".join((number or "").split())).casefold()
    if number and issued_on and REAL_DOCUMENT_NUMBER_RE.search(number):
        return f"number:{number}|{' '.join((issuer or '').split()).casefold()}|{issued_on.isoformat()}"[:500]
    return f"file:{file_name}"[:500]


# An observation as a version keeps it: export-like names, JSON values (dates and decimals as text).
SNAPSHOT_FIELDS = {
    "indicator": "indicator__code", "indicator_name": "indicator__name_vi", "unit": "indicator__unit",
    "area": "area__key", "area_name": "area__name", "period_start": "period_start", "period_end": "period_end",
    "value": "value", "breakdown": "breakdown", "qualifier": "qualifier", "status": "status", "method": "method",
    "source_line": "source_line", "source_table": "source_table", "quote": "quote",
}
FACT_KEY = ("indicator", "area", "period_start", "period_end", "breakdown")  # what one number is a value of


def observation_rows(document: Document) -> list[dict]:
    rows = (Observation.objects.filter(document=document).order_by("source_line", "id")
            .values_list(*SNAPSHOT_FIELDS.values()))
    return [{name: _json_value(value) for name, value in zip(SNAPSHOT_FIELDS, row)} for row in rows]


def _json_value(value):
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def version_keep(document: Document, *, replaced_by) -> DocumentVersion:
    """The document as it is now, kept as its next version number before it is replaced."""
    last = document.versions.aggregate(last=Max("number"))["last"] or 0
    return DocumentVersion.objects.create(
        document=document, number=last + 1, file_name=document.file_name, sha256=document.sha256,
        size_bytes=document.size_bytes, text=document.text, page_starts=document.page_starts, title=document.title,
        issuer=document.issuer, doc_number=document.number, issued_on=document.issued_on,
        reference_date=document.reference_date, area=document.area, ingested_at=document.ingested_at,
        ingested_by=document.ingested_by, observations=observation_rows(document), replaced_by=replaced_by)


@dataclass
class NumbersDiff:
    """What the newer version says differently: facts it adds, facts it no longer states, and facts whose
    value changed (each value list sorted; a fact may be stated more than once)."""

    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    changed: list[tuple[dict, list[str], list[str]]] = field(default_factory=list)  # (the fact, before, after)
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def numbers_diff(older: list[dict], newer: list[dict]) -> NumbersDiff:
    def by_fact(rows):
        grouped = defaultdict(list)
        for row in rows:
            grouped[tuple(row[name] for name in FACT_KEY)].append(row)
        return grouped

    before, after = by_fact(older), by_fact(newer)
    diff = NumbersDiff()
    for key in sorted(before.keys() | after.keys(), key=lambda k: tuple(str(part) for part in k)):
        old_rows, new_rows = before.get(key, []), after.get(key, [])
        old_values = sorted(str(r["value"]) for r in old_rows)
        new_values = sorted(str(r["value"]) for r in new_rows)
        if not old_rows:
            diff.added.extend(new_rows)
        elif not new_rows:
            diff.removed.extend(old_rows)
        elif old_values != new_values:
            diff.changed.append((new_rows[0], old_values, new_values))
        else:
            diff.unchanged += 1
    return diff

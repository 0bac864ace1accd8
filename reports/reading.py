"""One report file read, within its budget: bytes -> NFC text -> extracted metadata, facts and warnings.

The reading runs in a child process (reports/budget.py); ingestion writes what it returns.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reports.budget import Budget, run_within_budget
from reports.decoding import DecodedReport, ReportRejected, decode_report
from reports.extraction.document import ExtractedDocument, ExtractionError, extract_document


@dataclass
class ReadReport:
    decoded: DecodedReport  # the text, and a PDF's pages
    extracted: ExtractedDocument

    @property
    def text(self) -> str:
        return self.decoded.text


def report_read(file_name: str, data: bytes, *, date: dt.date | None, budget: Budget | None = None,
                on_stage: Callable[[str], None] | None = None) -> ReadReport:
    """The report's text and what was extracted from it; ReportRejected (with a message) when it cannot
    be read (a reader's own failure on odd input too, logged with its traceback: reports/budget.py),
    BudgetExceeded when reading it runs over `budget` (settings' per-document budget by default).
    `on_stage` hears "decoded", "tables", "narrative" as the reading gets there."""
    return run_within_budget(_read, file_name, data, date, budget=budget or Budget(), on_stage=on_stage)


def _read(file_name: str, data: bytes, date: dt.date | None, *, on_stage: Callable[[str], None]) -> ReadReport:
    decoded = decode_report(file_name, data)
    on_stage("decoded")
    try:
        extracted = extract_document(decoded.text, date=date, on_stage=on_stage)
    except ExtractionError as exc:
        raise ReportRejected(str(exc)) from exc
    return ReadReport(decoded=decoded, extracted=extracted)

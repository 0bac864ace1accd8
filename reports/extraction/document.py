"""The single entry point: a report's text -> metadata, facts and warnings."""
from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from .facts import ExtractionWarning, Fact
from .document_time import reporting_period_read
from .metadata import DocumentMetadata, extract_metadata, given_date_apply
from .narrative import extract_narrative
from .numbers import NUMBER_RE
from .tables import extract_tables


class ExtractionError(ValueError):
    """The text cannot be a statistical report."""


@dataclass
class ExtractedDocument:
    metadata: DocumentMetadata
    facts: list[Fact] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def split_lines(text: str) -> list[str]:
    """Lines numbered as in the file: split on \\n only, a trailing \\r dropped."""
    return [line.rstrip("\r") for line in text.split("\n")]


def extract_document(text: str, *, date: dt.date | None = None,
                     on_stage: Callable[[str], None] | None = None) -> ExtractedDocument:
    """`date`: the report's date as the person ingesting it gives it (it dates "hiện nay", "năm nay"...).
    `on_stage` is told "tables" and "narrative" as each is read (an upload's progress)."""
    on_stage = on_stage or (lambda stage: None)
    text = unicodedata.normalize("NFC", text or "")
    if not NUMBER_RE.search(text):
        raise ExtractionError("Văn bản không có số liệu nào / the text contains no numbers at all")
    lines = split_lines(text)
    metadata = extract_metadata(lines)
    if date is not None:
        given_date_apply(metadata, date)
    reporting_period_read(lines, metadata)
    doc = ExtractedDocument(metadata=metadata, lines=lines)
    tables = extract_tables(lines, report_date=metadata.data_as_of or metadata.reference_date,
                            rearrangement=metadata.rearrangement)
    doc.facts.extend(tables.facts)
    doc.warnings.extend(tables.warnings)
    table_lines = set(tables.lines)
    on_stage("tables")
    # "hiện nay", "đến nay" and undated counts are as of the day the report counts its figures at
    now = metadata.data_as_of or metadata.reference_date
    facts, warnings = extract_narrative(lines, reference_date=now, skip_lines=table_lines,
                                        reporting_period=metadata.reporting_period,
                                        congress_date=metadata.congress_date,
                                        planned_period=metadata.planned_period,
                                        rearrangement=metadata.rearrangement)
    doc.facts.extend(facts)
    doc.warnings.extend(warnings)
    on_stage("narrative")
    if metadata.reference_date is None:
        doc.warnings.append(ExtractionWarning(
            0, "no_reference_date",
            "Không xác định được ngày của văn bản: số liệu không có thời điểm riêng sẽ không được lưu; hãy cho "
            "biết ngày (--date, hoặc ô Ngày khi tải lên) / no document date: numbers without a date of their "
            "own cannot be stored; give the date (--date, or the Date field when uploading)"))
    return doc

"""A report with everything read from it: 3 queries whatever its length."""
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from indicators.models import Observation
from reports.models import Document, DocumentWarning


@dataclass(frozen=True)
class ReadNumber:
    """One observation as the document page lists it (plain values, no model instances)."""

    id: int
    value: Decimal
    quote: str
    source_line: int | None
    source_start: int | None  # the number's characters in its line, as the extractor read them
    source_end: int | None
    breakdown: str
    qualifier: str
    status: str
    in_conflict: bool
    period_start: dt.date
    period_end: dt.date
    indicator_name_vi: str
    indicator_name_en: str
    unit: str
    area_name: str


READ_NUMBER_FIELDS = {
    "id": "id", "value": "value", "quote": "quote", "source_line": "source_line", "source_start": "source_start",
    "source_end": "source_end", "breakdown": "breakdown",
    "qualifier": "qualifier", "status": "status", "in_conflict": "in_conflict", "period_start": "period_start",
    "period_end": "period_end", "indicator_name_vi": "indicator__name_vi", "indicator_name_en": "indicator__name_en",
    "unit": "indicator__unit", "area_name": "area__short_name",
}


@dataclass
class DocumentReading:
    document: Document
    observations: list[ReadNumber]
    warnings: list[DocumentWarning]

    @property
    def observations_by_line(self) -> dict[int, list[ReadNumber]]:
        lines: dict[int, list[ReadNumber]] = {}
        for observation in self.observations:
            if observation.source_line:
                lines.setdefault(observation.source_line, []).append(observation)
        return lines

    @property
    def conflicts(self) -> list[ReadNumber]:
        return [o for o in self.observations if o.in_conflict]


def document_reading(*, document_id: int) -> DocumentReading | None:
    document = Document.objects.select_related("area").filter(pk=document_id).first()
    if document is None:
        return None
    rows = (
        Observation.objects.filter(document=document).order_by("source_line", "id")
        .values_list(*READ_NUMBER_FIELDS.values())
    )
    observations = [ReadNumber(*row) for row in rows]
    warnings = list(DocumentWarning.objects.filter(document=document).order_by("line", "id"))
    return DocumentReading(document=document, observations=observations, warnings=warnings)

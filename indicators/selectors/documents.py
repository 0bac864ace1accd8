"""A report page by page: 4 queries whatever its length (the document, how many observations each line
has, the observations of the lines shown with the document's conflicts, the warnings)."""
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

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
class DocumentOutline:
    """What paging a report needs: its text and how many observations were read from each line."""

    document: Document
    observations_per_line: dict[int | None, int]  # None: observations with no line (typed in, imported)

    @property
    def observation_count(self) -> int:
        return sum(self.observations_per_line.values())


@dataclass
class PageReading:
    observations: list[ReadNumber]  # those read from the page's lines, in line order
    conflicts: list[ReadNumber]  # the whole document's, wherever they are
    warnings: list[DocumentWarning]  # the whole document's: few, and each marks its line

    @property
    def observations_by_line(self) -> dict[int, list[ReadNumber]]:
        lines: dict[int, list[ReadNumber]] = {}
        for observation in self.observations:
            if observation.source_line:
                lines.setdefault(observation.source_line, []).append(observation)
        return lines


def document_outline(*, document_id: int) -> DocumentOutline | None:
    document = Document.objects.select_related("area").filter(pk=document_id).first()
    if document is None:
        return None
    counts = (Observation.objects.filter(document=document).order_by().values_list("source_line")
              .annotate(count=Count("id")))
    return DocumentOutline(document=document, observations_per_line=dict(counts))


def page_reading(*, document: Document, first_line: int, last_line: int, with_unplaced: bool) -> PageReading:
    """The observations of lines first_line..last_line (and those with no line, `with_unplaced`), the
    document's conflicts and its warnings."""
    on_page = Q(source_line__range=(first_line, last_line))
    if with_unplaced:
        on_page |= Q(source_line__isnull=True)
    rows = (
        Observation.objects.filter(on_page | Q(in_conflict=True), document=document)
        .order_by("source_line", "id").values_list(*READ_NUMBER_FIELDS.values())
    )
    read = [ReadNumber(*row) for row in rows]
    observations = [o for o in read if (o.source_line is None and with_unplaced)
                    or (o.source_line is not None and first_line <= o.source_line <= last_line)]
    warnings = list(DocumentWarning.objects.filter(document=document).order_by("line", "id"))
    return PageReading(observations=observations, conflicts=[o for o in read if o.in_conflict], warnings=warnings)


def document_tables(*, document: Document) -> list[dict]:
    """The document's tables as its numbers name them ("Biểu số 3"), each with how many numbers were read
    from it and how many of those are verified; one query."""
    tables = (Observation.objects.filter(document=document, method=Observation.TABLE).exclude(source_table="")
              .values("source_table").order_by()
              .annotate(count=Count("id"), verified=Count("id", filter=Q(status=Observation.VERIFIED))))
    # "Biểu số 2" before "Biểu số 10"
    return sorted(tables, key=lambda t: [int(p) if p.isdigit() else p for p in re.split(r"(\d+)", t["source_table"])])

"""The appendix tables ("Biểu số N") an area's numbers were read from: 1 query."""
from dataclasses import dataclass

from django.db.models import Count, Min

from indicators.selectors.points import visible_observations


@dataclass(frozen=True)
class ReportTable:
    """One table of one report, with how many of its numbers are the area's."""

    document_id: int
    document_title: str
    table: str
    first_line: int | None
    count: int


def report_tables(*, area_ids: list[int]) -> list[ReportTable]:
    """One entry per table of a document, by document then by first line."""
    rows = (visible_observations().filter(area_id__in=area_ids).exclude(source_table="")
            .values("document_id", "document__title", "document__file_name", "source_table")
            .annotate(count=Count("id"), first_line=Min("source_line"))
            .order_by("document_id", "first_line", "source_table"))
    return [ReportTable(document_id=row["document_id"], table=row["source_table"], first_line=row["first_line"],
                        document_title=row["document__title"] or row["document__file_name"], count=row["count"])
            for row in rows]

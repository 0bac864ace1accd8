"""Reads for the data-quality page."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from indicators.models import Observation
from reports import permissions
from reports.models import Document, DocumentWarning, IngestJob


@dataclass
class ConflictGroup:
    """Observations stating the same indicator, area, period and breakdown with different values;
    a table row naming a catalogue indicator within a narrower scope (Observation.namesake) stands
    with that indicator's totals."""

    indicator: object
    area: object
    period_start: object
    period_end: object
    breakdown: str
    observations: list[Observation] = field(default_factory=list)

    @property
    def values(self) -> list:
        return sorted({o.value for o in self.observations})


@dataclass
class DocumentWarnings:
    document: Document
    warnings: list[DocumentWarning]


def conflict_list(*, document_id: int | None = None, around: Observation | None = None) -> list[ConflictGroup]:
    """Every conflict, or those `document_id` takes part in, or the one `around` takes part in (read from
    the rows of its place and date only); one query."""
    flagged = Observation.objects.filter(in_conflict=True)
    if around is not None:
        related = {around.indicator_id, around.namesake_id} - {None}
        flagged = flagged.filter(Q(indicator_id__in=related) | Q(namesake_id__in=related),
                                 area_id=around.area_id, period_end=around.period_end)
    observations = (
        flagged
        .select_related("indicator", "namesake", "area__parent", "document")
        .only("indicator__code", "indicator__name_vi", "indicator__name_en", "indicator__unit", "namesake__code",
              "namesake__name_vi", "namesake__name_en", "namesake__unit", "area__name", "area__level",
              "area__parent__level", "area__parent__parent_id",
              "document__file_name", "document__title", "period_start", "period_end", "breakdown", "value",
              "qualifier", "source_line", "source_row", "quote", "indicator_id", "namesake_id", "area_id",
              "document_id")
        .order_by("indicator__code", "area__name", "period_end", "period_start", "breakdown", "value", "id")
    )
    observations = list(observations)
    # A namesake row stands with its indicator's total when it is that total it contradicts.
    totals = {(o.indicator_id, o.area_id, o.period_start, o.period_end) for o in observations
              if not o.namesake_id and not o.breakdown}
    groups: dict[tuple, ConflictGroup] = {}
    for o in observations:
        with_total = o.namesake_id and (o.namesake_id, o.area_id, o.period_start, o.period_end) in totals
        indicator, breakdown = (o.namesake, "") if with_total else (o.indicator, o.breakdown)
        key = (indicator.pk, o.area_id, o.period_start, o.period_end, breakdown)
        group = groups.get(key)
        if group is None:
            group = groups[key] = ConflictGroup(indicator, o.area, o.period_start, o.period_end, breakdown)
        group.observations.append(o)
    result = [g for g in groups.values() if len(g.values) > 1]
    if document_id is not None:
        result = [g for g in result if any(o.document_id == document_id for o in g.observations)]
    return result


def document_warning_list(*, document_id: int | None = None) -> list[DocumentWarnings]:
    """Warnings grouped by document, documents by file name; one query."""
    warnings = DocumentWarning.objects.select_related("document").defer("document__text").order_by(
        "document__file_name", "line", "id")
    if document_id is not None:
        warnings = warnings.filter(document_id=document_id)
    grouped: list[DocumentWarnings] = []
    for warning in warnings:
        if not grouped or grouped[-1].document.pk != warning.document_id:
            grouped.append(DocumentWarnings(warning.document, []))
        grouped[-1].warnings.append(warning)
    return grouped


def document_choice_list() -> list[tuple[int, str]]:
    return list(Document.objects.order_by("file_name").values_list("id", "file_name"))


JOBS_LISTED = 20  # the upload page's latest jobs


def jobs_visible(user):
    """The ingest jobs `user` may follow: their own; every job for the national role."""
    if permissions.writable_province_ids(user) is None:
        return IngestJob.objects.all()
    return IngestJob.objects.filter(created_by_id=user.pk)


def job_list(*, user, limit: int = JOBS_LISTED) -> list:
    """The latest ingest jobs `user` may follow, without their files' bytes."""
    return list(jobs_visible(user).defer("data", "summary").select_related("created_by", "document")[:limit])

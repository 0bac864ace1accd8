"""Time series as the pages draw them: points grouped by indicator, area and breakdown.

One query reads every point a page needs (values(), no model instances); grouping and the
per-term arithmetic happen in Python."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, OuterRef, QuerySet, Subquery, Window

from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation, Term

# A breakdown that marks a number as a goal ("đến năm 2025 đạt ..."), not an achievement.
TARGET_BREAKDOWN = "target=yes"
# A value up to this long before a term starts still counts as the term's opening value.
OPENING_TOLERANCE = dt.timedelta(days=366)
FAMILY_ORDER = [family for family, _ in FAMILY_CHOICES]
# One indicator's chart draws a line per area up to this many (the provinces, old and new).
LINES_MAX = 120

POINT_FIELDS = (
    "id", "indicator_id", "area_id", "period_start", "period_end", "value", "breakdown", "qualifier",
    "status", "in_conflict", "document_id", "document__title", "document__file_name", "source_line", "quote",
)
INDICATOR_FIELDS = ("id", "code", "name_vi", "name_en", "family", "unit", "kind", "in_catalogue")


@dataclass(frozen=True)
class Point:
    observation_id: int
    period_start: dt.date
    period_end: dt.date
    value: Decimal
    qualifier: str
    status: str
    in_conflict: bool
    document_id: int | None
    document_title: str
    source_line: int | None
    quote: str

    @property
    def is_verified(self) -> bool:
        return self.status == Observation.VERIFIED


@dataclass
class Series:
    area_id: int
    breakdown: str
    points: list[Point] = field(default_factory=list)

    @property
    def is_total(self) -> bool:
        return self.breakdown == ""


@dataclass(frozen=True)
class TermRow:
    term_label: str
    area_id: int
    start: Point | None
    end: Point | None
    target: Point | None

    @property
    def change(self) -> Decimal | None:
        if self.start is None or self.end is None or self.start is self.end:
            return None
        return self.end.value - self.start.value

    @property
    def percent_change(self) -> Decimal | None:
        change = self.change
        if change is None or not self.start.value:
            return None
        return change * 100 / self.start.value


@dataclass
class IndicatorSeries:
    """Everything one indicator's block needs: its total series (drawn), targets (drawn as
    markers), breakdowns (tabulated: mostly one table snapshot each, not time series) and
    per-term rows."""

    indicator: dict
    series: list[Series] = field(default_factory=list)
    targets: list[Series] = field(default_factory=list)
    breakdowns: list[Series] = field(default_factory=list)
    term_rows: list[TermRow] = field(default_factory=list)

    @property
    def is_drawn(self) -> bool:
        return bool(self.series or self.targets)

    @property
    def code(self) -> str:
        return self.indicator["code"]

    @property
    def unit(self) -> str:
        return self.indicator["unit"]

    @property
    def is_stock(self) -> bool:
        return self.indicator["kind"] == Indicator.STOCK

    @property
    def point_count(self) -> int:
        """How many numbers the block shows: totals, targets and breakdowns."""
        return sum(len(s.points) for s in [*self.series, *self.targets, *self.breakdowns])

    @property
    def documents(self) -> list[tuple[int, str]]:
        """The chart's sources, (document id, title), in first-use order."""
        seen: dict[int, str] = {}
        for series in [*self.series, *self.targets, *self.breakdowns]:
            for point in series.points:
                if point.document_id is not None and point.document_id not in seen:
                    seen[point.document_id] = point.document_title
        return list(seen.items())


def point_from_row(row: dict) -> Point:
    return Point(
        observation_id=row["id"], period_start=row["period_start"], period_end=row["period_end"],
        value=row["value"], qualifier=row["qualifier"], status=row["status"], in_conflict=row["in_conflict"],
        document_id=row["document_id"], document_title=row["document__title"] or row["document__file_name"] or "",
        source_line=row["source_line"], quote=row["quote"],
    )


def visible_observations() -> QuerySet[Observation]:
    """Rejected numbers are kept for the record but never drawn."""
    return Observation.objects.exclude(status=Observation.REJECTED)


def party_congress_terms() -> list[Term]:
    return list(Term.objects.filter(kind=Term.PARTY_CONGRESS).order_by("start"))


def term_rows_for(*, series: Series, targets: Series | None, terms: list[Term]) -> list[TermRow]:
    """Opening value, closing value and target of a stock series in each term it has data in.

    Opening: the last value reported before the term began (up to a year before), else the
    first inside the term. Closing: the last inside it. Target: the last goal set for a date in it."""
    rows = []
    # As on the home page: contested numbers only when nothing uncontested was reported.
    uncontested = [p for p in series.points if not p.in_conflict] or series.points
    points = sorted(uncontested, key=lambda p: (p.period_end, p.observation_id))
    for term in terms:
        inside = [p for p in points if term.start <= p.period_end <= term.end]
        if not inside:
            continue
        before = [p for p in points if term.start - OPENING_TOLERANCE <= p.period_end < term.start]
        start = before[-1] if before else inside[0]
        target_points = [p for p in (targets.points if targets else []) if term.start <= p.period_end <= term.end]
        rows.append(TermRow(term_label=term.label, area_id=series.area_id, start=start, end=inside[-1],
                            target=target_points[-1] if target_points else None))
    return rows


def indicator_series_from_rows(
    rows, *, indicators: dict[int, dict], terms: list[Term], area_order: list[int]
) -> list[IndicatorSeries]:
    """Group value rows (sorted by indicator, area, breakdown, date) into one IndicatorSeries
    per indicator; series follow area_order (the page's own area first), totals before breakdowns."""
    by_indicator: dict[int, IndicatorSeries] = {}
    grouped: dict[tuple[int, int, str], Series] = {}
    for row in rows:
        key = (row["indicator_id"], row["area_id"], row["breakdown"])
        series = grouped.get(key)
        if series is None:
            series = grouped[key] = Series(area_id=row["area_id"], breakdown=row["breakdown"])
            chart = by_indicator.get(row["indicator_id"])
            if chart is None:
                chart = by_indicator[row["indicator_id"]] = IndicatorSeries(indicator=indicators[row["indicator_id"]])
            if TARGET_BREAKDOWN in row["breakdown"].split("; "):
                chart.targets.append(series)
            else:
                (chart.series if series.is_total else chart.breakdowns).append(series)
        series.points.append(point_from_row(row))
    position = {area_id: index for index, area_id in enumerate(area_order)}
    for chart in by_indicator.values():
        for group in (chart.series, chart.breakdowns):
            group.sort(key=lambda s: (position.get(s.area_id, len(position)), s.breakdown))
        if chart.is_stock:
            targets = {t.area_id: t for t in chart.targets if t.breakdown == TARGET_BREAKDOWN}
            for series in chart.series:
                if series.is_total:
                    chart.term_rows += term_rows_for(series=series, targets=targets.get(series.area_id), terms=terms)
    return list(by_indicator.values())


@dataclass
class FamilySection:
    family: str
    label: str
    indicators: list[dict]  # the catalogue indicators with data in this family
    charts: list[IndicatorSeries] | None  # None: not read for this page (the section loads on demand)


def sections_by_family(indicators: list[dict], charts: list[IndicatorSeries]) -> list[FamilySection]:
    """A section per family with data, in the catalogue's order of families; the charts read for
    this page go to their family's section."""
    labels = dict(FAMILY_CHOICES)
    families: dict[str, list[dict]] = {}
    for indicator in sorted(indicators, key=lambda i: i["name_vi"]):
        families.setdefault(indicator["family"], []).append(indicator)
    drawn: dict[str, list[IndicatorSeries]] = {}
    for chart in charts:
        drawn.setdefault(chart.indicator["family"], []).append(chart)
    ordered = sorted(families, key=lambda f: FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER))
    return [FamilySection(family=f, label=labels.get(f, f), indicators=families[f], charts=drawn.get(f))
            for f in ordered]


@dataclass
class ReportTable:
    """An indicator made for one report's table: listed with its count, not drawn."""

    indicator: dict
    count: int


@dataclass
class AreaSeries:
    sections: list[FamilySection]
    report_tables: list[ReportTable]
    terms: list[Term]


def area_series(*, area_ids: list[int], family: str | None = None) -> AreaSeries:
    """The visible series of the given areas (the page's area, then its predecessors) for the
    catalogue indicators of one family (when None, the first family with data), which indicators
    the other families have, and a count per report-table indicator: 5 queries.

    A province at national scale has hundreds of series; reading only the families a page
    shows keeps it fast, the others load when the reader gets to them."""
    visible = visible_observations().filter(area_id__in=area_ids)
    catalogue_ids = set(
        visible.filter(indicator__in_catalogue=True).values_list("indicator_id", flat=True).distinct().order_by())
    table_counts = dict(
        visible.filter(indicator__in_catalogue=False).values_list("indicator_id").annotate(n=Count("id")).order_by()
    )
    indicators = {i["id"]: i for i in Indicator.objects.filter(id__in=catalogue_ids | set(table_counts))
                  .values(*INDICATOR_FIELDS)}
    if family is None:
        present = {indicators[pk]["family"] for pk in catalogue_ids}
        family = next((f for f in FAMILY_ORDER if f in present), None)
    wanted = [pk for pk in catalogue_ids if indicators[pk]["family"] == family]
    rows = list(
        visible.filter(indicator_id__in=wanted)
        .order_by("indicator_id", "area_id", "breakdown", "period_end", "id")
        .values(*POINT_FIELDS)
    ) if wanted else []
    terms = party_congress_terms()
    charts = indicator_series_from_rows(rows, indicators=indicators, terms=terms, area_order=area_ids)
    # Within a family the best-documented series first: the total of members before its details.
    charts.sort(key=lambda c: (not c.is_drawn, -sum(len(s.points) for s in c.series), c.indicator["code"]))
    tables = sorted((ReportTable(indicator=indicators[pk], count=n) for pk, n in table_counts.items()),
                    key=lambda t: t.indicator["name_vi"])
    sections = sections_by_family([indicators[pk] for pk in catalogue_ids], charts)
    return AreaSeries(sections=sections, report_tables=tables, terms=terms)


def indicator_across_areas(*, indicator: Indicator, level: str) -> tuple[IndicatorSeries | None, list[Term]]:
    """The total series of one indicator in every area of `level` that has it, when they are few
    enough to be lines of one chart (LINES_MAX); None otherwise: 3 queries."""
    totals = visible_observations().filter(indicator=indicator, breakdown="", area__level=level)
    area_ids = list(totals.values_list("area_id", flat=True).distinct().order_by()[:LINES_MAX + 1])
    terms = party_congress_terms()
    if not area_ids or len(area_ids) > LINES_MAX:
        return None, terms
    rows = list(totals.filter(area_id__in=area_ids).order_by("area_id", "period_end", "id").values(*POINT_FIELDS))
    info = {name: getattr(indicator, name) for name in INDICATOR_FIELDS}
    charts = indicator_series_from_rows(rows, indicators={indicator.id: info}, terms=terms, area_order=[])
    return (charts[0] if charts else None), terms


def latest_by_area(*, indicator: Indicator, level: str, limit: int) -> tuple[list[tuple[dict, Point]], int]:
    """Each area of `level`: its latest total of the indicator, largest first, at most `limit` of
    them, and how many areas there are. The database picks each area's latest row (one index probe
    per area), so the communes of the whole country cost no more than their number: 1 query."""
    totals = visible_observations().filter(indicator=indicator, breakdown="")
    latest_ids = Area.objects.filter(level=level).values(
        latest_id=Subquery(totals.filter(area_id=OuterRef("pk")).order_by("-period_end", "-id").values("id")[:1]))
    rows = list(
        totals.filter(id__in=latest_ids)
        .annotate(area_count=Window(Count("id")))  # the count of all of them, on each of the first rows
        .order_by("-value", "area__name").values(*POINT_FIELDS, "area__key", "area__name", "area_count")[:limit]
    )
    ranked = [({"key": row["area__key"], "name": row["area__name"]}, point_from_row(row)) for row in rows]
    return ranked, rows[0]["area_count"] if rows else 0

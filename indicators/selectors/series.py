"""Time series as the pages draw them: points grouped by indicator, area and breakdown.

One query reads every point a page needs (values(), no model instances); grouping and the
per-term arithmetic happen in Python."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Window

from indicators.breakdowns import is_unattributed
from indicators.models import FAMILY_CHOICES, Area, Indicator, Term
from indicators.selectors.points import POINT_FIELDS, Point, distinct_points, point_from_row, visible_observations
from indicators.selectors.terms import TermRow, stated_changes, term_rows

# A breakdown that marks a number as a goal ("đến năm 2025 đạt ..."), not an achievement.
TARGET_BREAKDOWN = "target=yes"
FAMILY_ORDER = [family for family, _ in FAMILY_CHOICES]
# One indicator's chart draws a line per area up to this many (the provinces, old and new).
LINES_MAX = 120

INDICATOR_FIELDS = ("id", "code", "name_vi", "name_en", "family", "unit", "kind", "in_catalogue")


@dataclass
class Series:
    area_id: int
    breakdown: str
    points: list[Point] = field(default_factory=list)

    @property
    def is_total(self) -> bool:
        return self.breakdown == ""


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


def party_congress_terms() -> list[Term]:
    return list(Term.objects.filter(kind=Term.PARTY_CONGRESS).order_by("start"))


def is_target(breakdown: str) -> bool:
    return TARGET_BREAKDOWN in breakdown.split("; ")


def indicator_series_from_rows(
    rows, *, indicators: dict[int, dict], terms: list[Term], area_order: list[int]
) -> list[IndicatorSeries]:
    """Group value rows (sorted by indicator, area, breakdown, date) into one IndicatorSeries
    per indicator; series follow area_order (the page's own area first), totals before breakdowns."""
    by_indicator: dict[int, IndicatorSeries] = {}
    grouped: dict[tuple[int, int, str], Series] = {}
    for row in rows:
        if is_unattributed(row["breakdown"]):  # a quality-page matter, not a leader's breakdown
            continue
        key = (row["indicator_id"], row["area_id"], row["breakdown"])
        series = grouped.get(key)
        if series is None:
            series = grouped[key] = Series(area_id=row["area_id"], breakdown=row["breakdown"])
            chart = by_indicator.get(row["indicator_id"])
            if chart is None:
                chart = by_indicator[row["indicator_id"]] = IndicatorSeries(indicator=indicators[row["indicator_id"]])
            if is_target(row["breakdown"]):
                chart.targets.append(series)
            else:
                (chart.series if series.is_total else chart.breakdowns).append(series)
        series.points.append(point_from_row(row))
    position = {area_id: index for index, area_id in enumerate(area_order)}
    families = {indicators[row["indicator_id"]]["family"] for row in rows}
    stated = stated_changes(area_ids={row["area_id"] for row in rows}, families=families) if rows else {}
    for chart in by_indicator.values():
        for group in (chart.series, chart.targets, chart.breakdowns):
            for series in group:
                series.points = distinct_points(series.points)
            group.sort(key=lambda s: (position.get(s.area_id, len(position)), s.breakdown))
        targets = {t.area_id: t.points for t in chart.targets if t.breakdown == TARGET_BREAKDOWN}
        for series in chart.series:
            chart.term_rows += term_rows(series.points, is_stock=chart.is_stock, terms=terms, area_id=series.area_id,
                                         targets=targets.get(series.area_id, []),
                                         stated_changes=stated.get(series.area_id, frozenset()))
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
class AreaSeries:
    sections: list[FamilySection]
    terms: list[Term]


def area_series(*, area_ids: list[int], family: str | None = None) -> AreaSeries:
    """The visible series of the given areas (the page's area, then its predecessors) for the
    catalogue indicators of one family (none when None: the page's families are folded and load
    when opened), which indicators the other families have: 3 or 4 queries.

    A province at national scale has hundreds of series; reading only the families a page
    shows keeps it fast, the others load when the reader gets to them."""
    visible = visible_observations().filter(area_id__in=area_ids)
    catalogue_ids = set(
        visible.filter(indicator__in_catalogue=True).values_list("indicator_id", flat=True).distinct().order_by())
    indicators = {i["id"]: i for i in Indicator.objects.filter(id__in=catalogue_ids).values(*INDICATOR_FIELDS)}
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
    sections = sections_by_family([indicators[pk] for pk in catalogue_ids], charts)
    return AreaSeries(sections=sections, terms=terms)


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


def drawn_observation_ids(observations, *, with_goals: bool = True) -> list[int]:
    """Of these observations, the ones a chart draws: totals (and goals, on an area's charts), one
    per period and value, uncontested where another source contradicts (distinct_points). A chart's
    data link exports exactly these; the breakdowns tabulated under it have their own explorer link."""
    wanted = Q(breakdown="") | Q(breakdown__contains=TARGET_BREAKDOWN) if with_goals else Q(breakdown="")
    rows = (observations.filter(wanted)
            .order_by("indicator_id", "area_id", "breakdown", "period_end", "id").values(*POINT_FIELDS))
    grouped: dict[tuple, list[Point]] = {}
    for row in rows:
        if row["breakdown"] and not is_target(row["breakdown"]):
            continue
        grouped.setdefault((row["indicator_id"], row["area_id"], row["breakdown"]), []).append(point_from_row(row))
    return [point.observation_id for points in grouped.values() for point in distinct_points(points)]


def all_terms() -> list[Term]:
    """Both kinds of term, for the charts' marks of congresses and elections."""
    return list(Term.objects.order_by("start"))

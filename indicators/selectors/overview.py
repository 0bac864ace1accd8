"""The first screen of an area: what a leader asks first, each figure with its change over the
term, its source and a small trend. The same figures head the home page's province cards.

Read for many areas at once (the home page's provinces with their predecessors): one query for
the points, one for the gazetteer's unit counts, one for the lineage — whatever the number of areas."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q

from indicators.gazetteer import REFORM_DATE
from indicators.gazetteer.lineage import WHOLE_CONTINUATION_EVENTS
from indicators.models import Area, AreaLineage, Indicator, Term
from indicators.selectors.points import POINT_FIELDS, Point, distinct_points, point_from_row, visible_observations
from indicators.selectors.terms import TermRow, flow_term_row, stated_changes, stock_term_row, term_of

SPARKLINE_WIDTH, SPARKLINE_HEIGHT, SPARKLINE_MARGIN = 100, 28, 2
DAY_BEFORE_REFORM = REFORM_DATE - dt.timedelta(days=1)


@dataclass(frozen=True)
class OverviewItem:
    """One figure of the overview: the indicator it reads and what else completes it."""

    key: str
    code: str
    share_code: str = ""  # a rate the report gives for the same periods (staff reduced, % of payroll)
    reduction_code: str = ""  # the report's own statement of the reduction (public bodies)
    counts_units_below: bool = False  # the gazetteer's commune count before and after 01/07/2025


# What a provincial leader asks first, in that order.
OVERVIEW_ITEMS = (
    OverviewItem("party_members", "party.members.total"),
    OverviewItem("party_organizations", "party.orgs.grassroots"),
    OverviewItem("staff_reduced", "staff.reduced", share_code="staff.reduced_rate"),
    OverviewItem("admin_units", "admin.commune_units", counts_units_below=True),
    OverviewItem("public_bodies", "public.service_units", reduction_code="public.service_units_reduced"),
)
OVERVIEW_CODES = tuple(code for item in OVERVIEW_ITEMS
                       for code in (item.code, item.share_code, item.reduction_code) if code)


@dataclass
class Figure:
    """One area's figure of one item: the area's own, or a predecessor's before the merger."""

    area: Area
    is_predecessor: bool
    is_flow: bool  # the indicator's kind, whatever the shape of its latest period
    points: list[Point]  # the series, one point per date (stocks) or period (flows)
    term_row: TermRow | None
    share: Point | None = None
    stated_reduction: Point | None = None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


    @property
    def sparkline(self) -> str:
        """SVG polyline coordinates of a stock, scaled into the sparkline box."""
        if len(self.points) < 2 or self.is_flow:
            return ""
        return polyline([(p.period_end.toordinal(), float(p.value)) for p in self.points])

    @property
    def sparkbars(self) -> list[tuple[str, str, str, str]]:
        """(x, y, width, height) of a flow's periods as bars in the sparkline box, written for SVG
        (a template would localise a float's decimal point)."""
        if not self.is_flow or not self.points:
            return []
        first = min(p.period_start.toordinal() for p in self.points)
        span = (max(p.period_end.toordinal() for p in self.points) - first) or 1
        top = max(abs(float(p.value)) for p in self.points) or 1
        bars = []
        for p in self.points:
            height = abs(float(p.value)) / top * (SPARKLINE_HEIGHT - SPARKLINE_MARGIN)
            x = (p.period_start.toordinal() - first) / span * SPARKLINE_WIDTH
            width = max((p.period_end.toordinal() - p.period_start.toordinal()) / span * SPARKLINE_WIDTH, 2)
            bars.append((f"{x:.1f}", f"{SPARKLINE_HEIGHT - height:.1f}", f"{width:.1f}", f"{height:.1f}"))
        return bars


@dataclass
class UnitCounts:
    """Communes (xã, phường, thị trấn) under an area from the gazetteer, on the eve of the
    reorganisation and after it."""

    before: int | None
    after: int | None
    after_area: Area | None  # the successor they went into, when it is not the area itself


@dataclass
class OverviewCard:
    item: OverviewItem
    indicator: dict | None
    figures: list[Figure] = field(default_factory=list)
    unit_counts: UnitCounts | None = None

    @property
    def has_data(self) -> bool:
        return bool(self.figures) or (self.unit_counts is not None and
                                      (self.unit_counts.before or self.unit_counts.after))


def polyline(pairs: list[tuple[float, float]]) -> str:
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    x_span = (max(xs) - min(xs)) or 1
    y_low, y_span = min(ys), (max(ys) - min(ys)) or 1
    inner = SPARKLINE_HEIGHT - 2 * SPARKLINE_MARGIN
    return " ".join(f"{(x - min(xs)) / x_span * SPARKLINE_WIDTH:.1f},"
                    f"{SPARKLINE_HEIGHT - SPARKLINE_MARGIN - (y - y_low) / y_span * inner:.1f}" for x, y in pairs)


def predecessors_by_area(areas: list[Area]) -> dict[int, list[Area]]:
    """Each area's whole predecessors (merged or renamed into it), one generation: 1 query."""
    links = (AreaLineage.objects.filter(successor__in=areas, event__in=WHOLE_CONTINUATION_EVENTS)
             .select_related("predecessor__parent").order_by("predecessor__name"))
    found: dict[int, list[Area]] = {}
    for link in links:
        found.setdefault(link.successor_id, []).append(link.predecessor)
    return found


def successors_by_area(areas: list[Area]) -> dict[int, list[Area]]:
    links = AreaLineage.objects.filter(predecessor__in=areas).select_related("successor").order_by("successor__name")
    found: dict[int, list[Area]] = {}
    for link in links:
        found.setdefault(link.predecessor_id, []).append(link.successor)
    return found


def in_force(on: dt.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def commune_counts(area_ids: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """Communes under each area (as parent, or as the district's parent) on the eve of the
    reorganisation and on its day: 1 query."""
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    rows = (Area.objects.filter(Q(parent_id__in=area_ids) | Q(parent__parent_id__in=area_ids), level=Area.COMMUNE)
            .values_list("parent_id", "parent__parent_id")
            .annotate(before=Count("id", filter=in_force(DAY_BEFORE_REFORM)), after=Count("id", filter=in_force(REFORM_DATE)))
            .order_by())
    for parent_id, grandparent_id, n_before, n_after in rows:
        for owner in {parent_id, grandparent_id} & area_ids:
            before[owner] = before.get(owner, 0) + n_before
            after[owner] = after.get(owner, 0) + n_after
    return before, after


def _points_by_series(area_ids: set[int], indicators: dict[str, dict]) -> dict[tuple[int, int], list[Point]]:
    rows = (visible_observations()
            .filter(area_id__in=area_ids, indicator_id__in=[i["id"] for i in indicators.values()], breakdown="")
            .order_by("area_id", "indicator_id", "period_end", "id").values(*POINT_FIELDS))
    series: dict[tuple[int, int], list[Point]] = {}
    for row in rows:
        series.setdefault((row["area_id"], row["indicator_id"]), []).append(point_from_row(row))
    return {key: distinct_points(points) for key, points in series.items()}


def _overlapping(point: Point, row: TermRow) -> bool:
    start, end = row.flow_period
    return point.period_start <= end and point.period_end >= start


def figure_for(item: OverviewItem, *, area: Area, is_predecessor: bool, indicators: dict[str, dict],
               series: dict[tuple[int, int], list[Point]], terms: list[Term],
               stated: dict[int, frozenset]) -> Figure | None:
    indicator = indicators.get(item.code)
    # One point per date, uncontested where sources disagree (distinct_points): a contested number
    # stays only where no other was reported, and is marked as contested.
    points = series.get((area.pk, indicator["id"]), []) if indicator else []
    if not points:
        return None
    if indicator["kind"] == Indicator.STOCK:
        term = term_of(points[-1].period_end, terms)
        row = (stock_term_row(points, term, area_id=area.pk, stated_changes=stated.get(area.pk, frozenset()))
               if term else None)
        figure = Figure(area=area, is_predecessor=is_predecessor, is_flow=False, points=points, term_row=row)
        reduction = indicators.get(item.reduction_code)
        if reduction and term:
            stated = flow_term_row(series.get((area.pk, reduction["id"]), []), term, area_id=area.pk)
            figure.stated_reduction = stated.flows[-1] if stated else None
        return figure
    # A flow: the latest term with periods inside it, summed without overlaps.
    row = next((r for term in reversed(terms) if (r := flow_term_row(points, term, area_id=area.pk))), None)
    figure = Figure(area=area, is_predecessor=is_predecessor, is_flow=True, points=points, term_row=row)
    share = indicators.get(item.share_code)
    if share and row:
        rates = [p for p in series.get((area.pk, share["id"]), []) if _overlapping(p, row)]
        figure.share = rates[-1] if rates else None
    return figure


def overviews(areas: list[Area], *, terms: list[Term], predecessors: dict[int, list[Area]] | None = None
              ) -> dict[int, list[OverviewCard]]:
    """The overview cards of each area, its own figures first, then its predecessors'."""
    predecessors = predecessors_by_area(areas) if predecessors is None else predecessors
    lineage = {area.pk: [area, *predecessors.get(area.pk, [])] for area in areas}
    all_ids = {a.pk for group in lineage.values() for a in group}
    indicators = {i["code"]: i for i in Indicator.objects.filter(code__in=OVERVIEW_CODES)
                  .values("id", "code", "name_vi", "name_en", "unit", "kind", "family")}
    series = _points_by_series(all_ids, indicators)
    stated = stated_changes(area_ids=all_ids, families={i["family"] for i in indicators.values()})
    successors = successors_by_area([a for a in areas if a.valid_to is not None])
    count_ids = all_ids | {s.pk for group in successors.values() for s in group}
    before, after = commune_counts(count_ids)
    result = {}
    for area in areas:
        cards = []
        for item in OVERVIEW_ITEMS:
            card = OverviewCard(item=item, indicator=indicators.get(item.code))
            for member in lineage[area.pk]:
                figure = figure_for(item, area=member, is_predecessor=member.pk != area.pk,
                                    indicators=indicators, series=series, terms=terms, stated=stated)
                if figure is not None:
                    card.figures.append(figure)
            if item.counts_units_below:
                card.unit_counts = unit_counts(area, lineage=lineage[area.pk], successors=successors.get(area.pk, []),
                                               before=before, after=after)
            cards.append(card)
        result[area.pk] = cards
    return result


def unit_counts(area: Area, *, lineage: list[Area], successors: list[Area], before: dict, after: dict) -> UnitCounts:
    if area.valid_from is not None and area.valid_from >= REFORM_DATE:  # a unit created by the reorganisation
        total_before = sum(before.get(a.pk, 0) for a in lineage[1:]) or None
        return UnitCounts(before=total_before, after=after.get(area.pk) or None, after_area=None)
    if area.valid_to is None:  # in force before and after, unchanged (Hà Nội)
        return UnitCounts(before=before.get(area.pk) or None, after=after.get(area.pk) or None, after_area=None)
    successor = successors[0] if len(successors) == 1 else None
    return UnitCounts(before=before.get(area.pk) or None, after=after.get(successor.pk) if successor else None,
                      after_area=successor)

"""Areas as the home and area pages list them: which have data, their headline numbers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef

from indicators.models import Area, Indicator, Term
from indicators.selectors.series import (
    INDICATOR_FIELDS, POINT_FIELDS, Point, point_from_row, party_congress_terms, visible_observations,
)

# What a provincial leader looks at first: members, grassroots organisations, payroll, communes.
HEADLINE_CODES = ("party.members.total", "party.orgs.grassroots", "staff.payroll_assigned", "admin.commune_units")
SPARKLINE_WIDTH, SPARKLINE_HEIGHT = 100, 28
# Past this many districts with data the home page lists them by name; each has its own page.
DISTRICT_HEADLINES_MAX = 40


@dataclass
class Headline:
    indicator: dict
    points: list[Point]
    term: Term | None
    term_start: Point | None

    @property
    def latest(self) -> Point:
        return self.points[-1]

    @property
    def term_change(self) -> Decimal | None:
        if self.term_start is None or self.term_start is self.latest:
            return None
        return self.latest.value - self.term_start.value

    @property
    def sparkline_points(self) -> str:
        """SVG polyline coordinates of the series scaled into the sparkline box."""
        if len(self.points) < 2:
            return ""
        days = [p.period_end.toordinal() for p in self.points]
        values = [float(p.value) for p in self.points]
        x_span = (max(days) - min(days)) or 1
        y_low, y_high = min(values), max(values)
        y_span = (y_high - y_low) or 1
        margin = 2
        return " ".join(
            f"{(d - min(days)) / x_span * SPARKLINE_WIDTH:.1f},"
            f"{SPARKLINE_HEIGHT - margin - (v - y_low) / y_span * (SPARKLINE_HEIGHT - 2 * margin):.1f}"
            for d, v in zip(days, values)
        )


@dataclass
class AreaSummary:
    area: Area
    observation_count: int | None  # counted only for the areas shown with headlines
    headlines: list[Headline]


def _term_of(day: dt.date, terms: list[Term]) -> Term | None:
    return next((t for t in terms if t.start <= day <= t.end), None)


def headline_for(*, indicator: dict, points: list[Point], terms: list[Term]) -> Headline:
    """Latest value and the change since the opening of the term that value falls in.

    A number another source contradicts is no headline while uncontested ones exist: one
    misread line must not become what a leader reads first."""
    points = [p for p in points if not p.in_conflict] or points
    latest = points[-1]
    term = _term_of(latest.period_end, terms)
    start = None
    if term is not None:
        start = next((p for p in points if term.start <= p.period_end), None)
    return Headline(indicator=indicator, points=points, term=term, term_start=start)


def areas_with_data() -> list[AreaSummary]:
    """Provinces and districts that have visible observations, the provinces (and, when they are
    few, the districts) with their number of observations and headline indicators (latest value,
    change over the term, trend).

    Five queries, each bounded by an index rather than by the whole table, so the home page stays
    fast with every province, district and commune of the country loaded."""
    has_data = Exists(visible_observations().filter(area_id=OuterRef("pk")))
    areas = list(Area.objects.filter(has_data, level__in=[Area.PROVINCE, Area.DISTRICT])
                 .select_related("parent").order_by("level", "short_name"))
    districts = [a for a in areas if a.level == Area.DISTRICT]
    with_headlines = [a for a in areas if a.level == Area.PROVINCE]
    if len(districts) <= DISTRICT_HEADLINES_MAX:
        with_headlines += districts
    # Counting reads every row of an area: only for the areas shown in full.
    counts = observation_count_by_area(area_ids=[a.id for a in with_headlines])
    indicators = {i["id"]: i for i in Indicator.objects.filter(code__in=HEADLINE_CODES).values(*INDICATOR_FIELDS)}
    rows = (
        visible_observations()
        .filter(area_id__in=[a.id for a in with_headlines], indicator_id__in=indicators, breakdown="")
        .order_by("area_id", "indicator_id", "period_end", "id")
        .values(*POINT_FIELDS)
    )
    series: dict[tuple[int, int], list[Point]] = {}
    for row in rows:
        series.setdefault((row["area_id"], row["indicator_id"]), []).append(point_from_row(row))
    terms = party_congress_terms()
    in_headline_order = sorted(indicators.items(), key=lambda item: HEADLINE_CODES.index(item[1]["code"]))
    summaries = []
    for area in areas:
        headlines = [
            headline_for(indicator=indicator, points=series[(area.id, indicator_id)], terms=terms)
            for indicator_id, indicator in in_headline_order
            if (area.id, indicator_id) in series
        ]
        summaries.append(AreaSummary(area=area, observation_count=counts.get(area.id), headlines=headlines))
    return summaries


def area_by_key(*, key: str) -> Area | None:
    return Area.objects.select_related("parent").filter(key=key).first()


def area_children_with_data(*, area: Area) -> list[Area]:
    """The units directly under the area, each annotated has_data: 1 query."""
    has_data = Exists(visible_observations().filter(area_id=OuterRef("pk")))
    return list(area.children.annotate(has_data=has_data).order_by("short_name"))


def observation_count_by_area(*, area_ids: list[int]) -> dict[int, int]:
    return dict(
        visible_observations().filter(area_id__in=area_ids).values_list("area_id").annotate(n=Count("id")).order_by()
    )


def areas_by_id(*, ids) -> dict[int, Area]:
    return {a.id: a for a in Area.objects.filter(id__in=set(ids)).select_related("parent")}


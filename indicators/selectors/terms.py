"""What a series says about a term: a stock's value at the term's opening and at its latest date
inside it, or the sum of a flow's periods inside it that do not overlap. One place for this
arithmetic, used by the charts' term tables, the area overview and the home page's headlines.

A change is shown only between comparable points: a stock at the term's opening with a later one
inside it (never a date with itself, never across areas or breakdowns), or flows that lie inside
the term and do not overlap. A change of more than ±100 % that no number of the report states is
not printed as a fact: it goes to the quality page for review."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F

from indicators.models import Term
from indicators.selectors.points import Point

# A stock reported up to a year either side of a term's start stands for the term's opening
# (reports give "31/12/2020" or "đầu nhiệm kỳ" for a term that began in October 2020).
OPENING_TOLERANCE = dt.timedelta(days=366)
# A flow starting this long before the term still belongs to it ("giai đoạn 2020-2025" for a term
# that began in October 2020)…
FLOW_START_TOLERANCE = dt.timedelta(days=366)
# …and one ending this long after it ("2016-2020" for the term that ended in September 2020).
FLOW_END_TOLERANCE = dt.timedelta(days=122)
# A change beyond this, in percent of the opening value, is a misreading until a report says so.
PLAUSIBLE_CHANGE_PERCENT = Decimal(100)


@dataclass(frozen=True)
class TermRow:
    """One series in one term. For a stock: `start` and `end`; for a flow: the periods summed."""

    term_label: str
    area_id: int
    start: Point | None = None
    end: Point | None = None
    flows: tuple[Point, ...] = ()
    target: Point | None = None
    stated_changes: frozenset[Decimal] = frozenset()  # changes the report's own numbers state

    @property
    def is_flow(self) -> bool:
        return bool(self.flows)

    @property
    def computed_change(self) -> Decimal | None:
        if self.is_flow:
            return sum((p.value for p in self.flows), Decimal(0))
        if self.start is None or self.end is None or self.end.period_end <= self.start.period_end:
            return None
        return self.end.value - self.start.value

    @property
    def computed_percent(self) -> Decimal | None:
        change = self.computed_change
        if self.is_flow or change is None or not self.start.value:
            return None
        return change * 100 / self.start.value

    @property
    def needs_review(self) -> bool:
        """A change too large to be believed unless the report states it."""
        percent = self.computed_percent
        return (percent is not None and abs(percent) > PLAUSIBLE_CHANGE_PERCENT
                and abs(self.computed_change) not in self.stated_changes)

    @property
    def change(self) -> Decimal | None:
        return None if self.needs_review else self.computed_change

    @property
    def percent_change(self) -> Decimal | None:
        return None if self.needs_review else self.computed_percent

    @property
    def flow_period(self) -> tuple[dt.date, dt.date] | None:
        if not self.flows:
            return None
        return min(p.period_start for p in self.flows), max(p.period_end for p in self.flows)


def stated_changes(*, area_ids, families) -> dict[int, frozenset[Decimal]]:
    """Per area, the values the reports state as changes in these families (flows that are not
    rejected): a term change equal to one of them is the report's own figure, however large. 1 query."""
    from indicators.selectors.points import visible_observations

    found: dict[int, set[Decimal]] = {}
    rows = (visible_observations().filter(area_id__in=set(area_ids), indicator__family__in=set(families))
            .exclude(period_start=F("period_end")).values_list("area_id", "value").distinct().order_by())
    for area_id, value in rows:
        found.setdefault(area_id, set()).add(abs(value))
    return {area_id: frozenset(values) for area_id, values in found.items()}


def term_of(day: dt.date, terms: list[Term]) -> Term | None:
    return next((t for t in terms if t.start <= day <= t.end), None)


def opening_point(points: list[Point], term: Term) -> Point | None:
    """The stock nearest the term's start within the tolerance, the one before it on a tie."""
    near = [p for p in points if abs(p.period_end - term.start) <= OPENING_TOLERANCE]
    return min(near, key=lambda p: (abs(p.period_end - term.start), p.period_end), default=None)


def stock_term_row(points: list[Point], term: Term, *, area_id: int, target: Point | None = None,
                   stated_changes: frozenset[Decimal] = frozenset()) -> TermRow | None:
    """Opening and latest value of a stock series (date-ordered, one point per date) in a term."""
    inside = [p for p in points if term.start <= p.period_end <= term.end]
    if not inside:
        return None
    start = opening_point(points, term)
    end = inside[-1]
    if start is not None and end.period_end <= start.period_end:
        end = None  # one date only: nothing to compare it with
    return TermRow(term_label=term.label, area_id=area_id, start=start, end=end, target=target,
                   stated_changes=stated_changes)


def flows_inside(points: list[Point], term: Term) -> list[Point]:
    return [p for p in points
            if p.period_start >= term.start - FLOW_START_TOLERANCE and p.period_end <= term.end + FLOW_END_TOLERANCE
            and p.period_end > p.period_start]


def non_overlapping(flows: list[Point]) -> list[Point]:
    """The longest periods first, each kept when it overlaps none kept before: "1.224 in 2020-2023"
    and "710 in 2021-2023" are one reduction counted twice, not 1.934."""
    kept: list[Point] = []
    for flow in sorted(flows, key=lambda p: (-(p.period_end - p.period_start).days, -p.period_end.toordinal())):
        if all(flow.period_end < other.period_start or flow.period_start > other.period_end for other in kept):
            kept.append(flow)
    return sorted(kept, key=lambda p: p.period_start)


def flow_term_row(points: list[Point], term: Term, *, area_id: int, target: Point | None = None) -> TermRow | None:
    summed = non_overlapping(flows_inside(points, term))
    if not summed:
        return None
    return TermRow(term_label=term.label, area_id=area_id, flows=tuple(summed), target=target)


def term_target(targets: list[Point], term: Term) -> Point | None:
    """The last goal set for a date inside the term (a goal "đến năm 2025" for 2020-2025)."""
    inside = [p for p in targets if term.start <= p.period_end <= term.end + FLOW_END_TOLERANCE]
    return inside[-1] if inside else None


def term_rows(points: list[Point], *, is_stock: bool, terms: list[Term], area_id: int,
              targets: list[Point] = (), stated_changes: frozenset[Decimal] = frozenset()) -> list[TermRow]:
    rows = []
    for term in terms:
        target = term_target(list(targets), term)
        if is_stock:
            row = stock_term_row(points, term, area_id=area_id, target=target, stated_changes=stated_changes)
        else:
            row = flow_term_row(points, term, area_id=area_id, target=target)
        if row is not None:
            rows.append(row)
    return rows

"""A number as pages draw it: its value, period, status and source, read with values() (no model
instances), and the one rule for which of several numbers at one date a page shows."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from indicators.models import Observation

POINT_FIELDS = (
    "id", "indicator_id", "area_id", "period_start", "period_end", "value", "breakdown", "qualifier",
    "status", "in_conflict", "document_id", "document__title", "document__file_name", "source_line", "quote",
)


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

    @property
    def is_stock(self) -> bool:
        return self.period_start == self.period_end


def point_from_row(row: dict) -> Point:
    return Point(
        observation_id=row["id"], period_start=row["period_start"], period_end=row["period_end"],
        value=row["value"], qualifier=row["qualifier"], status=row["status"], in_conflict=row["in_conflict"],
        document_id=row["document_id"], document_title=row["document__title"] or row["document__file_name"] or "",
        source_line=row["source_line"], quote=row["quote"],
    )


# A leader's page may show verified numbers only (?verified=1): the view says so once, around all it
# reads, as translation.override sets a language, and every selector that draws numbers obeys it here.
_verified_only: ContextVar[bool] = ContextVar("verified_only", default=False)


@contextmanager
def numbers_shown(*, verified_only: bool) -> Iterator[None]:
    token = _verified_only.set(verified_only)
    try:
        yield
    finally:
        _verified_only.reset(token)


def visible_observations() -> QuerySet[Observation]:
    """Rejected numbers are kept for the record but never drawn; inside numbers_shown(verified_only=True),
    only the verified ones are."""
    if _verified_only.get():
        return Observation.objects.filter(status=Observation.VERIFIED)
    return Observation.objects.exclude(status=Observation.REJECTED)


def distinct_points(points: list[Point]) -> list[Point]:
    """One point per period and value, and at a period where another source contradicts a number,
    the uncontested numbers only: a report that states 89.455 in its summary and again in its
    body is one point, and one misread line must not replace what the other sources agree on.
    Order (date, then first read) is kept."""
    by_period: dict[tuple[dt.date, dt.date], list[Point]] = {}
    for point in points:
        by_period.setdefault((point.period_start, point.period_end), []).append(point)
    kept: list[Point] = []
    for group in by_period.values():
        chosen = [p for p in group if not p.in_conflict] or group
        values_seen: set[Decimal] = set()
        for point in chosen:
            if point.value not in values_seen:
                values_seen.add(point.value)
                kept.append(point)
    return sorted(kept, key=lambda p: (p.period_end, p.period_start, p.observation_id))

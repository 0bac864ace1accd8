"""Areas as the home and area pages list them: which have data, their headline numbers."""
from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from indicators.models import Area
from indicators.selectors.overview import OverviewCard, overviews, predecessors_by_area, successors_by_area
from indicators.selectors.points import visible_observations
from indicators.selectors.series import party_congress_terms



@dataclass
class ProvinceSummary:
    """A province on the home page: its overview figures (its own, else its predecessors'), the
    units it was formed from, or the one it went into."""

    area: Area
    cards: list[OverviewCard]
    predecessors: list[Area]
    successors: list[Area]


@dataclass
class HomeSummary:
    current: list[ProvinceSummary]  # the provinces in force, with data (their own or their predecessors')
    current_without_data: list[Area]
    legacy: list[ProvinceSummary]  # provinces that ended on 30/06/2025 and have data of their own
    districts: list[Area]  # districts with data, each with its province


def home_summary() -> HomeSummary:
    """The 34 provinces in force with their predecessors' data, the former ones under "before
    01/07/2025", and the districts with data: a fixed number of queries, however many areas."""
    has_data = Exists(visible_observations().filter(area_id=OuterRef("pk")))
    areas = list(Area.objects.filter(level__in=[Area.PROVINCE, Area.DISTRICT]).annotate(has_data=has_data)
                 .select_related("parent").order_by("short_name", "pk"))
    provinces = [a for a in areas if a.level == Area.PROVINCE]
    current = [p for p in provinces if p.valid_to is None]
    predecessors = predecessors_by_area(current)
    with_data = {a.pk for a in areas if a.has_data}
    districts = [a for a in areas if a.level == Area.DISTRICT and a.has_data]
    # A province whose districts have data has data too (Tây Sơn's reports count for Bình Định).
    with_data |= {d.parent_id for d in districts}
    current_with_data = [c for c in current
                         if c.pk in with_data or any(p.pk in with_data for p in predecessors.get(c.pk, []))]
    legacy = [p for p in provinces if p.valid_to is not None and p.pk in with_data]
    terms = party_congress_terms()
    # The former provinces' figures are on their successors' cards: listed, not repeated.
    cards = overviews(current_with_data, terms=terms, predecessors=predecessors)
    successors = successors_by_area(legacy)
    return HomeSummary(
        current=[ProvinceSummary(area=c, cards=cards[c.pk], predecessors=predecessors.get(c.pk, []), successors=[])
                 for c in current_with_data],
        current_without_data=[c for c in current if c not in current_with_data],
        legacy=[ProvinceSummary(area=p, cards=[], predecessors=[], successors=successors.get(p.pk, []))
                for p in legacy],
        districts=sorted(districts, key=lambda d: (d.parent.short_name if d.parent else "", d.short_name)),
    )


def area_by_key(*, key: str) -> Area | None:
    return Area.objects.select_related("parent").filter(key=key).first()


def area_children_with_data(*, area: Area) -> list[Area]:
    """The units directly under the area, each annotated has_data: 1 query."""
    has_data = Exists(visible_observations().filter(area_id=OuterRef("pk")))
    return list(area.children.annotate(has_data=has_data).order_by("short_name"))


def areas_by_id(*, ids) -> dict[int, Area]:
    return {a.id: a for a in Area.objects.filter(id__in=set(ids)).select_related("parent")}


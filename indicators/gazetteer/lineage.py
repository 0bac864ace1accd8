"""Read lineage: which areas an area came from and went into.

A province page shows its own series and those of the units that became it (the new Bắc Ninh
continues Bắc Giang and the old Bắc Ninh), so these reads are on the page's path: one query each,
and lineage_areas one query per generation of history.
"""
from __future__ import annotations

from indicators.models import Area, AreaLineage

# Links along which a predecessor's whole territory went into the successor. A split predecessor
# continues only partly into each successor, so its totals are not comparable with theirs.
WHOLE_CONTINUATION_EVENTS = (AreaLineage.MERGE, AreaLineage.RENAME)


def successors(area: Area) -> list[Area]:
    """The areas that took over all or part of ``area``'s territory, by name."""
    found = Area.objects.filter(predecessor_links__predecessor=area).select_related("parent").distinct()
    return list(found.order_by("name", "pk"))


def predecessors(area: Area) -> list[Area]:
    """The areas whose territory, all or part of it, went into ``area``, by name."""
    found = Area.objects.filter(successor_links__successor=area).select_related("parent").distinct()
    return list(found.order_by("name", "pk"))


def lineage_areas(area: Area, *, include_partial: bool = False) -> list[Area]:
    """``area`` first, then every area whose series continues into it, at any distance, by name.

    For the new Bắc Ninh: itself, Bắc Giang and the old Bắc Ninh. A commune split between several
    new communes continues only partly into each; it is included only with ``include_partial``."""
    events = [code for code, _ in AreaLineage.EVENT_CHOICES] if include_partial else list(WHOLE_CONTINUATION_EVENTS)
    seen_ids = {area.pk}
    ancestors: list[Area] = []
    frontier_ids = {area.pk}
    while frontier_ids:
        # One filter() call: both conditions apply to the same lineage link.
        generation = list(
            Area.objects.filter(successor_links__successor__in=frontier_ids, successor_links__event__in=events)
            .exclude(pk__in=seen_ids)
            .select_related("parent")
            .distinct()
        )
        ancestors.extend(generation)
        frontier_ids = {ancestor.pk for ancestor in generation}
        seen_ids |= frontier_ids
    return [area, *sorted(ancestors, key=lambda ancestor: (ancestor.name, ancestor.pk))]

"""The gazetteer: Vietnam's administrative units in time, how reports name them, and their lineage.

Loading writes (services); lookup and lineage read (selectors). Everything that turns a written
place name into an Area goes through resolve_area.
"""
from indicators.gazetteer.lineage import lineage_areas, predecessors, successors
from indicators.gazetteer.loading import REFORM_DATE, load_areas
from indicators.gazetteer.lookup import (
    AmbiguousArea,
    AreaLookupError,
    AreaNotFound,
    describe_area,
    find_area_by_key,
    resolve_area,
    search_areas,
)
from indicators.gazetteer.names import read_area_name, remove_diacritics, to_search_form

__all__ = [
    "REFORM_DATE",
    "AmbiguousArea",
    "AreaLookupError",
    "AreaNotFound",
    "describe_area",
    "find_area_by_key",
    "lineage_areas",
    "load_areas",
    "predecessors",
    "read_area_name",
    "remove_diacritics",
    "resolve_area",
    "search_areas",
    "successors",
    "to_search_form",
]

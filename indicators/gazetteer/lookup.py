"""Read the gazetteer: the one way to turn a name written in a report into an Area.

Identity is code plus validity, so a name is resolved at a date: "Bắc Ninh" on 2025-06-30 is the
old province (code 27), on 2025-07-01 the new one that absorbed Bắc Giang (code 24). The lookup
never guesses: when several areas fit, it raises AmbiguousArea listing them.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from indicators.gazetteer.names import AreaNameReading, admin_prefix, read_area_name
from indicators.models import Area

_LEVEL_LABELS = {
    Area.PROVINCE: ("cấp tỉnh", "province"),
    Area.DISTRICT: ("cấp huyện", "district"),
    Area.COMMUNE: ("cấp xã", "commune"),
}
# Enough to show the user why a name is ambiguous; "Phường 1" alone matches dozens of wards.
_CANDIDATES_LISTED = 8


def describe_area(area: Area) -> str:
    """"Xã Tây Thuận (Huyện Tây Sơn, Tỉnh Bình Định, đến 30/06/2025)": enough to tell areas apart."""
    ancestors = []
    parent = area.parent
    while parent is not None:
        ancestors.append(parent.name)
        parent = parent.parent
    if area.valid_to:
        ancestors.append(f"đến/until {area.valid_to:%d/%m/%Y}")
    if area.valid_from:
        ancestors.append(f"từ/from {area.valid_from:%d/%m/%Y}")
    return f"{area.name} ({', '.join(ancestors)})" if ancestors else area.name


class AreaLookupError(ValueError):
    """A written name that does not designate exactly one area."""


class AreaNotFound(AreaLookupError):
    def __init__(self, name: str, *, level: str | None = None, on: dt.date | None = None,
                 within: Area | None = None):
        self.name = name
        conditions_vi, conditions_en = [], []
        if level:
            level_vi, level_en = _LEVEL_LABELS.get(level, (level, level))
            conditions_vi.append(level_vi)
            conditions_en.append(f"{level_en} level")
        if on:
            conditions_vi.append(f"ngày {on:%d/%m/%Y}")
            conditions_en.append(f"on {on:%Y-%m-%d}")
        if within is not None:
            conditions_vi.append(f"thuộc {within.name}")
            conditions_en.append(f"within {within.name}")
        where_vi = f" ({', '.join(conditions_vi)})" if conditions_vi else ""
        where_en = f" ({', '.join(conditions_en)})" if conditions_en else ""
        super().__init__(
            f"Không tìm thấy địa bàn “{name}”{where_vi} / no administrative unit “{name}”{where_en}"
        )


class AmbiguousArea(AreaLookupError):
    def __init__(self, name: str, candidates: Iterable[Area]):
        self.name = name
        self.candidates = list(candidates)
        listed = "; ".join(describe_area(area) for area in self.candidates[:_CANDIDATES_LISTED])
        if len(self.candidates) > _CANDIDATES_LISTED:
            listed += f"; … (+{len(self.candidates) - _CANDIDATES_LISTED})"
        super().__init__(
            f"“{name}” chỉ {len(self.candidates)} địa bàn, hãy nêu rõ cấp, ngày hoặc tỉnh / "
            f"“{name}” matches {len(self.candidates)} administrative units, give the level, date or "
            f"parent: {listed}"
        )


def valid_on(*, on: dt.date) -> Q:
    """Areas in force on a date (an empty bound is open)."""
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=on)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on))


def _levels_to_search(reading: AreaNameReading, level: str | None) -> set[str]:
    wanted = {level} if level else {code for code, _ in Area.LEVEL_CHOICES}
    return wanted & reading.levels if reading.levels else wanted


def _matches(reading: AreaNameReading, *, levels: set[str], on: dt.date, within: Area | None) -> list[Area]:
    areas = Area.objects.filter(valid_on(on=on), search_name=reading.search_name, level__in=levels)
    if within is not None:
        # Communes hang under districts before the reform and under provinces after it.
        areas = areas.filter(Q(parent=within) | Q(parent__parent=within))
    matches = list(areas.select_related("parent__parent").order_by("level", "name", "pk"))
    if len(matches) > 1 and reading.prefix:
        # The written prefix decides between units that share a name and differ in kind: "Thành
        # phố Bắc Ninh" (the city, district level) and "Tỉnh Bắc Ninh"; "xã" or "thị trấn" Yên Viên.
        same_prefix = [area for area in matches if admin_prefix(area.name) == reading.prefix]
        if same_prefix:
            return same_prefix
    return matches


def resolve_area(name: str, *, level: str | None = None, on: dt.date | None = None,
                 within: Area | None = None) -> Area:
    """The one area a report means by ``name`` at ``level`` on ``on`` (today when None).

    ``name`` may carry an administrative prefix or a party committee ("tỉnh Bắc Giang", "Huyện ủy
    Tây Sơn"), lack diacritics, or be NFD; the prefix restricts the level. ``within`` restricts to
    the children and grandchildren of an area (a province or a district) valid on that date.
    Raises AreaNotFound or AmbiguousArea (both AreaLookupError, a ValueError)."""
    on = on or timezone.localdate()
    found: dict[int, Area] = {}
    for reading in read_area_name(name):
        levels = _levels_to_search(reading, level)
        if levels:
            found.update((area.pk, area) for area in _matches(reading, levels=levels, on=on, within=within))
    if not found:
        raise AreaNotFound(name, level=level, on=on, within=within)
    if len(found) > 1:
        raise AmbiguousArea(name, found.values())
    return next(iter(found.values()))


def find_area_by_key(key: str) -> Area:
    """The area with this URL key ("24", "24-2025"); AreaNotFound when there is none."""
    try:
        return Area.objects.select_related("parent").get(key=key)
    except Area.DoesNotExist:
        raise AreaNotFound(key) from None


_LEVEL_RANK = Case(
    When(level=Area.PROVINCE, then=Value(0)), When(level=Area.DISTRICT, then=Value(1)),
    default=Value(2), output_field=IntegerField(),
)


def search_areas(query: str, *, limit: int = 20) -> list[Area]:
    """Areas whose name contains what was typed, for a search box.

    Diacritic- and case-insensitive; a typed prefix ("huyện tây") restricts the level. Provinces
    come first, then districts, then communes; within a level, names starting with the text come
    before names merely containing it, units in force before dissolved ones."""
    readings = read_area_name(query)
    if not readings or limit <= 0:
        return []
    matching = Q()
    starts_with = Q()
    for reading in readings:
        condition = Q(search_name__contains=reading.search_name)
        if reading.levels:
            condition &= Q(level__in=reading.levels)
        matching |= condition
        starts_with |= Q(search_name__startswith=reading.search_name)
    areas: QuerySet[Area] = (
        Area.objects.filter(matching)
        .annotate(
            level_rank=_LEVEL_RANK,
            prefix_rank=Case(When(starts_with, then=Value(0)), default=Value(1), output_field=IntegerField()),
            ended_rank=Case(When(valid_to__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()),
        )
        .select_related("parent")
        .order_by("level_rank", "prefix_rank", "ended_rank", "short_name", "pk")
    )
    return list(areas[:limit])

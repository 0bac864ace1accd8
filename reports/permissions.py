"""Who may write for which province: the one place every view and command that writes asks.

An editor (the Editors group: reports.ingest_document) writes for the provinces granted to them
(ProvinceGrant): their districts and communes, and the provinces that became them (granted the new Bắc
Ninh, an editor also writes for the old Bắc Giang's reports). The national role (reports.edit_all_provinces,
the National editors group) and superusers write for all. Pages ask through Django's has_perm with the
area, a document or an observation (rules' object permissions, the predicates below); lists are cut to
what a user may write with `areas_q`.
"""
from __future__ import annotations

import rules
from django.db.models import Q

from indicators.models import Area
from reports.decoding import ReportRejected
from reports.models import ProvinceGrant

INGEST = "reports.ingest_document"
NATIONAL = "reports.edit_all_provinces"
WRITE_FOR_AREA = "reports.write_for_area"  # rules' object permission: the object is an Area, Document or Observation
_CACHE = "_writable_province_ids"  # on the user object: one request asks once


class NotPermitted(ReportRejected):
    """The user may not write for that province: nothing written; the message says so in both languages."""

    status = 403


def writable_province_ids(user) -> frozenset[int] | None:
    """The ids of the provinces `user` may write for; None: every province (the national role)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser or user.has_perm(NATIONAL):
        return None
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, _with_predecessors(set(ProvinceGrant.objects.filter(user=user).values_list(
            "province_id", flat=True))))
    return getattr(user, _CACHE)


def _with_predecessors(province_ids: set[int]) -> frozenset[int]:
    """The provinces and every province that went, whole or in part, into one of them: one query per
    generation of history for all of them together (two, since 2025)."""
    seen, frontier = set(province_ids), set(province_ids)
    while frontier:
        frontier = set(Area.objects.filter(successor_links__successor__in=frontier, level=Area.PROVINCE)
                       .exclude(pk__in=seen).values_list("pk", flat=True))
        seen |= frontier
    return frozenset(seen)


def province_id_of(area: Area) -> int | None:
    """The id of the province holding `area` (its own for a province): a commune sits under a district or,
    since 2025-07-01, under a province. Reads `area.parent` (select_related it for lists), never further."""
    if area.level == Area.PROVINCE:
        return area.pk
    parent = area.parent
    if parent is None:
        return None
    return parent.pk if parent.level == Area.PROVINCE else parent.parent_id


def _area_of(target) -> Area | None:
    if isinstance(target, Area):
        return target
    return getattr(target, "area", None)


@rules.predicate
def is_editor(user) -> bool:
    return user.is_active and user.has_perm(INGEST)


@rules.predicate
def writes_for(user, target) -> bool:
    """`target` (an Area, or anything with an .area) lies in a province `user` may write for."""
    ids = writable_province_ids(user)
    if ids is None:
        return True
    area = _area_of(target)
    return area is not None and province_id_of(area) in ids


rules.add_perm(WRITE_FOR_AREA, is_editor & writes_for)


def may_write_for(user, target) -> bool:
    return user.has_perm(WRITE_FOR_AREA, target)


def areas_q(user, *, field: str = "area") -> Q:
    """A filter of rows whose `field` (an Area foreign key) lies in the provinces `user` may write for:
    the province itself, its districts, and communes under either."""
    if not is_editor(user):
        return Q(pk__in=[])
    ids = writable_province_ids(user)
    if ids is None:
        return Q()
    return (Q(**{f"{field}_id__in": ids}) | Q(**{f"{field}__parent_id__in": ids})
            | Q(**{f"{field}__parent__parent_id__in": ids}))


def writable_province_names(user) -> list[str]:
    """The provinces granted to `user`, by name (their predecessors come with them unnamed); [] for the
    national role, which is told as such."""
    if writable_province_ids(user) is None:
        return []
    # by search_name (no diacritics): "Bắc Giang" before "Bình Định", as a reader sorts them
    return list(Area.objects.filter(grants__user=user).order_by("search_name", "pk").values_list("short_name", flat=True))

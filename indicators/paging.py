"""Paging that stays fast on ten million rows: counts stop at a cap.

An exact COUNT(*) reads every matching row (most of a second on the national table); past the cap a
reader narrows the filters or downloads the CSV, so the page says "more than N" instead."""
from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 100_000


def count_up_to(queryset, cap: int) -> int:
    """How many rows, counting no further than cap + 1. Neither the ordering nor the selected columns
    change a count; dropping them lets the database stop at the cap reading ids only."""
    return queryset.order_by().values("pk")[:cap + 1].count()


class CappedPaginator(Paginator):
    """A Paginator whose count is exact up to COUNT_CAP and COUNT_CAP beyond (see `count_capped`)."""

    count_cap = COUNT_CAP

    @cached_property
    def _capped_count(self) -> int:
        # django-tables2 pages its BoundRows, whose table data holds the queryset.
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        return count_up_to(queryset, self.count_cap)

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.count_cap)

    @property
    def count_capped(self) -> bool:
        """True when there are more rows than `count` says."""
        return self._capped_count > self.count_cap


def positive_number(value: str | None) -> int | None:
    """A query parameter's positive whole number (a page, a page size); None when absent or anything else."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None

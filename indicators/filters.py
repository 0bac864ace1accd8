"""One FilterSet for observations, shared by the explorer page, its CSV/Excel/JSON twins and
the export_observations command, so all of them mean the same thing by the same URL.

The area may be typed as a key ("24", "24-2025") or as a name ("Bắc Giang", "bac giang", "Tỉnh Bắc
Giang"); the sort is the explorer's, so a download comes in the order the page shows."""
import datetime as dt
import re
from collections.abc import Sequence

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from indicators.gazetteer import (
    REFORM_DATE,
    AmbiguousArea,
    AreaNotFound,
    lineage_areas,
    read_area_name,
    resolve_area,
    search_areas,
)
from indicators.gazetteer.names import admin_prefix
from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation, Term
from indicators.paging import COUNT_CAP, count_up_to
from indicators.selectors.series import TARGET_BREAKDOWN, drawn_observation_ids
from indicators.templatetags.number_format import format_date
from indicators.url_inputs import is_acceptable_text
from reports.models import Document


YES_NO = [("true", "Có / Yes"), ("false", "Không / No")]
ALL = "Tất cả / All"
# What children, lineage and rejected mean when absent; a page's empty choice says it in these words.
YES_NO_DEFAULTS = {"children": "true", "lineage": "false", "rejected": "true"}


def _default_label(name: str) -> str:
    return dict(YES_NO)[YES_NO_DEFAULTS[name]]


# --- The area box: a key or a name ---

# The gazetteer holds two maps, before and after the 2025 rearrangement; a typed name may mean a unit
# of either (reports before 2025 name "Bắc Giang", which the new map no longer has).
GAZETTEER_MAPS = (REFORM_DATE - dt.timedelta(days=1), REFORM_DATE)
LEVEL_RANK = {Area.PROVINCE: 0, Area.DISTRICT: 1, Area.COMMUNE: 2}
AREA_SUGGESTIONS = 8  # names listed in a plain-text message ("Phường 1" alone names dozens of wards)
# A suggestion reads "Tỉnh Bắc Giang (24)": the name a reader knows, the key that makes it one area.
KEY_IN_BRACKETS = re.compile(r"\(\s*([^()\s]+)\s*\)\s*$")


def area_choice_text(area: Area) -> str:
    return f"{area.name} ({area.key})"


def area_validity_text(area: Area) -> str:
    """"đến 30/06/2025", "từ 01/07/2025" or "" for a unit in force throughout."""
    if area.valid_to:
        return _("đến %(date)s") % {"date": format_date(area.valid_to)}
    if area.valid_from:
        return _("từ %(date)s") % {"date": format_date(area.valid_from)}
    return ""


def area_in_words(area: Area) -> str:
    """"Thành phố Bắc Ninh (Tỉnh Bắc Ninh, đến 30/06/2025) → area=256": enough to tell areas apart in plain text."""
    details = [area.parent.name] if area.parent_id and area.parent else []
    details += [text for text in [area_validity_text(area)] if text]
    described = f"{area.name} ({', '.join(details)})" if details else area.name
    return f"{described} → area={area.key}"


def areas_in_words(areas: list[Area]) -> str:
    listed = "; ".join(area_in_words(area) for area in areas[:AREA_SUGGESTIONS])
    return listed + (f"; … (+{len(areas) - AREA_SUGGESTIONS})" if len(areas) > AREA_SUGGESTIONS else "")


def area_by_key(text: str) -> Area | None:
    """The area whose key is the text, or the key in brackets at its end ("Tỉnh Bắc Giang (24)")."""
    keys = [text]
    if bracketed := KEY_IN_BRACKETS.search(text):
        keys.append(bracketed.group(1))
    by_key = {area.key: area for area in Area.objects.select_related("parent").filter(key__in=keys)}
    return next((by_key[key] for key in keys if key in by_key), None)


def areas_named(text: str) -> list[Area]:
    """The areas a typed name can mean, narrowed the way a reader means it: the written prefix
    ("Thành phố Bắc Ninh" is the city, not the province), else the highest level ("Bắc Giang" alone is
    the province, not its city or the new ward), then, among units of both maps, the one with data."""
    found: dict[int, Area] = {}
    for day in GAZETTEER_MAPS:  # resolve_area is the one name lookup; it reads one map at a time
        try:
            area = resolve_area(text, on=day)
            found[area.pk] = area
        except AmbiguousArea as error:
            found.update((candidate.pk, candidate) for candidate in error.candidates)
        except AreaNotFound:
            continue
    candidates = sorted(found.values(), key=lambda area: (LEVEL_RANK.get(area.level, 3), area.name, area.key))
    prefixes = {reading.prefix for reading in read_area_name(text) if reading.prefix}
    same_prefix = [area for area in candidates if admin_prefix(area.name) in prefixes]
    candidates = same_prefix or candidates
    candidates = [area for area in candidates if area.level == candidates[0].level] if candidates else []
    if len(candidates) > 1:
        with_data = set(Observation.objects.filter(area__in=candidates).values_list("area_id", flat=True).distinct())
        if len(with_data) == 1:
            candidates = [area for area in candidates if area.pk in with_data]
    return candidates


def area_from_input(text: str) -> Area:
    """The one area the text names, or a ValidationError that lists the areas it could mean (code
    "ambiguous_area") or the names it resembles ("unknown_area"); params["areas"] holds them for a page."""
    if not is_acceptable_text(text):
        raise ValidationError(_("Tên hoặc mã địa bàn không hợp lệ."), code="invalid")
    area = area_by_key(text)
    if area is not None:
        return area
    candidates = areas_named(text)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        raise ValidationError(
            _("“%(name)s” ứng với %(count)s địa bàn: %(listed)s. Hãy chọn một."), code="ambiguous_area",
            params={"name": text, "count": len(candidates), "areas": candidates,
                    "listed": areas_in_words(candidates)},
        )
    suggestions = search_areas(text, limit=AREA_SUGGESTIONS)
    if suggestions:
        raise ValidationError(
            _("Không tìm thấy địa bàn “%(name)s”. Có phải: %(listed)s?"), code="unknown_area",
            params={"name": text, "areas": suggestions,
                    "listed": areas_in_words(suggestions)},
        )
    raise ValidationError(
        _("Không tìm thấy địa bàn “%(name)s”. Hãy gõ tên tỉnh, huyện, xã (có dấu hoặc không dấu) hoặc mã địa bàn."),
        code="unknown_area", params={"name": text, "areas": []},
    )


class AreaField(forms.Field):
    """A text box that cleans to an Area (see area_from_input); once cleaned it shows the area as
    "Tỉnh Bắc Giang (24)", which reads back as the same area."""

    widget = forms.TextInput

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.area = None

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        self.area = area_from_input(text)
        return self.area

    def prepare_value(self, value):
        if self.area is not None and value in (self.area.key, self.area):
            return area_choice_text(self.area)
        return value


class AreaFilter(django_filters.Filter):
    field_class = AreaField


# --- Sorting: the explorer's columns, shared with its downloads ---

NEWEST_FIRST = "newest"
# A column's sort -> the order it stands for. Every order ends in id, so it is total (a download
# cut in batches never splits or repeats a row), and its keys are never NULL (see SORT_ANNOTATIONS).
SORTS = {
    "period_end": ("period_end", "id"),
    "indicator": ("indicator__name_vi", "id"),
    "area": ("area__short_name", "id"),
    "value": ("value", "id"),
    "status": ("status", "id"),
    "document": ("source_document_order", "source_line_order", "id"),
}
# The explorer's default: the newest results first; goals ("target=yes", often years ahead) after them all.
NEWEST_FIRST_ORDER = ("is_goal", "-period_end", "-id")
# Filters say "goal" with this, not with the is_goal flag: PostgreSQL estimates a LIKE well and a CASE
# not at all (it then plans a million-row sort for a page of results).
GOALS = Q(breakdown__contains=TARGET_BREAKDOWN)
SORT_ANNOTATIONS = {
    "is_goal": lambda: Case(When(GOALS, then=Value(1)), default=Value(0), output_field=IntegerField()),
    "source_document_order": lambda: Coalesce("document__file_name", Value("")),
    "source_line_order": lambda: Coalesce("source_line", Value(0)),
}
SORT_CHOICES = [(NEWEST_FIRST, NEWEST_FIRST)] + [
    (f"{sign}{name}", f"{sign}{name}") for name in SORTS for sign in ("", "-")
]


def sort_order(sort: str) -> tuple[str, ...]:
    """"-value" -> ("-value", "-id"): every key flipped, as django-tables2 flips a column's."""
    if sort == NEWEST_FIRST:
        return NEWEST_FIRST_ORDER
    keys = SORTS[sort.removeprefix("-")]
    if not sort.startswith("-"):
        return keys
    return tuple(key[1:] if key.startswith("-") else f"-{key}" for key in keys)


def sorted_observations(queryset: QuerySet[Observation], sort: str) -> QuerySet[Observation]:
    order = sort_order(sort)
    missing = {key.lstrip("-") for key in order} & SORT_ANNOTATIONS.keys() - queryset.query.annotations.keys()
    return queryset.annotate(**{name: SORT_ANNOTATIONS[name]() for name in sorted(missing)}).order_by(*order)


class NewestFirstRows:
    """A queryset's rows in the explorer's default order, to be paged through (a page of the table, of
    the JSON): the results newest first, read down the (period_end, id) index, then the goals. One
    ORDER BY over the goal flag would sort every matching row for each page (a second a million rows);
    these two reads stop after a page, the second only on the page where the results end."""

    def __init__(self, queryset: QuerySet[Observation], *, values: Sequence[str] = ()):
        self.queryset = queryset.order_by()
        index_order = NEWEST_FIRST_ORDER[1:]
        self.results = queryset.exclude(GOALS).order_by(*index_order)
        self.goals = queryset.filter(GOALS).order_by(*index_order)
        if values:
            self.results, self.goals = self.results.values_list(*values), self.goals.values_list(*values)

    def order_by(self, *fields):
        # What a capped count asks of its rows (indicators.paging.count_up_to): the same rows, unordered.
        return self.queryset.order_by(*fields)

    def __len__(self):
        # Counts stop at the cap, as the pages' do (indicators.paging).
        return min(count_up_to(self.queryset, COUNT_CAP), COUNT_CAP)

    def __iter__(self):
        yield from self.results.iterator()
        yield from self.goals.iterator()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        rows = list(self.results[start:stop])
        if stop is not None and len(rows) == stop - start:
            return rows
        results_before = start + len(rows) if rows or start == 0 else self.results.count()
        goals_from = max(start - results_before, 0)
        goals_to = None if stop is None else goals_from + (stop - start - len(rows))
        return rows + list(self.goals[goals_from:goals_to])


def in_pages(queryset: QuerySet[Observation], *, values: Sequence[str] = ()):
    """The rows to page through in the queryset's order: NewestFirstRows for the explorer's default."""
    if tuple(queryset.query.order_by) == NEWEST_FIRST_ORDER:
        return NewestFirstRows(queryset, values=values)
    return queryset.values_list(*values) if values else queryset


def area_with_descendants_ids(area: Area) -> list[int]:
    """The area and every unit below it (province → districts → communes), in one query."""
    return list(
        Area.objects.filter(Q(pk=area.pk) | Q(parent=area) | Q(parent__parent=area)).values_list("pk", flat=True)
    )


class ObservationFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("series") and not cleaned.get("indicator"):
            # The chart's points are picked in Python: for one indicator's chart, not the national table.
            self.add_error("series", _("series= chỉ dùng cùng indicator= / series= needs indicator="))
        return cleaned


class ObservationFilterSet(django_filters.FilterSet):
    area = AreaFilter(
        method="filter_area", label="Địa bàn / Area",
        help_text="Area key (GSO code) or name (Bắc Giang, bac giang); includes its districts and communes",
        widget=forms.TextInput(attrs={"list": "area-options", "autocomplete": "off"}),
    )
    # How far `area` reaches; a chart's own data link sets both to say exactly what the chart draws.
    children = django_filters.ChoiceFilter(
        choices=YES_NO, method="read_by_filter_area", label="Gồm cấp dưới / Units below",
        empty_label=_default_label("children"),
        help_text="With area: its districts and communes too (true, the default, or false)",
    )
    lineage = django_filters.ChoiceFilter(
        choices=YES_NO, method="read_by_filter_area", label="Gồm đơn vị trước sáp nhập / Predecessors",
        empty_label=_default_label("lineage"),
        help_text="With area: the units merged into it, Bắc Giang for the new Bắc Ninh (true, or false by default)",
    )
    level = django_filters.ChoiceFilter(
        field_name="area__level", choices=Area.LEVEL_CHOICES, label="Cấp / Level", empty_label=ALL,
        help_text="province, district or commune",
    )
    family = django_filters.ChoiceFilter(
        field_name="indicator__family", choices=FAMILY_CHOICES, label="Nhóm / Family", empty_label=ALL,
    )
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label="Chỉ tiêu / Indicator", empty_label=ALL,
    )
    term = django_filters.ModelChoiceFilter(
        queryset=Term.objects.all(), to_field_name="label", method="filter_term", label="Nhiệm kỳ / Term",
        empty_label=ALL,
    )
    date_from = django_filters.DateFilter(
        field_name="period_end", lookup_expr="gte", label="Từ ngày / From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="period_end", lookup_expr="lte", label="Đến ngày / To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = django_filters.ChoiceFilter(choices=Observation.STATUS_CHOICES, label="Trạng thái / Status",
                                         empty_label=ALL)
    rejected = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_rejected", label="Gồm số đã loại / Rejected numbers",
        empty_label=_default_label("rejected"),
        help_text="false: only the numbers the charts draw (true, the default, or false)",
    )
    # A document's full text is never needed to filter by it.
    document = django_filters.ModelChoiceFilter(queryset=Document.objects.defer("text"), label="Tài liệu / Document",
                                                empty_label=ALL)
    # After every filter that narrows: it picks, among the rows left, those a chart draws.
    series = django_filters.ChoiceFilter(
        choices=[("drawn", "Số liệu biểu đồ vẽ / What a chart draws"),
                 ("totals", "Tổng số biểu đồ vẽ / The totals a chart draws")], method="filter_series",
        label="Chuỗi / Series", widget=forms.HiddenInput,
        help_text="drawn: exactly the points an area's chart draws (totals and goals, one per date and value, "
                  "uncontested where sources disagree), not the breakdowns listed under it; totals: the same "
                  "without goals, as an indicator's chart across areas draws. With an indicator only",
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_sort", label="Sắp xếp / Sort", widget=forms.HiddenInput,
        help_text="newest (the explorer's: newest first, goals last) or a column, '-' before it for descending: "
                  + ", ".join(SORTS) + "; without it, exports run by period end",
    )

    class Meta:
        model = Observation
        form = ObservationFilterForm
        fields = ["area", "children", "lineage", "level", "family", "indicator", "term", "date_from", "date_to",
                  "status", "rejected", "document", "series", "sort"]

    def filter_area(self, queryset, name, area):
        options = self.form.cleaned_data
        roots = lineage_areas(area) if options.get("lineage") == "true" else [area]
        if options.get("children") == "false":
            return queryset.filter(area_id__in=[root.pk for root in roots])
        return queryset.filter(area_id__in=[pk for root in roots for pk in area_with_descendants_ids(root)])

    def read_by_filter_area(self, queryset, name, value):
        return queryset

    def filter_rejected(self, queryset, name, value):
        return queryset.exclude(status=Observation.REJECTED) if value == "false" else queryset

    def filter_series(self, queryset, name, value):
        if not value:
            return queryset
        # Read in Python (distinct_points), so only for one indicator's chart, never the whole table.
        return queryset.filter(id__in=drawn_observation_ids(queryset, with_goals=value == "drawn"))

    def filter_term(self, queryset, name, term):
        # An observation belongs to the term in which its period ends (when the number was true).
        return queryset.filter(period_end__gte=term.start, period_end__lte=term.end)

    def filter_sort(self, queryset, name, sort):
        return sorted_observations(queryset, sort)


def filter_errors_text(filterset: ObservationFilterSet) -> str:
    """The filter errors as one sentence naming each bad parameter and value."""
    parts = []
    for field, errors in filterset.errors.items():
        value = filterset.data.get(field, "")
        parts.append(f"{field}={value!r}: {' '.join(errors)}")
    return "; ".join(parts)

"""One FilterSet for observations, shared by the explorer page, its CSV/Excel/JSON twins and
the export_observations command, so all of them mean the same thing by the same URL."""
import django_filters
from django import forms
from django.db.models import Q

from indicators.gazetteer import lineage_areas
from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation, Term
from reports.models import Document


YES_NO = [("true", "Có / Yes"), ("false", "Không / No")]


def area_with_descendants_ids(area: Area) -> list[int]:
    """The area and every unit below it (province → districts → communes), in one query."""
    return list(
        Area.objects.filter(Q(pk=area.pk) | Q(parent=area) | Q(parent__parent=area)).values_list("pk", flat=True)
    )


class ObservationFilterSet(django_filters.FilterSet):
    area = django_filters.ModelChoiceFilter(
        queryset=Area.objects.all(), to_field_name="key", method="filter_area",
        label="Địa bàn / Area", help_text="Area key (GSO code); includes its districts and communes",
    )
    # How far `area` reaches; a chart's own data link sets both to say exactly what the chart draws.
    children = django_filters.ChoiceFilter(
        choices=YES_NO, method="read_by_filter_area", label="Gồm cấp dưới / Units below",
        help_text="With area: its districts and communes too (true, the default, or false)",
    )
    lineage = django_filters.ChoiceFilter(
        choices=YES_NO, method="read_by_filter_area", label="Gồm đơn vị trước sáp nhập / Predecessors",
        help_text="With area: the units merged into it, Bắc Giang for the new Bắc Ninh (true, or false by default)",
    )
    level = django_filters.ChoiceFilter(
        field_name="area__level", choices=Area.LEVEL_CHOICES, label="Cấp / Level",
        help_text="province, district or commune",
    )
    family = django_filters.ChoiceFilter(
        field_name="indicator__family", choices=FAMILY_CHOICES, label="Nhóm / Family"
    )
    indicator = django_filters.ModelChoiceFilter(
        queryset=Indicator.objects.all(), to_field_name="code", label="Chỉ tiêu / Indicator"
    )
    term = django_filters.ModelChoiceFilter(
        queryset=Term.objects.all(), to_field_name="label", method="filter_term", label="Nhiệm kỳ / Term"
    )
    date_from = django_filters.DateFilter(
        field_name="period_end", lookup_expr="gte", label="Từ ngày / From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="period_end", lookup_expr="lte", label="Đến ngày / To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    status = django_filters.ChoiceFilter(choices=Observation.STATUS_CHOICES, label="Trạng thái / Status")
    rejected = django_filters.ChoiceFilter(
        choices=YES_NO, method="filter_rejected", label="Gồm số đã loại / Rejected numbers",
        help_text="false: only the numbers the charts draw (true, the default, or false)",
    )
    document = django_filters.ModelChoiceFilter(queryset=Document.objects.all(), label="Tài liệu / Document")

    class Meta:
        model = Observation
        fields = ["area", "children", "lineage", "level", "family", "indicator", "term", "date_from", "date_to",
                  "status", "rejected", "document"]

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

    def filter_term(self, queryset, name, term):
        # An observation belongs to the term in which its period ends (when the number was true).
        return queryset.filter(period_end__gte=term.start, period_end__lte=term.end)


def filter_errors_text(filterset: ObservationFilterSet) -> str:
    """The filter errors as one sentence naming each bad parameter and value."""
    parts = []
    for field, errors in filterset.errors.items():
        value = filterset.data.get(field, "")
        parts.append(f"{field}={value!r}: {' '.join(errors)}")
    return "; ".join(parts)

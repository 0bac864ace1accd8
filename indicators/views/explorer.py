from django import forms
from django.db.models import Exists, OuterRef
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from indicators.filters import ObservationFilterSet, filter_errors_text
from indicators.models import Area, Observation
from indicators.paging import CappedPaginator
from indicators.tables import ObservationTable
from indicators.templatetags.labels import pick_language

PER_PAGE = 50


def explorer_observations():
    # The document's full text is never needed for a table row.
    return Observation.objects.select_related("indicator", "area", "document").defer("document__text")


def with_light_widgets(filterset: ObservationFilterSet) -> ObservationFilterSet:
    """Area and document as typed keys instead of <select>s: a select would list every commune
    (ten thousand options) and load every document's text just to print its title."""
    fields = filterset.form.fields
    fields["area"].widget = forms.TextInput(attrs={"list": "area-options", "placeholder": _("mã hoặc chọn tên")})
    fields["document"].widget = forms.NumberInput(attrs={"min": 1, "placeholder": _("số hiệu tài liệu")})
    for name in ("family", "status", "level", "children", "lineage", "rejected"):  # "Đảng viên / Party members": one half
        fields[name].choices = [(value, pick_language(str(label))) for value, label in fields[name].choices]
    return filterset


def area_options() -> list[tuple[str, str]]:
    """The provinces and districts that have data, for the area field's suggestions; any other key
    (a commune's) is still accepted, but ten thousand communes would make the page heavy."""
    has_data = Exists(Observation.objects.filter(area_id=OuterRef("pk")))
    return list(Area.objects.filter(has_data, level__in=[Area.PROVINCE, Area.DISTRICT])
                .order_by("level", "short_name").values_list("key", "name"))


def observation_explorer(request):
    """Every observation, filtered by the query string; the same filters drive the exports."""
    filterset = with_light_widgets(ObservationFilterSet(request.GET, queryset=explorer_observations()))
    valid = filterset.is_valid()
    table = ObservationTable(filterset.qs if valid else Observation.objects.none())
    RequestConfig(request, paginate={"per_page": PER_PAGE, "paginator_class": CappedPaginator}).configure(table)
    filter_query = request.GET.copy()
    for paging in ("page", "sort"):
        filter_query.pop(paging, None)
    return render(request, "indicators/observation_explorer.html", {
        "filterset": filterset,
        "table": table,
        "area_options": area_options(),
        "filter_query": filter_query.urlencode(),
        "errors_text": "" if valid else filter_errors_text(filterset),
    }, status=200 if valid else 400)

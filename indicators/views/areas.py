from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.gazetteer import lineage_areas, search_areas
from indicators.selectors.areas import area_by_key, area_children_with_data
from indicators.selectors.series import ReportTable, area_series, sections_by_family
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.views.charts_context import chart_views

SUGGESTION_LIMIT = 8


def area_not_found(request, *, key: str):
    """404 that helps: areas whose name looks like what was typed, a search box, the way home."""
    suggestions = search_areas(key, limit=SUGGESTION_LIMIT) if key.strip() else []
    return render(request, "indicators/area_not_found.html", {"key": key, "suggestions": suggestions}, status=404)


def report_table_links(tables: list[ReportTable], *, area_key: str) -> list[dict]:
    """Indicators made for one report's table, each linked to its rows: a leader reads the
    charts, an analyst digs in here."""
    explorer, csv_url = reverse("indicators:observations"), reverse("indicators:observations_csv")
    links = []
    for table in tables:
        query = urlencode({"area": area_key, "indicator": table.indicator["code"]})
        links.append({"name": indicator_name(name_vi=table.indicator["name_vi"], name_en=table.indicator["name_en"]),
                      "count": table.count, "explorer_url": f"{explorer}?{query}", "data_url": f"{csv_url}?{query}"})
    return links


def area_detail(request, key: str):
    """An area's indicators by family, its predecessors' series, per-term changes, its districts."""
    area = area_by_key(key=key)
    if area is None:
        return area_not_found(request, key=key)
    predecessors = [a for a in lineage_areas(area) if a.pk != area.pk]
    area_ids = [area.pk, *(a.pk for a in predecessors)]
    area_names = {area.pk: area.short_name}
    for predecessor in predecessors:
        area_names[predecessor.pk] = predecessor.short_name
    found = area_series(area_ids=area_ids)
    views = chart_views(found.charts, terms=found.terms, area_names=area_names, own_area_id=area.pk,
                        data_filters={"area": area.key, "children": "false", "lineage": "true"})
    views_by_code = {view.chart.code: view for view in views}
    sections = [
        {"family": section.family, "label": pick_language(section.label),
         "charts": [views_by_code[chart.code] for chart in section.charts]}
        for section in sections_by_family(found.charts)
    ]
    return render(request, "indicators/area_detail.html", {
        "area": area,
        "predecessors": predecessors,
        "sections": sections,
        "report_tables": report_table_links(found.report_tables, area_key=area.key),
        "children": area_children_with_data(area=area),
        "title": area.name,
        "empty_message": _("Chưa có số liệu cho địa bàn này."),
    })

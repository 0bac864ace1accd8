from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.gazetteer import lineage_areas, search_areas
from indicators.selectors.areas import area_by_key, area_children_with_data
from indicators.models import FAMILY_CHOICES
from indicators.selectors.series import ReportTable, area_series
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.views.charts_context import chart_views
from indicators.views.responses import bad_request

SUGGESTION_LIMIT = 8
FAMILY_CODES = {code for code, _ in FAMILY_CHOICES}


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
    """An area's indicators by family, its predecessors' series, per-term changes, its districts.

    One family's charts come with the page (`?family=`, else the first with data); the other
    sections list their indicators and load their charts from `area_family` when scrolled to."""
    area = area_by_key(key=key)
    if area is None:
        return area_not_found(request, key=key)
    family = request.GET.get("family") or None
    if family is not None and family not in FAMILY_CODES:
        return bad_request(f"family={family!r}: " + _("không có nhóm chỉ tiêu này") + " / no such family")
    series = _area_series_context(area, family=family)
    return render(request, "indicators/area_detail.html", {
        **series,
        "area": area,
        "report_tables": report_table_links(series["found"].report_tables, area_key=area.key),
        "children": area_children_with_data(area=area),
        "title": area.name,
        "empty_message": _("Chưa có số liệu cho địa bàn này."),
    })


def area_family(request, key: str, family: str):
    """The charts of one family of an area: what the area page fetches when its section comes into view."""
    area = area_by_key(key=key)
    if area is None or family not in FAMILY_CODES:
        raise Http404(_("Không có địa bàn hoặc nhóm chỉ tiêu này / no such area or family"))
    series = _area_series_context(area, family=family)
    section = next((s for s in series["sections"] if s["family"] == family and s["charts"] is not None), None)
    if section is None:
        raise Http404(_("Địa bàn này chưa có số liệu của nhóm này / no data of this family here"))
    return render(request, "indicators/_family_charts.html", {"section": section})


def _area_series_context(area, *, family: str | None) -> dict:
    predecessors = [a for a in lineage_areas(area) if a.pk != area.pk]
    area_ids = [area.pk, *(a.pk for a in predecessors)]
    area_names = {area.pk: area.short_name}
    for predecessor in predecessors:
        area_names[predecessor.pk] = predecessor.short_name
    found = area_series(area_ids=area_ids, family=family)
    sections = []
    for section in found.sections:
        views = None
        if section.charts is not None:
            views = chart_views(section.charts, terms=found.terms, area_names=area_names, own_area_id=area.pk,
                                data_filters={"area": area.key, "children": "false", "lineage": "true", "rejected": "false"},
                                prefix=f"chart-{section.family}")
        sections.append({
            "family": section.family, "label": pick_language(section.label), "charts": views,
            "indicator_names": [indicator_name(name_vi=i["name_vi"], name_en=i["name_en"]) for i in section.indicators],
            "page_url": f"?{urlencode({'family': section.family})}#family-{section.family}",
            "fragment_url": reverse("indicators:area_family", args=[area.key, section.family]),
        })
    return {"predecessors": predecessors, "sections": sections, "found": found}

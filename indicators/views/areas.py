from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from indicators.charts import SourceLinks
from indicators.gazetteer import lineage_areas, search_areas, successors
from indicators.models import FAMILY_CHOICES, Observation
from indicators.selectors.areas import area_by_key, area_children_with_data
from indicators.selectors.report_tables import ReportTable, report_tables
from indicators.selectors.overview import overviews
from indicators.selectors.points import numbers_shown
from indicators.selectors.series import all_terms, area_series
from indicators.templatetags.labels import indicator_name, is_english, pick_language
from indicators.views.charts_context import chart_views
from indicators.views.overview_context import overview_cards
from indicators.views.responses import bad_request
from reports.bilingual import marked_html
from reports.extraction.metadata import clean_title

SUGGESTION_LIMIT = 8
FAMILY_CODES = {code for code, _ in FAMILY_CHOICES}


def area_not_found(request, *, key: str):
    """404 that helps: areas whose name looks like what was typed, a search box, the way home."""
    suggestions = search_areas(key, limit=SUGGESTION_LIMIT) if key.strip() else []
    return render(request, "indicators/area_not_found.html", {"key": key, "suggestions": suggestions}, status=404)


def report_table_groups(tables: list[ReportTable], *, area_filters: dict[str, str]) -> list[dict]:
    """The report tables an area's numbers come from, one entry per table, grouped by document:
    each opens the table in its report, or its rows in the explorer."""
    explorer, csv_url = reverse("indicators:observations"), reverse("indicators:observations_csv")
    groups: dict[int, dict] = {}
    for table in tables:
        document_url = reverse("indicators:document", args=[table.document_id])
        group = groups.setdefault(table.document_id, {
            "title": clean_title(table.document_title), "url": document_url, "tables": [],
            # The rows counted: the area's own (and its predecessors'), not its districts'.
            "explorer_url": f"{explorer}?{urlencode({**area_filters, 'children': 'false', 'document': table.document_id})}",
            "data_url": f"{csv_url}?{urlencode({**area_filters, 'children': 'false', 'document': table.document_id})}",
        })
        group["tables"].append({"name": table.table, "count": table.count,
                                "url": f"{document_url}#L{table.first_line}" if table.first_line else document_url})
    return list(groups.values())


def names_html(names: list[str]):
    """Indicator names joined by " · ", their Vietnamese words marked on an English page."""
    mark = marked_html if is_english() else conditional_escape
    return mark_safe(" · ".join(str(mark(name)) for name in names))  # Safe: each name escaped by mark()


def area_filters(area, predecessors) -> dict[str, str]:
    """What every link of the page carries: a merged area's links read its predecessors too, so
    they return the rows its charts draw."""
    return {"area": area.key, "lineage": "true"} if predecessors else {"area": area.key}


def area_detail(request, key: str):
    """An area's overview, then its indicators by family (its predecessors' series too), its report
    tables and its districts.

    The families are folded: each lists its indicators and loads its charts from `area_family` when
    the reader opens it; `?family=` opens one with its charts (the page without JavaScript)."""
    area = area_by_key(key=key)
    if area is None:
        return area_not_found(request, key=key)
    family = request.GET.get("family") or None
    if family is not None and family not in FAMILY_CODES:
        return bad_request(f"family={family!r}: " + _("không có nhóm chỉ tiêu này") + " / no such family")
    verified_only = _verified_only(request)
    with numbers_shown(verified_only=verified_only):
        series = _area_series_context(area, family=family, verified_only=verified_only)
        predecessors = series["predecessors"]
        filters = area_filters(area, predecessors) | _shown_filter(verified_only)
        cards = overviews([area], terms=series["found"].terms, predecessors={area.pk: predecessors})[area.pk]
        tables = report_tables(area_ids=series["area_ids"])
        children = area_children_with_data(area=area)
    query = urlencode(filters)
    return render(request, "indicators/area_detail.html", {
        "verified_only": verified_only,
        **series,
        "area": area,
        "overview": overview_cards(cards, links=series["links"]),
        "successors": successors(area) if area.valid_to else [],
        "report_table_groups": report_table_groups(tables, area_filters=filters),
        "children": children,
        "title": area.name,
        "query": query,
        "open_family": family,
        "empty_message": _("Chưa có số liệu cho địa bàn này."),
    })


def area_family(request, key: str, family: str):
    """The charts of one family of an area: what the area page fetches when the reader opens it."""
    area = area_by_key(key=key)
    if area is None or family not in FAMILY_CODES:
        raise Http404(_("Không có địa bàn hoặc nhóm chỉ tiêu này / no such area or family"))
    verified_only = _verified_only(request)
    with numbers_shown(verified_only=verified_only):
        series = _area_series_context(area, family=family, verified_only=verified_only)
    section = next((s for s in series["sections"] if s["family"] == family and s["charts"] is not None), None)
    if section is None:
        raise Http404(_("Địa bàn này chưa có số liệu của nhóm này / no data of this family here"))
    return render(request, "indicators/_family_charts.html", {"section": section})


def _verified_only(request) -> bool:
    """?verified=1: the page shows verified numbers only (indicators.selectors.points.numbers_shown)."""
    return request.GET.get("verified") == "1"


def _shown_filter(verified_only: bool) -> dict:
    """The export filter of what the page shows, so its data links export exactly that."""
    return {"status": Observation.VERIFIED} if verified_only else {}


def _area_series_context(area, *, family: str | None, verified_only: bool = False) -> dict:
    predecessors = [a for a in lineage_areas(area) if a.pk != area.pk]
    area_ids = [area.pk, *(a.pk for a in predecessors)]
    area_names = {area.pk: area.short_name}
    for predecessor in predecessors:
        area_names[predecessor.pk] = predecessor.short_name
    found = area_series(area_ids=area_ids, family=family)
    links = SourceLinks()
    # The congresses and elections are marked on charts: read only when a family's charts are drawn.
    terms_for_marks = all_terms() if any(s.charts is not None for s in found.sections) else []
    shown = {"verified": "1"} if verified_only else {}
    sections = []
    for section in found.sections:
        views = None
        if section.charts is not None:
            views = chart_views(section.charts, terms=found.terms, area_names=area_names, own_area_id=area.pk,
                                data_filters={"area": area.key, "children": "false", "lineage": "true",
                                              "rejected": "false", **_shown_filter(verified_only)},
                                prefix=f"chart-{section.family}", all_terms=terms_for_marks, links=links)
        sections.append({
            "family": section.family, "label": pick_language(section.label), "charts": views,
            "indicator_names": [indicator_name(name_vi=i["name_vi"], name_en=i["name_en"]) for i in section.indicators],
            "indicator_names_html": names_html([indicator_name(name_vi=i["name_vi"], name_en=i["name_en"])
                                                for i in section.indicators]),
            "page_url": f"?{urlencode({'family': section.family, **shown})}#family-{section.family}",
            "fragment_url": reverse("indicators:area_family", args=[area.key, section.family])
                            + (f"?{urlencode(shown)}" if shown else ""),
        })
    return {"predecessors": predecessors, "sections": sections, "found": found, "links": links, "area_ids": area_ids}

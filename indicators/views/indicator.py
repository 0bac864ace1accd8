from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from indicators.models import Area, Indicator
from indicators.selectors.areas import areas_by_id
from indicators.selectors.series import all_terms, indicator_across_areas, latest_by_area
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.templatetags.number_format import qualifier_stays_vietnamese
from indicators.views.charts_context import chart_views
from indicators.views.responses import bad_request
from reports.bilingual import is_english, is_vietnamese, text_html

RANKING_MAX = 100
LEVELS = dict(Area.LEVEL_CHOICES)
RATE_UNITS = {"percent", "ratio"}


def described_by_kind(indicator: Indicator) -> str:
    """What the indicator is, from its kind, unit and family, in the reader's language: the
    catalogue's descriptions are written in English only."""
    values = {"family": pick_language(indicator.get_family_display()), "unit": pick_language(indicator.get_unit_display())}
    stock = indicator.kind == Indicator.STOCK
    if indicator.unit in RATE_UNITS:
        sentence = (_("Chỉ tiêu thời điểm, nhóm “%(family)s”: một tỷ lệ tại một ngày (%(unit)s).") if stock
                    else _("Chỉ tiêu thời kỳ, nhóm “%(family)s”: một tỷ lệ trong một khoảng thời gian (%(unit)s)."))
    elif indicator.unit == "other":
        sentence = (_("Chỉ tiêu thời điểm, nhóm “%(family)s”: giá trị tại một ngày.") if stock
                    else _("Chỉ tiêu thời kỳ, nhóm “%(family)s”: giá trị trong một khoảng thời gian."))
    else:
        sentence = (_("Chỉ tiêu thời điểm, nhóm “%(family)s”: số %(unit)s tại một ngày.") if stock
                    else _("Chỉ tiêu thời kỳ, nhóm “%(family)s”: số %(unit)s trong một khoảng thời gian."))
    return sentence % values


def indicator_description(indicator: Indicator):
    """The catalogue's description when it is written in the reader's language (its Vietnamese terms
    marked lang="vi" in English), else a sentence built from the indicator's kind, unit and family."""
    description = (indicator.description or "").strip()
    written_in_vietnamese = is_vietnamese(description)
    if description and written_in_vietnamese != is_english():
        return text_html(description)
    return described_by_kind(indicator)


def indicator_detail(request, code: str):
    """One indicator across the areas of a level (provinces unless `?level=`): a line per area
    when they fit one chart, and the latest values ranked."""
    indicator = get_object_or_404(Indicator, code=code)
    level = request.GET.get("level") or Area.PROVINCE
    if level not in LEVELS:
        return bad_request(f"level={level!r}: " + _("cấp không hợp lệ") + f" / expected one of {', '.join(LEVELS)}")
    chart, terms = indicator_across_areas(indicator=indicator, level=level)
    areas = areas_by_id(ids=[s.area_id for s in chart.series]) if chart else {}
    area_names = {pk: area.short_name for pk, area in areas.items()}
    # The chart's data link: exactly what it draws, the areas of this level without rejected numbers.
    views = chart_views([chart], terms=terms, area_names=area_names, own_area_id=None,
                        data_filters={"level": level, "rejected": "false", "series": "totals"},
                        all_terms=all_terms()) if chart else []
    ranking, area_count = latest_by_area(indicator=indicator, level=level, limit=RANKING_MAX)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator,
        "name": indicator_name(name_vi=indicator.name_vi, name_en=indicator.name_en),
        # A report-specific indicator has no English name: its Vietnamese one is marked as such.
        "name_is_vietnamese": not (is_english() and indicator.name_en),
        "description": indicator_description(indicator),
        "chart": views[0] if views else None,
        "too_many_lines": chart is None and area_count > 0,  # areas with data, more than one chart holds
        # (area, point, whether the point's qualifier stays in Vietnamese words: marked lang="vi")
        "ranking": [(area, point, qualifier_stays_vietnamese(point.qualifier)) for area, point in ranking],
        "area_count": area_count,
        "more_areas": max(area_count - len(ranking), 0),
        "level": level,
        "levels": [(code, pick_language(label)) for code, label in Area.LEVEL_CHOICES],
    })

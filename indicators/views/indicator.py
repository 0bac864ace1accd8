from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from indicators.models import Area, Indicator
from indicators.selectors.areas import areas_by_id
from indicators.selectors.series import indicator_across_areas, latest_by_area
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.views.charts_context import chart_views
from indicators.views.responses import bad_request

RANKING_MAX = 100
LEVELS = dict(Area.LEVEL_CHOICES)


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
                        data_filters={"level": level, "rejected": "false"}) if chart else []
    ranking, area_count = latest_by_area(indicator=indicator, level=level, limit=RANKING_MAX)
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator,
        "name": indicator_name(name_vi=indicator.name_vi, name_en=indicator.name_en),
        "chart": views[0] if views else None,
        "too_many_lines": chart is None and area_count > 0,  # areas with data, more than one chart holds
        "ranking": ranking,
        "area_count": area_count,
        "more_areas": max(area_count - len(ranking), 0),
        "level": level,
        "levels": [(code, pick_language(label)) for code, label in Area.LEVEL_CHOICES],
    })

from django.shortcuts import get_object_or_404, render

from indicators.models import Indicator
from indicators.selectors.areas import areas_by_id, ranked_latest
from indicators.selectors.series import indicator_across_areas
from indicators.templatetags.labels import indicator_name
from indicators.views.charts_context import chart_views


def indicator_detail(request, code: str):
    """One indicator in every area that reports it: a line per area and the latest values ranked."""
    indicator = get_object_or_404(Indicator, code=code)
    chart, terms = indicator_across_areas(indicator=indicator)
    areas = areas_by_id(ids=[s.area_id for s in chart.series]) if chart else {}
    area_names = {pk: area.short_name for pk, area in areas.items()}
    views = chart_views([chart], terms=terms, area_names=area_names, own_area_id=None, data_filters={}) if chart else []
    return render(request, "indicators/indicator_detail.html", {
        "indicator": indicator,
        "name": indicator_name(name_vi=indicator.name_vi, name_en=indicator.name_en),
        "chart": views[0] if views else None,
        "ranking": ranked_latest(charts_series=chart.series, areas=areas) if chart else [],
    })

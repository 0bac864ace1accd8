from django.shortcuts import render

from indicators.gazetteer import search_areas
from indicators.selectors.areas import areas_with_data

SEARCH_LIMIT = 20


def home(request):
    """The provinces and districts that have data, with headline numbers, and an area search."""
    query = request.GET.get("q", "").strip()
    results = search_areas(query, limit=SEARCH_LIMIT) if query else []
    summaries = areas_with_data()
    return render(request, "indicators/home.html", {
        "query": query,
        "results": results,
        "provinces": [s for s in summaries if s.area.level == s.area.PROVINCE],
        "districts": [s for s in summaries if s.area.level != s.area.PROVINCE],
    })

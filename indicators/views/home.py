from django.shortcuts import render

from indicators.gazetteer import search_areas
from indicators.selectors.areas import areas_with_data

SEARCH_LIMIT = 20


def home(request):
    """The provinces and districts that have data, with headline numbers, and an area search."""
    query = request.GET.get("q", "").strip()
    results = search_areas(query, limit=SEARCH_LIMIT) if query else []
    summaries = areas_with_data()
    districts = [s for s in summaries if s.area.level != s.area.PROVINCE]
    # Many districts (the whole country's) are listed by province as links, not as cards.
    listed_by_province = districts and all(s.observation_count is None for s in districts)
    return render(request, "indicators/home.html", {
        "query": query,
        "results": results,
        "provinces": [s for s in summaries if s.area.level == s.area.PROVINCE],
        "districts": [] if listed_by_province else districts,
        "district_groups": district_groups(districts) if listed_by_province else [],
    })


def district_groups(districts) -> list[tuple]:
    groups: dict[int, tuple] = {}
    for summary in districts:
        province = summary.area.parent
        groups.setdefault(province.pk, (province, []))[1].append(summary.area)
    return sorted(groups.values(), key=lambda group: group[0].short_name)

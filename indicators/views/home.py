from django.shortcuts import render
from django.utils.translation import gettext as _

from indicators.charts import SourceLinks
from indicators.gazetteer import search_areas
from indicators.selectors.areas import home_summary
from indicators.url_inputs import TEXT_MAX_LENGTH, is_acceptable_text
from indicators.views.overview_context import overview_cards
from indicators.views.responses import bad_request

SEARCH_LIMIT = 20
# On a province's card: members, organisations, staff reduced, communes (the public bodies stay on its page).
HOME_ITEMS = ("party_members", "party_organizations", "staff_reduced", "admin_units")


def home(request):
    """The provinces in force with their headline figures (their predecessors' before 01/07/2025),
    the former provinces and districts with data, and an area search."""
    query = request.GET.get("q", "").strip()
    if not is_acceptable_text(query):
        return bad_request(_("Từ tìm kiếm quá dài hoặc có ký tự không hợp lệ: tối đa %(limit)s ký tự.")
                           % {"limit": TEXT_MAX_LENGTH})
    results = search_areas(query, limit=SEARCH_LIMIT) if query else []
    summary = home_summary()
    links = SourceLinks()

    def headlines(province):
        return [card for card in overview_cards(province.cards, links=links) if card["key"] in HOME_ITEMS]

    return render(request, "indicators/home.html", {
        "query": query,
        "results": results,
        "provinces": [{"area": p.area, "predecessors": p.predecessors, "headlines": headlines(p)}
                      for p in summary.current],
        "provinces_without_data": summary.current_without_data,
        "legacy": [{"area": p.area, "successors": p.successors} for p in summary.legacy],
        "districts": summary.districts,
    })

"""The overview cards as a page prints them: every figure formatted in the reader's language,
with the words saying what it is, when, what changed and where it was read."""
from __future__ import annotations

from django.utils.translation import gettext as _

from indicators.charts import SourceLinks
from indicators.models import UNIT_CHOICES
from indicators.selectors.overview import Figure, OverviewCard
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.templatetags.number_format import (
    format_change, format_date, format_percent, format_period, format_stated_value, format_value,
)

UNIT_WORDS = dict(UNIT_CHOICES)


def item_titles() -> dict[str, str]:
    return {
        "party_members": _("Đảng viên"),
        "party_organizations": _("Tổ chức cơ sở đảng"),
        "staff_reduced": _("Tinh giản biên chế"),
        "admin_units": _("Đơn vị hành chính cấp xã"),
        "public_bodies": _("Đơn vị sự nghiệp công lập"),
    }


def figure_lines(figure: Figure, *, unit: str, links: SourceLinks, show_area: bool) -> dict:
    """What one figure says, as texts and links."""
    row = figure.term_row
    latest = figure.latest
    lines = {
        "area": (_("%(area)s (trước sáp nhập)") % {"area": figure.area.short_name}) if figure.is_predecessor
        else (figure.area.short_name if show_area else ""),
        "area_key": figure.area.key,
        "unit": pick_language(UNIT_WORDS.get(unit, "")) if unit not in ("percent", "other") else "",
        "sparkline": figure.sparkline, "sparkbars": figure.sparkbars, "notes": [],
    }
    if figure.is_flow:
        if row is not None:
            lines["value"] = format_value(row.change, unit=unit)
            lines["url"] = links.url(row.flows[-1])
            lines["when"] = (_("%(periods)s · nhiệm kỳ %(term)s")
                             % {"periods": ", ".join(format_period(p.period_start, p.period_end) for p in row.flows),
                                "term": row.term_label})
            lines["source"] = links.text(row.flows[-1])
            if len(row.flows) > 1:
                lines["notes"].append(_("cộng %(count)s kỳ không chồng nhau") % {"count": len(row.flows)})
        else:
            lines["value"] = format_stated_value(latest.value, unit, latest.qualifier)
            lines["url"] = links.url(latest)
            lines["when"] = format_period(latest.period_start, latest.period_end)
            lines["source"] = links.text(latest)
        if figure.share is not None:
            lines["notes"].append(_("%(share)s biên chế (%(period)s)") % {
                "share": format_percent(figure.share.value),
                "period": format_period(figure.share.period_start, figure.share.period_end)})
        return lines
    lines["value"] = format_stated_value(latest.value, unit, latest.qualifier)
    lines["url"] = links.url(latest)
    lines["when"] = format_date(latest.period_end)
    if latest.in_conflict:
        lines["notes"].append(_("nguồn khác ghi số khác: xem trang chất lượng"))
    lines["source"] = links.text(latest)
    if row is not None and row.change is not None:
        change = format_change(row.change, unit=unit)
        if row.percent_change is not None and unit != "percent":
            sign = "+" if row.percent_change > 0 else ""
            change += f" ({sign}{format_percent(row.percent_change)})"
        lines["change"] = change
        lines["change_from"] = _("so với %(date)s · nhiệm kỳ %(term)s") % {
            "date": format_date(row.start.period_end), "term": row.term_label}
        lines["change_from_url"] = links.url(row.start)
    elif row is not None and row.needs_review:
        lines["notes"].append(_("thay đổi trong nhiệm kỳ cần rà soát"))
    if figure.stated_reduction is not None:
        reduction = figure.stated_reduction
        lines["stated"] = _("Báo cáo nêu: giảm %(value)s (%(period)s)") % {
            "value": format_stated_value(reduction.value, unit, reduction.qualifier),
            "period": format_period(reduction.period_start, reduction.period_end)}
        lines["stated_url"] = links.url(reduction)
    return lines


def unit_count_lines(card: OverviewCard) -> dict | None:
    counts = card.unit_counts
    if counts is None or not (counts.before or counts.after):
        return None
    return {
        "before": format_value(counts.before) if counts.before else "",
        "after": format_value(counts.after) if counts.after else "",
        "after_area": counts.after_area,
        "before_label": _("Trước 01/07/2025"), "after_label": _("Từ 01/07/2025"),
        "source": _("theo danh mục đơn vị hành chính"),
    }


def overview_cards(cards: list[OverviewCard], *, links: SourceLinks | None = None) -> list[dict]:
    """Each card with its title, indicator link and formatted figures; cards with nothing to say are left out."""
    links = links or SourceLinks()
    titles = item_titles()
    printed = []
    for card in cards:
        if not card.has_data:
            continue
        unit = card.indicator["unit"] if card.indicator else ""
        show_area = len(card.figures) > 1
        printed.append({
            "key": card.item.key,
            "title": titles[card.item.key],
            "indicator_code": card.item.code,
            "indicator_name": indicator_name(name_vi=card.indicator["name_vi"], name_en=card.indicator["name_en"])
            if card.indicator else "",
            "figures": [figure_lines(f, unit=unit, links=links, show_area=show_area) for f in card.figures],
            "units": unit_count_lines(card),
        })
    return printed

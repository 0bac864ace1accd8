"""What a page hands the chart template for each indicator: the figure, its accessible table,
its per-term rows, its sources and the URL of its data."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.charts import ANCHOR, IN_CONFLICT, SourceLinks, chart_events, figure_for, series_name
from indicators.models import Term
from indicators.selectors.series import IndicatorSeries
from indicators.templatetags.labels import indicator_name, is_english
from reports.bilingual import marked_html
from indicators.templatetags.number_format import (
    format_change, format_date, format_percent, format_period, format_stated_value, format_value,
)


# Breakdowns are shown as their latest values; past this many rows the explorer has the rest.
BREAKDOWN_ROWS = 12


@dataclass
class ChartView:
    dom_id: str
    name: str
    name_lang: str  # "vi" on an English page when the indicator has no English name (a report's own row)
    chart: IndicatorSeries
    figure: dict | None  # None: only breakdowns, nothing to draw
    data_url: str
    explorer_url: str
    area_names: dict[int, str]
    breakdown_rows: list[dict]
    more_breakdowns: int
    indicator_url: str
    sources: list[tuple[str, str]]  # (url, title) of the chart's documents
    labels: dict[str, str]
    links: SourceLinks

    @property
    def aria_label(self) -> str:
        return _("Biểu đồ %(name)s; bảng số liệu ở dưới") % {"name": self.name}

    @property
    def name_html(self) -> SafeString:
        """The name, its Vietnamese words marked on an English page ("Staff reduced (tinh giản biên chế)")."""
        return marked_html(self.name) if is_english() else conditional_escape(self.name)

    @property
    def table_caption_html(self) -> SafeString:
        before, _placeholder, after = _("Bảng số liệu: %(name)s").partition("%(name)s")
        return format_html("{}{}{}", before, self.name_html, after)

    @property
    def term_rows(self) -> list[dict]:
        """The per-term table's cells, formatted: a stock's opening and latest value with their
        dates and the change between them (only when comparable and believable), or a flow's
        periods summed; the goal when the report sets one."""
        unit = self.chart.unit
        rows = []
        for row in self.chart.term_rows:
            cells = {"term": row.term_label, "area": self.area_names.get(row.area_id, ""),
                     "target": format_value(row.target.value, unit=unit) if row.target else "",
                     "target_url": self.links.url(row.target) if row.target else "",
                     "needs_review": row.needs_review}
            if row.is_flow:
                cells["periods"] = ", ".join(format_period(p.period_start, p.period_end) for p in row.flows)
                cells["change"] = format_value(row.change, unit=unit)
                cells["change_urls"] = [self.links.url(p) for p in row.flows]
            else:
                for end in ("start", "end"):
                    point = getattr(row, end)
                    cells[end] = format_value(point.value, unit=unit) if point else ""
                    cells[f"{end}_date"] = format_date(point.period_end) if point else ""
                    cells[f"{end}_url"] = self.links.url(point) if point else ""
                cells["change"] = format_change(row.change, unit=unit) if row.change is not None else ""
                cells["percent_change"] = (format_percent(row.percent_change)
                                           if row.percent_change is not None and unit != "percent" else "")
            rows.append(cells)
        return rows

    @property
    def shows_area_in_term_rows(self) -> bool:
        return len({row.area_id for row in self.chart.term_rows}) > 1

    @property
    def term_rows_have_targets(self) -> bool:
        return any(row.target for row in self.chart.term_rows)

    @property
    def table_rows(self) -> list[dict]:
        """The chart's points as the rows of its accessible table, from the very texts the
        hover labels show (customdata: value, period, source, quote, status, link)."""
        if not self.figure:
            return []
        return [
            {"series": trace["name"], "value": value, "period": period, "source": source, "status": status,
             "url": url, "conflict": flag == IN_CONFLICT}
            for trace in self.figure["data"]
            for value, period, source, _quote, status, url, flag in filter(None, trace["customdata"])
            if flag != ANCHOR
        ]

    @property
    def table_rows_html(self) -> SafeString:
        """The accessible table's rows, built here rather than in a template loop: a province
        page has hundreds of them and the template engine is the slowest part of the page."""
        return rows_html(
            (row["conflict"], [Cell(row["series"], report_words=True), Cell(row["period"]),
                               Cell(row["value"], number=True), Cell(row["status"]),
                               Cell(row["source"], url=row["url"], report_words=True)])
            for row in self.table_rows
        )

    @property
    def breakdown_rows_html(self) -> SafeString:
        return rows_html(
            (row["conflict"], [Cell(row["name"], report_words=True), Cell(row["value"], url=row["url"], number=True),
                               Cell(row["period"])])
            for row in self.breakdown_rows
        )


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    number: bool = False
    report_words: bool = False  # area names, titles, breakdown options: Vietnamese on an English page too


def rows_html(rows) -> SafeString:
    """<tr>s from (in_conflict, cells). Every text and URL goes through escape() (marked_html escapes)."""
    lines = []
    english = is_english()
    for in_conflict, cells in rows:
        parts = []
        for cell in cells:
            text = marked_html(str(cell.text)) if cell.report_words and english else escape(str(cell.text))
            content = f'<a href="{escape(cell.url)}">{text}</a>' if cell.url else text
            parts.append(f'<td class="number">{content}</td>' if cell.number else f"<td>{content}</td>")
        lines.append(('<tr class="conflict">' if in_conflict else "<tr>") + "".join(parts) + "</tr>")
    # Safe: only escaped texts and URLs between our own tags.
    return mark_safe("\n".join(lines))


def chart_labels() -> dict[str, str]:
    """The chart block's fixed texts, translated once per page rather than once per chart."""
    return {
        "download": _("Tải số liệu của biểu đồ (CSV)"),
        "legend": _("● đã xác minh · ○ chưa xác minh · ✕ mâu thuẫn nguồn · bấm vào điểm để mở nguồn"),
        "legend_flow": _("Mỗi cột trải trên thời kỳ của nó · cột gạch chéo: chưa xác minh · cột đỏ: mâu thuẫn nguồn · "
                         "bấm vào cột để mở nguồn"),
        "term_caption": _("Thay đổi theo nhiệm kỳ"), "term": _("Nhiệm kỳ"), "area": _("Địa bàn"),
        "start": _("Đầu kỳ"), "end": _("Cuối kỳ"), "change": _("Thay đổi"), "percent_change": _("Tỷ lệ thay đổi"),
        "periods": _("Các kỳ đã cộng"), "total": _("Tổng trong nhiệm kỳ"),
        "review": _("cần rà soát: thay đổi quá ±100% mà báo cáo không nêu"),
        "target": _("Mục tiêu"), "breakdown_caption": _("Phân tổ (giá trị mới nhất)"), "breakdown": _("Phân tổ"),
        "value": _("Giá trị"), "date": _("Thời điểm"), "series": _("Chuỗi"), "status": _("Trạng thái"),
        "source": _("Nguồn"), "sources": _("Nguồn:"),
    }


def chart_views(charts: list[IndicatorSeries], *, terms: list[Term], area_names: dict[int, str],
                own_area_id: int | None, data_filters: dict[str, str], prefix: str = "chart",
                all_terms: list[Term] = (), links: SourceLinks | None = None) -> list[ChartView]:
    """A chart block per indicator. Its data link adds `series=drawn`: the CSV holds exactly the
    points the chart draws (totals and goals, one per date), not the breakdowns tabulated below it,
    which the explorer link lists."""
    views = []
    events = chart_events(list(all_terms))
    links = links or SourceLinks()
    csv_url, explorer_url = reverse("indicators:observations_csv"), reverse("indicators:observations")
    indicator_url = reverse("indicators:indicator", args=["CODE"])
    labels = chart_labels()
    english = is_english()
    for index, chart in enumerate(charts):
        info = chart.indicator
        filters = {**data_filters, "indicator": info["code"]}
        breakdowns = [
            {"name": series_name(s, area_names=area_names, own_area_id=own_area_id),
             "value": format_stated_value(s.points[-1].value, chart.unit, s.points[-1].qualifier),
             "period": format_period(s.points[-1].period_start, s.points[-1].period_end),
             "url": links.url(s.points[-1]), "conflict": s.points[-1].in_conflict}
            for s in chart.breakdowns[:BREAKDOWN_ROWS]
        ]
        views.append(ChartView(
            dom_id=f"{prefix}-{index}",
            name=indicator_name(name_vi=info["name_vi"], name_en=info["name_en"]),
            name_lang="vi" if english and not info["name_en"] else "",
            chart=chart,
            figure=figure_for(chart, terms=terms, area_names=area_names, own_area_id=own_area_id, links=links,
                              events=events) if chart.is_drawn else None,
            data_url=f"{csv_url}?{urlencode({**filters, 'series': filters.get('series', 'drawn')})}",
            explorer_url=f"{explorer_url}?{urlencode(filters)}",
            area_names=area_names,
            breakdown_rows=breakdowns,
            more_breakdowns=max(len(chart.breakdowns) - BREAKDOWN_ROWS, 0),
            indicator_url=indicator_url.replace("CODE", info["code"]),
            sources=[(links.document_url(document_id), title) for document_id, title in chart.documents],
            labels=labels,
            links=links,
        ))
    return views

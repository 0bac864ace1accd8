"""What a page hands the chart template for each indicator: the figure, its accessible table,
its per-term rows, its sources and the URL of its data."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.charts import SourceLinks, figure_for, series_name
from indicators.models import Term
from indicators.selectors.series import IndicatorSeries
from indicators.templatetags.labels import indicator_name
from indicators.templatetags.number_format import format_period, format_value


# Breakdowns are shown as their latest values; past this many rows the explorer has the rest.
BREAKDOWN_ROWS = 12


@dataclass
class ChartView:
    dom_id: str
    name: str
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

    @property
    def aria_label(self) -> str:
        return _("Biểu đồ %(name)s; bảng số liệu ở dưới") % {"name": self.name}

    @property
    def table_caption(self) -> str:
        return _("Bảng số liệu: %(name)s") % {"name": self.name}

    @property
    def term_rows(self):
        return [(self.area_names.get(row.area_id, ""), row) for row in self.chart.term_rows]

    @property
    def shows_area_in_term_rows(self) -> bool:
        return len({row.area_id for row in self.chart.term_rows}) > 1

    @property
    def table_rows(self) -> list[dict]:
        """The chart's points as the rows of its accessible table, from the very texts the
        hover labels show (customdata: value, period, source, quote, status, link)."""
        if not self.figure:
            return []
        return [
            {"series": trace["name"], "value": value, "period": period, "source": source, "status": status,
             "url": url, "conflict": trace["marker"]["symbol"][index] == "x"}
            for trace in self.figure["data"]
            for index, (value, period, source, _quote, status, url) in enumerate(trace["customdata"])
        ]

    @property
    def table_rows_html(self) -> SafeString:
        """The accessible table's rows, built here rather than in a template loop: a province
        page has hundreds of them and the template engine is the slowest part of the page."""
        return rows_html(
            (row["conflict"], [Cell(row["series"]), Cell(row["period"]), Cell(row["value"], number=True),
                               Cell(row["status"]), Cell(row["source"], url=row["url"])])
            for row in self.table_rows
        )

    @property
    def breakdown_rows_html(self) -> SafeString:
        return rows_html(
            (row["conflict"], [Cell(row["name"]), Cell(row["value"], url=row["url"], number=True), Cell(row["period"])])
            for row in self.breakdown_rows
        )


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    number: bool = False


def rows_html(rows) -> SafeString:
    """<tr>s from (in_conflict, cells). Every text and URL goes through escape()."""
    lines = []
    for in_conflict, cells in rows:
        parts = []
        for cell in cells:
            text = escape(str(cell.text))
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
        "term_caption": _("Thay đổi theo nhiệm kỳ"), "term": _("Nhiệm kỳ"), "area": _("Địa bàn"),
        "start": _("Đầu kỳ"), "end": _("Cuối kỳ"), "change": _("Thay đổi"), "percent_change": _("Tỷ lệ thay đổi"),
        "target": _("Mục tiêu"), "breakdown_caption": _("Phân tổ (giá trị mới nhất)"), "breakdown": _("Phân tổ"),
        "value": _("Giá trị"), "date": _("Thời điểm"), "series": _("Chuỗi"), "status": _("Trạng thái"),
        "source": _("Nguồn"), "sources": _("Nguồn:"),
    }


def chart_views(charts: list[IndicatorSeries], *, terms: list[Term], area_names: dict[int, str],
                own_area_id: int | None, data_filters: dict[str, str], prefix: str = "chart") -> list[ChartView]:
    views = []
    links = SourceLinks()
    csv_url, explorer_url = reverse("indicators:observations_csv"), reverse("indicators:observations")
    indicator_url = reverse("indicators:indicator", args=["CODE"])
    labels = chart_labels()
    for index, chart in enumerate(charts):
        info = chart.indicator
        filters = {**data_filters, "indicator": info["code"]}
        breakdowns = [
            {"name": series_name(s, area_names=area_names, own_area_id=own_area_id),
             "value": ((s.points[-1].qualifier + " ") if s.points[-1].qualifier else "")
             + format_value(s.points[-1].value, unit=chart.unit),
             "period": format_period(s.points[-1].period_start, s.points[-1].period_end),
             "url": links.url(s.points[-1]), "conflict": s.points[-1].in_conflict}
            for s in chart.breakdowns[:BREAKDOWN_ROWS]
        ]
        views.append(ChartView(
            dom_id=f"{prefix}-{index}",
            name=indicator_name(name_vi=info["name_vi"], name_en=info["name_en"]),
            chart=chart,
            figure=figure_for(chart, terms=terms, area_names=area_names, own_area_id=own_area_id, links=links)
            if chart.is_drawn else None,
            data_url=f"{csv_url}?{urlencode(filters)}",
            explorer_url=f"{explorer_url}?{urlencode(filters)}",
            area_names=area_names,
            breakdown_rows=breakdowns,
            more_breakdowns=max(len(chart.breakdowns) - BREAKDOWN_ROWS, 0),
            indicator_url=indicator_url.replace("CODE", info["code"]),
            sources=[(links.document_url(document_id), title) for document_id, title in chart.documents],
            labels=labels,
        ))
    return views

"""Plotly figure specifications (plain dicts, serialised with json_script) for the series the
selectors return. Hover texts are formatted here, in the reader's language, so the chart and
the page's tables say the same thing; the browser only draws."""
from __future__ import annotations

import functools
import re
import textwrap

from django.urls import reverse
from django.utils.translation import get_language, gettext as _

from indicators.models import Term
from indicators.selectors.series import TARGET_BREAKDOWN, IndicatorSeries, Point, Series
from indicators.templatetags.labels import is_english
from indicators.templatetags.number_format import format_period, format_value

PALETTE = ("#1f5fa8", "#c25e00", "#2e7d32", "#6a1b9a", "#00838f", "#8d6e63", "#ad1457", "#546e7a")
CONFLICT_COLOUR = "#c62828"
TERM_FILLS = ("rgba(164, 0, 0, 0.07)", "rgba(90, 90, 90, 0.05)")
QUOTE_WIDTH, QUOTE_MAX = 60, 180
HTML_LIKE = re.compile(r"\*\*|</?[a-z]+>", re.IGNORECASE)


def marker_symbol(point: Point) -> str:
    """Verified: filled dot; extracted (not yet checked): open ring; in conflict: a cross."""
    if point.in_conflict:
        return "x"
    return "circle" if point.is_verified else "circle-open"


def status_text(point: Point) -> str:
    text = _("đã xác minh") if point.is_verified else _("chưa xác minh")
    return text + (" · " + _("mâu thuẫn nguồn") if point.in_conflict else "")


@functools.lru_cache(maxsize=4096)
def quote_for_hover(quote: str) -> str:
    """The quoted words on a few short lines; markup and angle brackets removed so plotly's
    label (which reads a little HTML) shows exactly the words."""
    plain = HTML_LIKE.sub("", quote or "").replace("<", "‹").replace(">", "›").strip()
    plain = textwrap.shorten(plain, QUOTE_MAX, placeholder=" …")
    return "<br>".join(textwrap.wrap(f"“{plain}”", QUOTE_WIDTH)) if plain else ""


def document_title_for_hover(title: str) -> str:
    title = (title or "").replace("<", "‹").replace(">", "›")
    return textwrap.shorten(title, QUOTE_WIDTH, placeholder=" …") if title else _("không rõ nguồn")


class SourceLinks:
    """Links to, and names of, the report line behind each point, worked out once per document
    and line rather than once per point (reverse() and gettext are not free)."""

    def __init__(self):
        self._documents: dict[int, str] = {}
        self._texts: dict[int | None, str] = {}
        self._line_word = _("dòng")
        self.language = get_language()  # looked up once: get_language() per point adds up
        self._statuses: dict[tuple, str] = {}

    def text(self, point: Point) -> str:
        """'Title (dòng 12)': the title shortened once per document, the line added per point."""
        title = self._texts.get(point.document_id)
        if title is None:
            title = self._texts[point.document_id] = document_title_for_hover(point.document_title)
        return f"{title} ({self._line_word} {point.source_line})" if point.source_line else title

    def status(self, point: Point) -> str:
        key = (point.is_verified, point.in_conflict)
        if key not in self._statuses:
            self._statuses[key] = status_text(point)
        return self._statuses[key]

    def document_url(self, document_id: int) -> str:
        base = self._documents.get(document_id)
        if base is None:
            base = self._documents[document_id] = reverse("indicators:document", args=[document_id])
        return base

    def url(self, point: Point) -> str:
        if point.document_id is None:
            return ""
        base = self.document_url(point.document_id)
        return f"{base}#L{point.source_line}" if point.source_line else base


# Periods whose lengths differ by more than this are not steps of one series (a year, then four years).
PERIOD_LENGTH_TOLERANCE_DAYS = 31


def periods_alike(points) -> bool:
    """A line joins points that measure alike: counts at moments, or changes over periods of one length.
    "kết nạp 8.807 trong 4 năm" and "kết nạp 2.600 trong năm 2023" are points, not a line between them."""
    lengths = [(p.period_end - p.period_start).days for p in points]
    return max(lengths, default=0) - min(lengths, default=0) <= PERIOD_LENGTH_TOLERANCE_DAYS


def trace_for(series: Series, *, name: str, unit: str, colour: str, dash: str, links: SourceLinks) -> dict:
    points = series.points
    language = links.language
    return {
        "type": "scatter",
        "mode": "lines+markers" if periods_alike(points) else "markers",
        "name": name,
        "x": [p.period_end.isoformat() for p in points],
        "y": [float(p.value) for p in points],
        "customdata": [
            [
                (f"{p.qualifier} " if p.qualifier else "") + format_value(p.value, unit=unit, language=language),
                format_period(p.period_start, p.period_end, language=language),
                links.text(p),
                quote_for_hover(p.quote),
                links.status(p),
                links.url(p),
            ]
            for p in points
        ],
        "hovertemplate": (
            "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[4]}<br>"
            + _("Nguồn")
            + ": %{customdata[2]}<br>%{customdata[3]}<extra>%{fullData.name}</extra>"
        ),
        "line": {"color": colour, "width": 2 if series.is_total else 1.5, "dash": dash},
        "marker": {
            "symbol": [marker_symbol(p) for p in points],
            "size": [12 if p.in_conflict else 9 for p in points],
            "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points],
            "line": {"width": 2, "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points]},
        },
    }


def series_name(series: Series, *, area_names: dict[int, str], own_area_id: int | None) -> str:
    name = area_names.get(series.area_id, "")
    if own_area_id is not None and series.area_id != own_area_id:
        name = _("%(area)s (trước sáp nhập)") % {"area": name}
    if not series.is_total:
        name = f"{name} · {series.breakdown}" if name else series.breakdown
    return name or _("Tổng số")


def term_shapes(terms: list[Term], *, first, last) -> tuple[list[dict], list[dict]]:
    """A shaded band and a label for each party-congress term the data touches."""
    shapes, annotations = [], []
    touching = [t for t in terms if t.end >= first and t.start <= last]
    for index, term in enumerate(touching):
        shapes.append({
            "type": "rect", "xref": "x", "yref": "paper", "x0": term.start.isoformat(), "x1": term.end.isoformat(),
            "y0": 0, "y1": 1, "fillcolor": TERM_FILLS[index % 2], "line": {"width": 0}, "layer": "below",
        })
        annotations.append({
            "xref": "x", "yref": "paper", "x": term.start.isoformat(), "y": 1, "xanchor": "left", "yanchor": "bottom",
            "text": _("Nhiệm kỳ %(label)s") % {"label": term.label}, "showarrow": False,
            "font": {"size": 11, "color": "#5a0000"},
        })
    return shapes, annotations


def figure_for(chart: IndicatorSeries, *, terms: list[Term], area_names: dict[int, str],
               own_area_id: int | None, links: SourceLinks, title: str = "") -> dict:
    """One chart: the total series (the area's own, then its predecessors'), targets; terms shaded."""
    traces = []
    for index, series in enumerate(chart.series):
        area_colour = PALETTE[index % len(PALETTE)]
        dash = "solid" if series.is_total and (own_area_id is None or series.area_id == own_area_id) else (
            "dash" if series.is_total else "dot")
        traces.append(trace_for(series, name=series_name(series, area_names=area_names, own_area_id=own_area_id),
                                unit=chart.unit, colour=area_colour, dash=dash, links=links))
    for series in chart.targets:
        details = [part for part in series.breakdown.split("; ") if part != TARGET_BREAKDOWN]
        if own_area_id is None or series.area_id != own_area_id:
            details.insert(0, area_names.get(series.area_id, ""))
        trace = trace_for(series, name=" · ".join([_("Mục tiêu"), *filter(None, details)]),
                          unit=chart.unit, colour="#555555", dash="dot", links=links)
        trace["mode"] = "markers"
        trace["marker"]["symbol"] = ["diamond-open"] * len(series.points)
        traces.append(trace)
    days = [p.period_end for s in [*chart.series, *chart.targets] for p in s.points]
    shapes, annotations = term_shapes(terms, first=min(days), last=max(days)) if days else ([], [])
    english = is_english()
    layout = {
        "title": {"text": title, "font": {"size": 14}} if title else None,
        "height": 320,
        "margin": {"l": 64, "r": 16, "t": 36 if not title else 56, "b": 40},
        "separators": ".," if english else ",.",
        "xaxis": {"type": "date", "hoverformat": "%d/%m/%Y", "tickformat": "%Y"},
        "yaxis": {"tickformat": ",.2~f", "rangemode": "tozero",
                  "ticksuffix": "%" if chart.unit == "percent" else ""},
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
        "showlegend": len(traces) > 1,
        "legend": {"orientation": "h", "y": -0.18},
        "shapes": shapes,
        "annotations": annotations,
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    if layout["title"] is None:
        del layout["title"]
    return {"data": traces, "layout": layout}

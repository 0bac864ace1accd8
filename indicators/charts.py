"""Plotly figure specifications (plain dicts, serialised with json_script) for the series the
selectors return. Hover texts are formatted here, in the reader's language, so the chart and
the page's tables say the same thing; the browser only draws."""
from __future__ import annotations

import functools
import re
import textwrap

from django.urls import reverse
from django.utils.translation import get_language, gettext as _

from indicators.breakdowns import breakdown_label
from indicators.gazetteer import REFORM_DATE
from indicators.models import Term
from indicators.selectors.series import TARGET_BREAKDOWN, IndicatorSeries, Point, Series
from indicators.templatetags.labels import is_english
from indicators.templatetags.number_format import format_period, format_stated_value
from reports.extraction.metadata import clean_title

PALETTE = ("#1f5fa8", "#c25e00", "#2e7d32", "#6a1b9a", "#00838f", "#8d6e63", "#ad1457", "#546e7a")
CONFLICT_COLOUR = "#c62828"
# One fill per party-congress term, the same on every chart: chosen by the term's years, not by
# its place among the terms a chart happens to touch.
TERM_FILLS = ("rgba(164, 0, 0, 0.07)", "rgba(31, 95, 168, 0.07)", "rgba(46, 125, 50, 0.07)")
TERM_YEARS = 5
EVENT_COLOUR = "#777777"
FLOW_OPACITY = 0.6
TARGET_COLOUR = "#555555"
MS_PER_DAY = 86_400_000
# customdata[6] of a point: "conflict", "" or, on a goal's dashed segment, "anchor" for the actual
# value the segment starts from (hovered like the goal's other points, not listed again in the table).
IN_CONFLICT, ANCHOR = "conflict", "anchor"
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
    title = clean_title(title or "").replace("<", "‹").replace(">", "›")
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


def hover_data(points: list[Point], *, unit: str, links: SourceLinks) -> list[list[str]]:
    """Per point: value as stated, period, source, quote, status, link (the accessible table reads these too)."""
    language = links.language
    return [
            [
                format_stated_value(p.value, unit, p.qualifier, language=language),
                format_period(p.period_start, p.period_end, language=language),
                links.text(p),
                quote_for_hover(p.quote),
                links.status(p),
                links.url(p),
                IN_CONFLICT if p.in_conflict else "",
            ]
            for p in points
        ]


def hover_template() -> str:
    return (
            "<b>%{customdata[0]}</b> · %{customdata[1]}<br>%{customdata[4]}<br>"
            + _("Nguồn")
            + ": %{customdata[2]}<br>%{customdata[3]}<extra>%{fullData.name}</extra>"
    )


def trace_for(series: Series, *, name: str, unit: str, colour: str, dash: str, links: SourceLinks) -> dict:
    """A stock as a line through its dates (markers only where its points measure unlike things)."""
    points = series.points
    return {
        "type": "scatter",
        "mode": "lines+markers" if periods_alike(points) else "markers",
        "name": name,
        "x": [p.period_end.isoformat() for p in points],
        "y": [float(p.value) for p in points],
        "customdata": hover_data(points, unit=unit, links=links),
        "hovertemplate": hover_template(),
        "line": {"color": colour, "width": 2 if series.is_total else 1.5, "dash": dash},
        "marker": {
            "symbol": [marker_symbol(p) for p in points],
            "size": [12 if p.in_conflict else 9 for p in points],
            "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points],
            "line": {"width": 2, "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points]},
        },
    }


def bar_trace_for(series: Series, *, name: str, unit: str, colour: str, links: SourceLinks) -> dict:
    """A flow as bars spanning their periods: 4.207 for 2016-2021 is five years wide, not a point in 2022."""
    points = series.points
    return {
        "type": "bar",
        "name": name,
        "x": [period_middle(p).isoformat() for p in points],
        "width": [max((p.period_end - p.period_start).days + 1, 1) * MS_PER_DAY for p in points],
        "y": [float(p.value) for p in points],
        "customdata": hover_data(points, unit=unit, links=links),
        "hovertemplate": hover_template(),
        "opacity": FLOW_OPACITY,
        "marker": {
            "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points],
            "line": {"width": [2 if p.is_verified else 1 for p in points],
                     "color": [CONFLICT_COLOUR if p.in_conflict else colour for p in points]},
            "pattern": {"shape": ["" if p.is_verified else "/" for p in points], "fgopacity": 0.25},
        },
    }


def period_middle(point: Point):
    return point.period_start + (point.period_end - point.period_start) / 2


def target_trace_for(target: Series, *, actual: Series | None, is_stock: bool, name: str, unit: str,
                     links: SourceLinks) -> dict:
    """A goal drawn as a goal: dashed from the latest value before it to the target at its horizon
    (a stock), or dashed across the period it is set for (a flow)."""
    xs, ys, hover = [], [], []
    data = hover_data(target.points, unit=unit, links=links)
    for point, point_data in zip(target.points, data):
        if xs:  # one dashed segment per goal
            xs.append(None)
            ys.append(None)
            hover.append(None)
        if is_stock:
            before = [p for p in (actual.points if actual else []) if p.period_end <= point.period_end]
            if before:
                anchor = before[-1]
                xs.append(anchor.period_end.isoformat())
                ys.append(float(anchor.value))
                hover.append([*hover_data([anchor], unit=unit, links=links)[0][:6], ANCHOR])
        else:
            xs.append(point.period_start.isoformat())
            ys.append(float(point.value))
            hover.append(point_data)
        xs.append(point.period_end.isoformat())
        ys.append(float(point.value))
        hover.append(point_data)
    return {
        "type": "scatter", "mode": "lines+markers", "name": name, "x": xs, "y": ys, "customdata": hover,
        "hovertemplate": hover_template(), "connectgaps": False,
        "line": {"color": TARGET_COLOUR, "width": 1.5, "dash": "dash"},
        "marker": {"symbol": "diamond-open", "size": 9, "color": TARGET_COLOUR},
    }


def series_name(series: Series, *, area_names: dict[int, str], own_area_id: int | None) -> str:
    """The area (on a page of one area, only a predecessor's is named) and the breakdown in plain words."""
    name = area_names.get(series.area_id, "")
    if own_area_id is not None and series.area_id != own_area_id:
        name = _("%(area)s (trước sáp nhập)") % {"area": name}
    elif own_area_id is not None and not series.is_total:
        name = ""
    if not series.is_total:
        label = breakdown_label(series.breakdown, language=get_language() or "vi")
        name = f"{name} · {label}" if name else label
    return name or _("Tổng số")


def term_fill(term: Term) -> str:
    return TERM_FILLS[(term.start.year // TERM_YEARS) % len(TERM_FILLS)]


def term_shapes(terms: list[Term], *, first, last) -> tuple[list[dict], list[dict]]:
    """A shaded band and a label for each party-congress term the data touches."""
    shapes, annotations = [], []
    for term in (t for t in terms if t.end >= first and t.start <= last):
        shapes.append({
            "type": "rect", "xref": "x", "yref": "paper", "x0": term.start.isoformat(), "x1": term.end.isoformat(),
            "y0": 0, "y1": 1, "fillcolor": term_fill(term), "line": {"width": 0}, "layer": "below",
        })
        annotations.append({
            "xref": "x", "yref": "paper", "x": term.start.isoformat(), "y": 1, "xanchor": "left", "yanchor": "bottom",
            "text": _("Nhiệm kỳ %(label)s") % {"label": term.label}, "showarrow": False,
            "font": {"size": 11, "color": "#5a0000"},
        })
    return shapes, annotations


def chart_events(all_terms: list[Term]) -> list[tuple]:
    """(date, label, height) of the days a reader relates the numbers to: party congresses (a term's
    opening), People's Council elections and the reorganisation of 01/07/2025; labels stacked at
    three heights so that neighbours do not overlap."""
    events = []
    for term in all_terms:
        if term.kind == Term.PARTY_CONGRESS:
            events.append((term.start, _("Đại hội Đảng bộ %(year)s") % {"year": term.start.year}, 0.99))
        elif term.kind == Term.PEOPLES_COUNCIL:
            events.append((term.start, _("Bầu cử HĐND %(year)s") % {"year": term.start.year}, 0.91))
    events.append((REFORM_DATE, _("Sắp xếp ĐVHC 01/07/2025"), 0.83))
    return sorted(events)


def event_shapes(events: list[tuple], *, first, last) -> tuple[list[dict], list[dict]]:
    shapes, annotations = [], []
    for day, label, height in events:
        if not first <= day <= last:
            continue
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": day.isoformat(), "x1": day.isoformat(),
                       "y0": 0, "y1": 1, "line": {"width": 1, "color": EVENT_COLOUR, "dash": "dot"}, "layer": "below"})
        annotations.append({"xref": "x", "yref": "paper", "x": day.isoformat(), "y": height, "xanchor": "left",
                            "yanchor": "top", "text": label, "showarrow": False,
                            "font": {"size": 10, "color": EVENT_COLOUR}, "bgcolor": "rgba(255,255,255,0.7)"})
    return shapes, annotations


def figure_for(chart: IndicatorSeries, *, terms: list[Term], area_names: dict[int, str],
               own_area_id: int | None, links: SourceLinks, title: str = "", events: list[tuple] = ()) -> dict:
    """One chart: the total series (the area's own, then its predecessors'), stocks as lines and
    flows as bars over their periods; goals dashed to their horizon; terms shaded; the congresses,
    elections and the 2025 reorganisation marked."""
    traces = []
    own_totals = {s.area_id: s for s in chart.series if s.is_total}
    for index, series in enumerate(chart.series):
        area_colour = PALETTE[index % len(PALETTE)]
        name = series_name(series, area_names=area_names, own_area_id=own_area_id)
        if not chart.is_stock:
            traces.append(bar_trace_for(series, name=name, unit=chart.unit, colour=area_colour, links=links))
            continue
        dash = "solid" if series.is_total and (own_area_id is None or series.area_id == own_area_id) else (
            "dash" if series.is_total else "dot")
        traces.append(trace_for(series, name=name, unit=chart.unit, colour=area_colour, dash=dash, links=links))
    for series in chart.targets:
        details = [breakdown_label(series.breakdown, language=links.language or "vi")]
        if own_area_id is None or series.area_id != own_area_id:
            details.insert(0, area_names.get(series.area_id, ""))
        # A goal for a breakdown is not a goal for the total line: no dashed link to it.
        actual = own_totals.get(series.area_id) if series.breakdown == TARGET_BREAKDOWN else None
        traces.append(target_trace_for(series, actual=actual, is_stock=chart.is_stock, unit=chart.unit, links=links,
                                       name=" · ".join([_("Mục tiêu"), *filter(None, details)])))
    points = [p for s in [*chart.series, *chart.targets] for p in s.points]
    shapes, annotations = [], []
    if points:
        first, last = min(p.period_start for p in points), max(p.period_end for p in points)
        shapes, annotations = term_shapes(terms, first=first, last=last)
        more_shapes, more_annotations = event_shapes(list(events), first=first, last=last)
        shapes, annotations = shapes + more_shapes, annotations + more_annotations
    english = is_english()
    layout = {
        "title": {"text": title, "font": {"size": 14}} if title else None,
        "height": 320,
        "margin": {"l": 56, "r": 12, "t": 36 if not title else 56, "b": 40},
        "separators": ".," if english else ",.",
        "xaxis": {"type": "date", "hoverformat": "%d/%m/%Y", "tickformat": "%Y"},
        "yaxis": {"tickformat": ",.2~f", "rangemode": "tozero",
                  "ticksuffix": "%" if chart.unit == "percent" else ""},
        "hovermode": "closest",
        "hoverlabel": {"align": "left", "bgcolor": "#ffffff", "font": {"color": "#1a1a1a"}},
        "showlegend": len(traces) > 1,
        "legend": {"orientation": "h", "y": -0.18},
        "barmode": "overlay",
        "shapes": shapes,
        "annotations": annotations,
        "plot_bgcolor": "#ffffff",
        "paper_bgcolor": "#ffffff",
    }
    if layout["title"] is None:
        del layout["title"]
    return {"data": traces, "layout": layout}

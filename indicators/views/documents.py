from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from indicators.models import Observation
from indicators.selectors.documents import ReadNumber, document_reading
from indicators.templatetags.labels import indicator_name, pick_language
from indicators.templatetags.number_format import format_period, format_value
from indicators.views.line_markup import render_line

STATUS_LABELS = dict(Observation.STATUS_CHOICES)


@dataclass
class RenderedLine:
    number: int
    html: SafeString
    warning_codes: str


def observation_row(observation: ReadNumber, *, marked: bool) -> dict:
    """The texts of one observation's entry; formatted here, so the template only prints."""
    name = indicator_name(name_vi=observation.indicator_name_vi, name_en=observation.indicator_name_en)
    value = format_value(observation.value, unit=observation.unit)
    return {
        "id": observation.id,
        "name": name,
        "breakdown": observation.breakdown,
        "value": f"{observation.qualifier} {value}" if observation.qualifier else value,
        "details": " · ".join(filter(None, [
            format_period(observation.period_start, observation.period_end), observation.area_name,
            pick_language(STATUS_LABELS.get(observation.status, observation.status)),
            _("mâu thuẫn nguồn") if observation.in_conflict else "",
        ])),
        "status": observation.status,
        "in_conflict": observation.in_conflict,
        "line": observation.source_line,
        "back_href": f"#mark-{observation.id}" if marked else (f"#L{observation.source_line}" if observation.source_line else ""),
    }


def document_detail(request, document_id: int):
    """The report line by line, each number read from it highlighted and linked to its observation."""
    reading = document_reading(document_id=document_id)
    if reading is None:
        raise Http404(_("Không có tài liệu này"))
    by_line = reading.observations_by_line
    warned_lines: dict[int, list[str]] = {}
    for warning in reading.warnings:
        if warning.line:
            warned_lines.setdefault(warning.line, []).append(warning.code)
    lines, marked = [], set()
    for number, text in enumerate(reading.document.lines, start=1):
        html, marks = render_line(text, observations=by_line.get(number, ()))
        marked.update(pk for mark in marks for pk in mark.observation_ids)
        lines.append(RenderedLine(number=number, html=html, warning_codes=", ".join(warned_lines.get(number, []))))
    rows = [observation_row(o, marked=o.id in marked) for o in reading.observations]
    return render(request, "indicators/document_detail.html", {
        "document": reading.document,
        "lines": lines,
        "observations": rows,
        "warnings": reading.warnings,
        "conflicts": [row for row in rows if row["in_conflict"]],
    })

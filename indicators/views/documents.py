"""The document page: the report a page of lines at a time, each number read from it highlighted and
linked to its observation, warnings and conflicts beside it.

A report runs to thousands of lines and thousands of observations; the page shows one page of lines
(`?page=N`, or `?line=N` for the page holding line N) with the observations read from them, and links to
the pages before and after. With `fragment=1` it answers with just that page's lines and observations,
which static/js/document.js fetches as the reader scrolls or follows a link to a line elsewhere."""
import datetime as dt
import re
from bisect import bisect_right
from decimal import Decimal
from dataclasses import dataclass
from functools import cache

from django.http import Http404
from django.shortcuts import render
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from indicators.models import Observation
from indicators.selectors.documents import DocumentOutline, ReadNumber, document_outline, document_tables, page_reading
from indicators.templatetags.labels import indicator_name, is_english, pick_language
from indicators.breakdowns import breakdown_label
from indicators.templatetags.number_format import format_period, format_stated_value
from indicators.views.line_markup import LineContext, printed_page_label, render_page
from indicators.views.responses import bad_request
from reports import permissions
from reports.models import DocumentVersion
from reports.versions import numbers_diff, observation_rows
from reports.bilingual import VIETNAMESE_LETTERS
from reports.extraction.metadata import clean_title

STATUS_LABELS = dict(Observation.STATUS_CHOICES)

# A page ends at this many lines, or sooner when its text and marks would make a heavy page: each
# observation costs about as many bytes as this many characters of text (its mark and its entry).
LINES_PER_PAGE = 200
PAGE_WEIGHT = 40_000
OBSERVATION_WEIGHT = 400
WARNINGS_LISTED = 100  # a report with more is read on the quality page
# The catalogue's English names keep the Vietnamese term in brackets: "Staff reduced (tinh giản biên chế)".
VIETNAMESE_ASIDE = re.compile(rf"\(([^()]*[{VIETNAMESE_LETTERS}][^()]*)\)", re.IGNORECASE)


@cache
def fragment_base():
    """The parent a fragment request extends: only the page's two blocks, so one template serves both."""
    return engines["django"].from_string("{% block report_page %}{% endblock %}{% block page_readings %}{% endblock %}")


@dataclass(frozen=True)
class Page:
    number: int
    first: int  # its first and last line, 1-based
    last: int


def document_pages(line_lengths: list[int], observations_per_line: dict) -> list[Page]:
    """The document cut into pages: at most LINES_PER_PAGE lines, and at most PAGE_WEIGHT unless a single
    line weighs more. The same text and readings always give the same pages, so `?page=N` is stable.
    Observations with no line are listed on the first page: they weigh on its first line."""
    pages, first, weight = [], 1, 0
    for number, length in enumerate(line_lengths, start=1):
        listed_here = observations_per_line.get(number, 0) + (observations_per_line.get(None, 0) if number == 1 else 0)
        line_weight = length + OBSERVATION_WEIGHT * listed_here
        if number > first and (number - first >= LINES_PER_PAGE or weight + line_weight > PAGE_WEIGHT):
            pages.append(Page(number=len(pages) + 1, first=first, last=number - 1))
            first, weight = number, 0
        weight += line_weight
    pages.append(Page(number=len(pages) + 1, first=first, last=len(line_lengths)))
    return pages


def page_of_line(pages: list[Page], line: int) -> Page:
    return pages[bisect_right([page.first for page in pages], line) - 1]


def display_title(document) -> str:
    """Titles stored before the title reader cleaned them may end with their header line's ';'."""
    return clean_title(document.title) or document.file_name


def line_link(pages: list[Page], shown: Page, line: int, fragment: str) -> str:
    """The href of a line's element (or a mark or entry on it): in this page, or in the page holding it."""
    if shown.first <= line <= shown.last:
        return f"#{fragment}"
    return f"?page={page_of_line(pages, line).number}#{fragment}"


def indicator_name_html(observation: ReadNumber) -> SafeString:
    """The indicator's name in the reader's language, its Vietnamese words marked lang="vi": a report's own
    indicator has only Vietnamese words, kept in English too."""
    name = indicator_name(name_vi=observation.indicator_name_vi, name_en=observation.indicator_name_en)
    if not (is_english() and name == observation.indicator_name_en):
        return format_html('<span lang="vi">{}</span>', name)
    parts, position = [], 0
    for aside in VIETNAMESE_ASIDE.finditer(name):
        parts.append(format_html('{}(<span lang="vi">{}</span>)', name[position:aside.start()], aside.group(1)))
        position = aside.end()
    parts.append(format_html("{}", name[position:]))
    return mark_safe("".join(parts))  # Safe: each part went through format_html


def observation_row(observation: ReadNumber, *, marked: bool, document_area: str = "",
                    printed_page: int | None = None) -> dict:
    """The texts of one observation's entry; formatted here, so the template only prints. Its area is
    named when it is not the document's (the breadcrumb names that one); its printed page, for a PDF."""
    return {
        "printed_page": printed_page_label(printed_page) if printed_page else "",
        "id": observation.id,
        "name_html": indicator_name_html(observation),
        "breakdown": breakdown_label(observation.breakdown, language="en" if is_english() else "vi"),
        "value": format_stated_value(observation.value, observation.unit, observation.qualifier),
        "period": format_period(observation.period_start, observation.period_end),
        "area_name": "" if observation.area_name == document_area else observation.area_name,
        "status_label": pick_language(STATUS_LABELS.get(observation.status, observation.status)),
        "status": observation.status,
        "in_conflict": observation.in_conflict,
        "line": observation.source_line,
        "back_href": f"#mark-{observation.id}" if marked else (f"#L{observation.source_line}" if observation.source_line else ""),
    }


def warning_row(warning, *, pages: list[Page], shown: Page) -> dict:
    href = line_link(pages, shown, warning.line, f"L{warning.line}") if warning.line else ""
    return {"line": warning.line, "code": warning.code, "message": warning.message, "href": href}


def conflict_row(observation: ReadNumber, *, pages: list[Page], shown: Page) -> dict:
    row = observation_row(observation, marked=False)
    line = observation.source_line
    row["href"] = line_link(pages, shown, line, f"obs-{observation.id}") if line else f"#obs-{observation.id}"
    return row


def _positive_int(value: str | None) -> int | None:
    """None when absent; raises ValueError for anything but a positive whole number."""
    if value is None:
        return None
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def requested_page(request, pages: list[Page], line_count: int, printed_starts=()) -> tuple[Page | None, str]:
    """The page asked for (`?line=` wins over `?printed_page=`, a PDF's page by the lines it starts on, which
    wins over `?page=`) and a message when it is past the end (then the last page, or None for a fragment: a
    script asked for something that is not there)."""
    line, page = _positive_int(request.GET.get("line")), _positive_int(request.GET.get("page"))
    printed_page = _positive_int(request.GET.get("printed_page"))
    if line is None and printed_page is not None and printed_starts:  # a PDF's page: the line it starts on
        if printed_page > len(printed_starts):
            return pages[-1], _("Bản in có %(count)s trang; không có trang %(page)s.") % {
                "count": len(printed_starts), "page": printed_page}
        line = printed_starts[printed_page - 1]
    past_end = ""
    if line is not None:
        if line <= line_count:
            return page_of_line(pages, line), ""
        past_end = _("Báo cáo này có %(count)s dòng; không có dòng %(line)s.") % {"count": line_count, "line": line}
    elif page is not None:
        if page <= len(pages):
            return pages[page - 1], ""
        past_end = _("Báo cáo này có %(count)s trang; đây là trang cuối.") % {"count": len(pages)}
    else:
        return pages[0], ""
    return (None if request.GET.get("fragment") else pages[-1]), past_end


def page_context(outline: DocumentOutline, pages: list[Page], shown: Page) -> dict:
    """The lines of `shown` rendered, the observations read from them and the document's warnings."""
    document = outline.document
    reading = page_reading(document=document, first_line=shown.first, last_line=shown.last,
                           with_unplaced=shown.number == 1)
    by_line = reading.observations_by_line
    warned_lines: dict[int, list[str]] = {}
    for warning in reading.warnings:
        if warning.line:
            warned_lines.setdefault(warning.line, []).append(warning.code)

    printed_page_starting = {line: page for page, line in enumerate(document.page_starts, start=1)}

    def context_of(number: int) -> LineContext:
        return LineContext(number=number, observations=by_line.get(number, []),
                           warning_codes=", ".join(warned_lines.get(number, [])),
                           printed_page=printed_page_starting.get(number))

    rendered = render_page(document.lines, shown.first, shown.last, context_of=context_of)
    previous_page = pages[shown.number - 2] if shown.number > 1 else None
    next_page = pages[shown.number] if shown.number < len(pages) else None
    return {
        "page": shown,
        "page_html": rendered.html,
        "previous_page": previous_page,
        "next_page": next_page,
        "observations": [observation_row(o, marked=o.id in rendered.marked_ids, document_area=document.area.short_name,
                                         printed_page=document.printed_page_of(o.source_line) if o.source_line else None)
                         for o in reading.observations],
        "warnings": [warning_row(w, pages=pages, shown=shown) for w in reading.warnings[:WARNINGS_LISTED]],
        "warnings_left_out": max(0, len(reading.warnings) - WARNINGS_LISTED),
        "conflicts": [conflict_row(o, pages=pages, shown=shown) for o in reading.conflicts],
    }


def document_detail(request, document_id: int):
    """One page of the report's lines; `fragment=1`: just its lines and observations, for the script."""
    outline = document_outline(document_id=document_id)
    if outline is None:
        raise Http404(_("Không có tài liệu này"))
    lines = outline.document.lines
    pages = document_pages([len(line) for line in lines], outline.observations_per_line)
    try:
        shown, past_end = requested_page(request, pages, len(lines), outline.document.page_starts)
    except ValueError:
        return bad_request(_("Tham số page, printed_page và line phải là số nguyên dương"))
    if shown is None:
        raise Http404(past_end)
    fragment = bool(request.GET.get("fragment"))
    may_review = not fragment and permissions.may_write_for(request.user, outline.document.area)
    return render(request, "indicators/document_detail.html", {
        "base_template": fragment_base() if fragment else "base.html",
        "document": outline.document,
        "title": display_title(outline.document),
        "line_count": len(lines),
        "printed_page_count": len(outline.document.page_starts),
        "page_count": len(pages),
        "observation_count": outline.observation_count,
        "past_end": past_end,
        "review_tables": document_tables(document=outline.document) if may_review else [],
        "versions": list(outline.document.versions.select_related("replaced_by").only(
            "number", "file_name", "ingested_at", "replaced_at", "replaced_by__username", "document_id")),
        **page_context(outline, pages, shown),
    })


VERSION_LINES_PER_PAGE = 500


def document_version(request, document_id: int, number: int):
    """An earlier version of a report: who ingested and who replaced it, what the next version changed
    in its numbers, then its numbers and its text (a page of lines at a time)."""
    version = (DocumentVersion.objects.select_related("document__area", "area", "ingested_by", "replaced_by")
               .filter(document_id=document_id, number=number).first())
    if version is None:
        raise Http404(_("Không có phiên bản này"))
    later = DocumentVersion.objects.filter(document_id=document_id, number=number + 1).first()
    newer_rows = later.observations if later else observation_rows(version.document)
    lines = version.lines
    try:
        page = _positive_int(request.GET.get("page")) or 1
    except ValueError:
        return bad_request(_("Tham số page phải là số nguyên dương"))
    page_count = max(1, -(-len(lines) // VERSION_LINES_PER_PAGE))
    page = min(page, page_count)
    first = (page - 1) * VERSION_LINES_PER_PAGE
    diff = numbers_diff(version.observations, newer_rows)
    return render(request, "indicators/document_version.html", {
        "version": version, "document": version.document, "later": later,
        "diff": diff,
        "changed": [(_shown(row), [_value_shown(row, v) for v in before], [_value_shown(row, v) for v in after])
                    for row, before, after in diff.changed],
        "added": [_shown(row) for row in diff.added], "removed": [_shown(row) for row in diff.removed],
        "numbers": [_shown(row) for row in version.observations],
        "lines": list(enumerate(lines[first:first + VERSION_LINES_PER_PAGE], start=first + 1)),
        "page": page, "page_count": page_count,
    })


def _value_shown(row: dict, value: str) -> str:
    return format_stated_value(Decimal(value), row["unit"], row["qualifier"])


def _shown(row: dict) -> dict:
    """A kept number (reports.versions.SNAPSHOT_FIELDS, JSON) as pages print one: 89.455, dd/mm/yyyy."""
    return {**row, "value": _value_shown(row, row["value"]),
            "period": format_period(dt.date.fromisoformat(row["period_start"]), dt.date.fromisoformat(row["period_end"])),
            "breakdown": breakdown_label(row["breakdown"], language="en" if is_english() else "vi"),
            "status": pick_language(STATUS_LABELS.get(row["status"], row["status"]))}

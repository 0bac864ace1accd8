"""Report lines as safe HTML: the reports' own light markup rendered, everything else escaped, and the
numbers observations were read from highlighted: the exact characters the extractor stored for each
(Observation.source_start/source_end), never found again.

Two layers, both table-driven. A line's block shape (BLOCK_RULES: heading, list item, rule, table row,
paragraph) decides its element, and every line keeps its own element with id="L<n>", so that a source
link lands on it; table rows of consecutive lines make one table. Inside a block, a stretch of the line
(the text after "## " or "- ", or one cell) is reduced to display characters, each with its style
(**bold**, *italic*, <b>, <i>, <sup>, <sub>, backslash escapes); marks are placed in that display text;
every run of text is escaped on its own before it is wrapped in tags, so nothing from the report ever
reaches the page unescaped. Offsets stay those of the whole line, so a mark lands on the characters read
wherever the block's markup puts them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INLINE_MARKUP = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>~]|\*+|</?(?:b|strong|i|em|sup|sub)>", re.IGNORECASE)
STYLE_OF_TAG = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "sup": "sup", "sub": "sub"}
STYLE_ORDER = ("strong", "em", "sup", "sub")
NO_STYLE: frozenset = frozenset()
NUMERIC_CELL = re.compile(r"[\d.,%()+\-–\s]*\d[\d.,%()+\-–\s]*")


@dataclass
class Mark:
    start: int
    end: int
    observation_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Run:
    """Consecutive display characters [start, end) sharing one set of styles."""

    start: int
    end: int
    styles: frozenset


@dataclass
class Display:
    """A stretch of a line as the reader sees it."""

    text: str
    runs: list[Run]
    at: list[int]  # where each character of the stretch (and its end) falls in `text`
    breaks: set[int]  # display offsets where two header lines were glued together: a line break
    end_styles: frozenset  # styles still open at its end: a bold title may go on on the next line


@dataclass(frozen=True)
class Span:
    """An observation's characters, counted from the start of the stretch being rendered."""

    id: int
    source_start: int | None
    source_end: int | None


def _star_run(stars: str, active: frozenset, *, before: str, after: str) -> tuple[frozenset, bool] | None:
    """The styles after a run of stars and whether it glues two header lines ("BÁO CÁO****tổng kết");
    None when the stars are text: between spaces, or with nothing to open or close ("31/12/2023*")."""
    can_open, can_close = bool(after.strip()), bool(before.strip())  # a run opens text after it, closes text before
    if not (can_open or can_close):
        return None
    styles, opened, closed = active, False, False
    for width in [2] * (len(stars) // 2) + [1] * (len(stars) % 2):
        style = "strong" if width == 2 else "em"
        if style in styles and can_close:
            styles, closed = styles - {style}, True
        elif style not in styles and can_open:
            styles, opened = styles | {style}, True
    if not (opened or closed):
        return None
    return styles, opened and closed and can_open and can_close


def display_text(line: str, *, styles: frozenset = NO_STYLE) -> Display:
    """The line without its markup, with `styles` open at its start (a bold title's second line)."""
    pieces: list[str] = []
    runs: list[Run] = []
    breaks: set[int] = set()
    at = [0] * (len(line) + 1)
    active, position, length = styles, 0, 0

    def add_text(piece: str, raw_start: int, raw_end: int) -> None:
        nonlocal length
        for k in range(raw_start, raw_end):
            at[k] = length + min(k - raw_start, len(piece) - 1)
        pieces.append(piece)
        if runs and runs[-1].styles == active and runs[-1].end == length:
            runs[-1] = Run(runs[-1].start, length + len(piece), active)
        else:
            runs.append(Run(length, length + len(piece), active))
        length += len(piece)

    for match in [*INLINE_MARKUP.finditer(line), None]:
        piece_end = match.start() if match else len(line)
        if piece_end > position:
            add_text(line[position:piece_end], position, piece_end)
        if match is None:
            break
        token = match.group()
        position = match.end()
        if token.startswith("\\"):  # an escaped character is text: "\*" is a star
            add_text(token[1], match.start(), match.end())
            continue
        if token.startswith("*"):
            outcome = _star_run(token, active, before=line[match.start() - 1:match.start()], after=line[position:position + 1])
            if outcome is None:
                add_text(token, match.start(), match.end())
                continue
            active, glued = outcome
            if glued:
                breaks.add(length)
        else:
            style = STYLE_OF_TAG[token.strip("</>").lower()]
            active = active - {style} if token.startswith("</") else active | {style}
        for k in range(match.start(), match.end()):
            at[k] = length
    at[len(line)] = length
    return Display(text="".join(pieces), runs=runs, at=at, breaks=breaks, end_styles=active)


def marks_for(*, at: list[int], observations) -> list[Mark]:
    """Non-overlapping marks over the exact characters each observation's number was read from (its
    source span in the line as written, placed in the display text by `at`); observations read from the
    same characters share one mark."""
    marks: list[Mark] = []
    for observation in observations:
        start, end = observation.source_start, observation.source_end
        if start is None or end is None or not 0 <= start < end < len(at):
            continue  # typed in or imported, or outside this stretch: no words to point at here
        span = (at[start], at[end - 1] + 1)
        overlapping = next((m for m in marks if m.start < span[1] and span[0] < m.end), None)
        if overlapping is not None:
            overlapping.observation_ids.append(observation.id)
        else:
            marks.append(Mark(start=span[0], end=span[1], observation_ids=[observation.id]))
    return sorted(marks, key=lambda m: m.start)


def _styled(display: Display, start: int, end: int) -> str:
    """Escaped text[start:end], each styled stretch wrapped in its tags, a <br> where lines were glued
    (one at `start` is the caller's: it goes before a mark, not inside it)."""
    parts = []
    for run in display.runs:
        if run.end <= start or run.start >= end:
            continue
        run_start, run_end = max(run.start, start), min(run.end, end)
        cuts = [run_start, *sorted(b for b in display.breaks if run_start < b < run_end), run_end]
        for piece_start, piece_end in zip(cuts, cuts[1:]):
            html = escape(display.text[piece_start:piece_end])
            for style in reversed(STYLE_ORDER):
                if style in run.styles:
                    html = f"<{style}>{html}</{style}>"
            parts.append(("<br>" if piece_start in display.breaks and piece_start > start else "") + html)
    return "".join(parts)


@dataclass
class Rendered:
    html: SafeString
    marks: list[Mark]
    end_styles: frozenset
    text: str  # as the reader sees it


def render_stretch(line: str, start: int, end: int, *, observations=(), styles: frozenset = NO_STYLE) -> Rendered:
    """The HTML of line[start:end] with the marks of the observations read from it."""
    display = display_text(line[start:end], styles=styles)
    inside = [Span(o.id, o.source_start - start, o.source_end - start) for o in observations
              if o.source_start is not None and o.source_end is not None and start <= o.source_start < o.source_end <= end]
    marks = marks_for(at=display.at, observations=inside)
    parts, position = [], 0

    def break_at(offset: int) -> str:
        return "<br>" if offset in display.breaks and offset > 0 else ""

    def between_marks(begin: int, finish: int) -> str:
        return break_at(begin) + _styled(display, begin, finish) if finish > begin else ""

    for mark in marks:
        parts.append(between_marks(position, mark.start))
        first, *others = mark.observation_ids
        extra_anchors = "".join(f'<span id="mark-{other}"></span>' for other in others)
        parts.append(
            f"{break_at(mark.start)}"
            f'<a class="source-number" id="mark-{first}" href="#obs-{first}">{extra_anchors}'
            f"<mark>{_styled(display, mark.start, mark.end)}</mark></a>"
        )
        position = mark.end
    parts.append(between_marks(position, len(display.text)))
    # Safe: every piece of report text above went through escape(); only our own tags are added.
    return Rendered(html=mark_safe("".join(parts)), marks=marks, end_styles=display.end_styles, text=display.text)


def render_line(line: str, *, observations=()) -> tuple[SafeString, list[Mark]]:
    """One line's inline markup (no block shape) and the marks placed in it (observations whose number
    was not found get none)."""
    rendered = render_stretch(line, 0, len(line), observations=observations)
    return rendered.html, rendered.marks


# ---------------------------------------------------------------------------------------------------------
# Blocks: what a line is. The first rule that matches wins; its match ends where the line's text begins.

@dataclass(frozen=True)
class BlockRule:
    kind: str
    pattern: re.Pattern


BLOCK_RULES = (
    BlockRule("blank", re.compile(r"\s*$")),
    BlockRule("rule", re.compile(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*$")),  # "-----" under the title
    BlockRule("cells", re.compile(r"(?=[^\n]*\t)")),  # a row of a tab-separated table (the converters' tables)
    BlockRule("pipe_delimiter", re.compile(r"\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")),  # |---|:--:|
    BlockRule("pipe_cells", re.compile(r"(?=\s*\|.*\|\s*$)")),  # | a | b |
    BlockRule("heading", re.compile(r" {0,3}(#{1,6})[ \t]+")),
    BlockRule("item", re.compile(r"\s*[-+*•]\s+")),  # "- item", "+ item": its marker drawn as a bullet
    BlockRule("numbered", re.compile(r"\s*(?=\d{1,3}[.)]\s)")),  # "1. item": its number stays in the text
    BlockRule("paragraph", re.compile(r"\s*")),
)
TABLE_KINDS = {"cells", "pipe_cells", "pipe_delimiter"}
# Lines whose open bold or italic goes on on the next line when that line continues their paragraph (a line
# of its own kind "paragraph": an item or a heading opens a new block).
TEXT_KINDS = {"paragraph", "item", "numbered"}
PIPE_SPLIT = re.compile(r"(?<!\\)\|")
# The report's "#" is its top level; the page's own h1 and h2 come first.
HEADING_TAG_OF_LEVEL = {1: "h3", 2: "h3", 3: "h4", 4: "h5", 5: "h6", 6: "h6"}


def block_of(line: str) -> tuple[str, re.Match]:
    for rule in BLOCK_RULES:
        match = rule.pattern.match(line)
        if match:
            return rule.kind, match
    raise AssertionError("the paragraph rule matches every line")


def cells_of(line: str, kind: str) -> list[tuple[int, int]]:
    """The [start, end) of each cell of a table row in the line, outer spaces left out."""
    if kind == "cells":
        bounds, position = [], 0
        for part in line.split("\t"):
            bounds.append((position, position + len(part)))
            position += len(part) + 1
    else:
        inner_start = line.index("|") + 1
        inner_end = line.rindex("|")
        bounds, position = [], inner_start
        for part in PIPE_SPLIT.split(line[inner_start:inner_end]):
            bounds.append((position, position + len(part)))
            position += len(part) + 1
    trimmed = []
    for start, end in bounds:
        text = line[start:end]
        start += len(text) - len(text.lstrip())
        end -= len(text) - len(text.rstrip())
        trimmed.append((start, max(start, end)))
    return trimmed


@dataclass
class LineContext:
    """What the page knows of one line beyond its text."""

    number: int
    observations: list = field(default_factory=list)
    warning_codes: str = ""
    printed_page: int | None = None  # the PDF's page that starts on this line


@dataclass
class RenderedPage:
    html: SafeString
    marked_ids: set[int]


def _line_attributes(context: LineContext, classes: str) -> SafeString:
    warned = " warned" if context.warning_codes else ""
    title = format_html(' title="{}"', context.warning_codes) if context.warning_codes else ""
    return format_html('class="{}{}" id="L{}" data-n="{}"{}', classes, warned, context.number, context.number, title)


def _text_block(line: str, kind: str, match: re.Match, context: LineContext, styles: frozenset) -> tuple[str, Rendered]:
    rendered = render_stretch(line, match.end(), len(line.rstrip()), observations=context.observations, styles=styles)
    if kind == "heading":
        tag = HEADING_TAG_OF_LEVEL[len(match.group(1))]
        return format_html("<{} {}>{}</{}>", tag, _line_attributes(context, "line heading"), rendered.html, tag), rendered
    if kind == "item":
        bullet = mark_safe('<span class="item-marker" aria-hidden="true">•</span>')
        return format_html("<p {}>{}{}</p>", _line_attributes(context, "line item"), bullet, rendered.html), rendered
    classes = "line numbered" if kind == "numbered" else "line"
    return format_html("<p {}>{}</p>", _line_attributes(context, classes), rendered.html), rendered


def _table_row(line: str, kind: str, context: LineContext, *, header: bool) -> tuple[str, list[Mark]]:
    if kind == "pipe_delimiter":  # the row that makes the one above a header: nothing to read
        return format_html('<tr id="L{}" class="delimiter" hidden></tr>', context.number), []
    cells, marks = [], []
    for start, end in cells_of(line, kind):
        rendered = render_stretch(line, start, end, observations=context.observations)
        marks.extend(rendered.marks)
        numeric = NUMERIC_CELL.fullmatch(rendered.text)
        cell_tag = "th" if header else "td"
        cells.append(format_html('<{}{}>{}</{}>', cell_tag, mark_safe(' class="number"') if numeric else "",
                                 rendered.html, cell_tag))
    warned = format_html(' class="warned" title="{}"', context.warning_codes) if context.warning_codes else ""
    page_label = format_html(' <span class="printed-page" id="P{}">{}</span>', context.printed_page,
                             printed_page_label(context.printed_page)) if context.printed_page else ""
    row = format_html('<tr id="L{}"{}><td class="ln">{}{}</td>{}</tr>', context.number, warned, context.number,
                      page_label, mark_safe("".join(cells)))
    return row, marks


def printed_page_label(number: int) -> str:
    return _("Trang %(number)s") % {"number": number}


def _printed_page_break(number: int) -> str:
    """Where a page of the printed report (a PDF's) begins, so a reader can match the text to the paper."""
    return format_html('<p class="printed-page" id="P{}" role="separator">{}</p>', number, printed_page_label(number))


def _table(rows: list[str], first: int, last: int) -> str:
    label = _("Bảng trong báo cáo, dòng %(first)s–%(last)s") % {"first": first, "last": last}
    return format_html('<div class="table-box" role="region" tabindex="0" aria-label="{}"><table class="report-table">'
                       "<tbody>{}</tbody></table></div>", label, mark_safe("".join(rows)))


def styles_at(lines: list[str], index: int) -> frozenset:
    """The styles open at the start of lines[index]: those its paragraph's earlier lines left open (a page
    may start in the middle of a bold title set over two lines)."""
    start = index
    while start > 0 and block_of(lines[start])[0] == "paragraph" and block_of(lines[start - 1])[0] in TEXT_KINDS \
            and index - start < 20:
        start -= 1
    styles = NO_STYLE
    for k in range(start, index):
        kind, match = block_of(lines[k])
        styles = display_text(lines[k][match.end():], styles=styles if kind == "paragraph" else NO_STYLE).end_styles
    return styles


def render_page(lines: list[str], first: int, last: int, *, context_of) -> RenderedPage:
    """Lines first..last (1-based) of the document as HTML blocks; `context_of(n)` gives each line's
    observations and warnings."""
    blocks: list[str] = []
    marked: set[int] = set()
    table_rows: list[str] = []
    table_first = 0
    styles = styles_at(lines, first - 1)
    kinds = [block_of(line) for line in lines[first - 1:last + 1]]  # and the next line's: a pipe header's rule
    for offset, (kind, match) in enumerate(kinds[:last - first + 1]):
        number, line = first + offset, lines[first + offset - 1]
        context = context_of(number)
        if kind in TABLE_KINDS:
            is_header = kind == "pipe_cells" and offset + 1 < len(kinds) and kinds[offset + 1][0] == "pipe_delimiter"
            row, marks = _table_row(line, kind, context, header=is_header)
            table_first = table_first or number
            table_rows.append(row)
            marked.update(pk for mark in marks for pk in mark.observation_ids)
            styles = NO_STYLE
            continue
        if table_rows:
            blocks.append(_table(table_rows, table_first, number - 1))
            table_rows, table_first = [], 0
        if context.printed_page:
            blocks.append(_printed_page_break(context.printed_page))
        if kind == "blank":
            blocks.append(format_html('<div class="line blank" id="L{}"></div>', number))
            styles = NO_STYLE
        elif kind == "rule":
            blocks.append(format_html('<hr class="line" id="L{}">', number))
            styles = NO_STYLE
        else:
            html, rendered = _text_block(line, kind, match, context, styles if kind == "paragraph" else NO_STYLE)
            blocks.append(html)
            marked.update(pk for mark in rendered.marks for pk in mark.observation_ids)
            styles = rendered.end_styles if kind in TEXT_KINDS else NO_STYLE
    if table_rows:
        blocks.append(_table(table_rows, table_first, last))
    # Safe: every block was built by format_html or from escaped stretches.
    return RenderedPage(html=mark_safe("\n".join(blocks)), marked_ids=marked)

"""One report line as safe HTML: its own light markup (**bold**, *italic*, <sup>) rendered,
everything else escaped, and the numbers observations were read from highlighted.

The line is first reduced to display characters, each with its style; marks are found in
that display text; every run of text is escaped on its own before it is wrapped in tags, so
nothing from the report ever reaches the page unescaped."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARKUP = re.compile(r"\*\*|\*|</?(?:b|strong|i|em|sup|sub)>", re.IGNORECASE)
STYLE_OF_TAG = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "sup": "sup", "sub": "sub"}
STYLE_ORDER = ("strong", "em", "sup", "sub")
NUMBER = re.compile(r"\d[\d.,]*\d|\d")


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


def display_text(line: str) -> tuple[str, list[Run]]:
    """The line without its markup, and the runs of styles over the remaining characters."""
    pieces, runs = [], []
    active: frozenset = frozenset()
    position = length = 0
    for match in [*MARKUP.finditer(line), None]:
        piece = line[position:match.start() if match else len(line)]
        if piece:
            pieces.append(piece)
            runs.append(Run(length, length + len(piece), active))
            length += len(piece)
        if match is None:
            break
        token = match.group().lower()
        if token in ("**", "*"):
            active = active ^ {"strong" if token == "**" else "em"}
        else:
            style = STYLE_OF_TAG[token.strip("</>")]
            active = active - {style} if token.startswith("</") else active | {style}
        position = match.end()
    return "".join(pieces), runs


def vietnamese_number(text: str) -> Decimal | None:
    """'89.455' -> 89455, '15,15' -> 15.15, '08' -> 8: how the reports write numbers."""
    cleaned = text.replace(".", "").replace(",", ".") if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?|\d+(,\d+)?", text) \
        else text.replace(",", "")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def number_span(*, text: str, quote: str, value: Decimal) -> tuple[int, int] | None:
    """Where the observation's number is written in the display text: inside its quote when
    the quote is found, else anywhere in the line; the number equal to the value first."""
    plain_quote, _ = display_text(quote or "")
    plain_quote = plain_quote.strip()
    offset = text.find(plain_quote) if plain_quote else -1
    window_start, window = (offset, plain_quote) if offset >= 0 else (0, text)
    numbers = list(NUMBER.finditer(window))
    for match in numbers:
        if vietnamese_number(match.group()) == value:
            return window_start + match.start(), window_start + match.end()
    if offset >= 0:
        if numbers:
            return window_start + numbers[0].start(), window_start + numbers[0].end()
        return offset, offset + len(plain_quote)
    return None


def marks_for(*, text: str, observations) -> list[Mark]:
    """Non-overlapping marks; observations read from the same characters share one mark."""
    marks: list[Mark] = []
    for observation in observations:
        span = number_span(text=text, quote=observation.quote, value=observation.value)
        if span is None:
            continue
        overlapping = next((m for m in marks if m.start < span[1] and span[0] < m.end), None)
        if overlapping is not None:
            overlapping.observation_ids.append(observation.id)
        else:
            marks.append(Mark(start=span[0], end=span[1], observation_ids=[observation.id]))
    return sorted(marks, key=lambda m: m.start)


def _styled(text: str, runs: list[Run], start: int, end: int) -> str:
    """Escaped text[start:end], each styled stretch wrapped in its tags."""
    parts = []
    for run in runs:
        if run.end <= start or run.start >= end:
            continue
        html = escape(text[max(run.start, start):min(run.end, end)])
        for style in reversed(STYLE_ORDER):
            if style in run.styles:
                html = f"<{style}>{html}</{style}>"
        parts.append(html)
    return "".join(parts)


def render_line(line: str, *, observations=()) -> tuple[SafeString, list[Mark]]:
    """The line's HTML and the marks placed in it (observations whose number was not found get none)."""
    text, runs = display_text(line)
    marks = marks_for(text=text, observations=observations)
    parts, position = [], 0
    for mark in marks:
        parts.append(_styled(text, runs, position, mark.start))
        first, *others = mark.observation_ids
        extra_anchors = "".join(f'<span id="mark-{other}"></span>' for other in others)
        parts.append(
            f'<a class="source-number" id="mark-{first}" href="#obs-{first}">{extra_anchors}'
            f"<mark>{_styled(text, runs, mark.start, mark.end)}</mark></a>"
        )
        position = mark.end
    parts.append(_styled(text, runs, position, len(text)))
    # Safe: every piece of report text above went through escape(); only our own tags are added.
    return mark_safe("".join(parts)), marks

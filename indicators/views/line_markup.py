"""One report line as safe HTML: its own light markup (**bold**, *italic*, <sup>) rendered,
everything else escaped, and the numbers observations were read from highlighted: the exact
characters the extractor stored for each (Observation.source_start/source_end), never found again.

The line is first reduced to display characters, each with its style; marks are found in
that display text; every run of text is escaped on its own before it is wrapped in tags, so
nothing from the report ever reaches the page unescaped."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MARKUP = re.compile(r"\*\*|\*|</?(?:b|strong|i|em|sup|sub)>", re.IGNORECASE)
STYLE_OF_TAG = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "sup": "sup", "sub": "sub"}
STYLE_ORDER = ("strong", "em", "sup", "sub")


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


def display_text(line: str) -> tuple[str, list[Run], list[int]]:
    """The line without its markup, the runs of styles over the remaining characters, and where each
    character of the line (and its end) falls in that text."""
    pieces, runs = [], []
    at = [0] * (len(line) + 1)
    active: frozenset = frozenset()
    position = length = 0
    for match in [*MARKUP.finditer(line), None]:
        piece_end = match.start() if match else len(line)
        piece = line[position:piece_end]
        for k in range(len(piece)):
            at[position + k] = length + k
        if piece:
            pieces.append(piece)
            runs.append(Run(length, length + len(piece), active))
            length += len(piece)
        if match is None:
            break
        for k in range(match.start(), match.end()):
            at[k] = length
        token = match.group().lower()
        if token in ("**", "*"):
            active = active ^ {"strong" if token == "**" else "em"}
        else:
            style = STYLE_OF_TAG[token.strip("</>")]
            active = active - {style} if token.startswith("</") else active | {style}
        position = match.end()
    at[len(line)] = length
    return "".join(pieces), runs, at


def marks_for(*, at: list[int], observations) -> list[Mark]:
    """Non-overlapping marks over the exact characters each observation's number was read from (its
    source span in the line as written, placed in the display text by `at`); observations read from the
    same characters share one mark."""
    marks: list[Mark] = []
    for observation in observations:
        start, end = observation.source_start, observation.source_end
        if start is None or end is None or not 0 <= start < end < len(at):
            continue  # typed in or imported: no words to point at
        span = (at[start], at[end - 1] + 1)
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
    text, runs, at = display_text(line)
    marks = marks_for(at=at, observations=observations)
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

"""Layer 1: the document's lines as logical paragraphs.

Reports converted from Word cut sentences at page breaks and print the footnotes inside the break;
a body paragraph therefore continues on the next body line when its last line has no final stop
or the next line starts in lowercase. A footnote (`<sup>N</sup> ...`) is a paragraph of its own, as
is a heading, a list item (`- `, `+ `) and a web copy's dateline. Markup (`**`, `<sup>N</sup>`) is
blanked to spaces in a paragraph's text, so every offset is an offset in the file's line.
"""
from __future__ import annotations

import re

from ..phrases import CAPITAL
from bisect import bisect_right
from dataclasses import dataclass, field

FOOTNOTE_RE = re.compile(r"^\s*\**\s*<sup>(\d+)</sup>")
MARKER_RE = re.compile(r"<sup>(\d+)</sup>")
SUP_RE = re.compile(r"<sup>.*?</sup>")
HEADING_RE = re.compile(r"^\s*(#+|\*\*\s*\d+(\.\d+)*\.\s|\*\*\s*[IVX]+\s*[-.]|\*\*\s*[IVX]+\.\s|[IVX]+\s*[.-]\s+" + CAPITAL + r")")
# "1. Công tác ...", "2.3. Kết quả ...", "a) Biên chế công chức": a numbered line short enough to be a heading
NUMBERED_HEADING_RE = re.compile(r"^\s*\**\s*(?:\d+(?:\.\d+)*\.?|[a-zđ]\))\s+" + CAPITAL + r"[^.;]{0,160}$")
ITEM_RE = re.compile(r"^\s*(?:[-+•–]|\*(?!\*))\s+\S")
SEPARATOR_RE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,}|\\\*|\*)\s*$")
# What is left of a picture in a saved web page ("![](...)", ".jpg)"): no text.
IMAGE_RE = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)|\S*\.(?:jpe?g|png|gif|webp)\)?)\s*$", re.IGNORECASE)
# A line this short without a final stop is a title, not a paragraph a page break cut.
TITLE_LENGTH = 120
SENTENCE_END = ".!?…"
# The dateline of a web copy ("Cập nhật lúc 22:38, Thứ Hai, 08/10/2018 (GMT+7)") stands alone.
DATELINE_RE = re.compile(r"^\s*(?:cập\s+nhật|đăng|ngày\s+đăng)\s*(?:lúc|ngày|[:,])|\((?:gmt|utc)\s*[+-]\s*\d{1,2}\)",
                         re.IGNORECASE)
BODY, FOOTNOTE, HEADING, ITEM = "body", "footnote", "heading", "item"


@dataclass
class Segment:
    line: int  # 1-based line number in the file
    start: int  # offset of the line's first character in the paragraph text
    length: int


@dataclass
class Paragraph:
    kind: str  # BODY, FOOTNOTE, HEADING or ITEM
    segments: list[Segment] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)  # each segment's line as written
    footnote: int | None = None  # a footnote's number
    starts_section: bool = False
    _text: str | None = None
    _starts: list[int] | None = None

    @property
    def text(self) -> str:
        """The lines joined by one space, markup blanked: offsets map back to the lines."""
        if self._text is None:
            self._text = " ".join(blank_markup(r) for r in self.raw)
        return self._text

    def append(self, number: int, line: str) -> None:
        # blank_markup keeps a line's length: the text is the lines' lengths plus one space between each
        last = self.segments[-1] if self.segments else None
        length = last.start + len(self.raw[-1]) if last is not None else len(self.text)
        self.segments.append(Segment(number, length + 1, len(line)))
        self.raw.append(line)
        self._text = None
        self._starts = None

    def locate(self, pos: int) -> tuple[Segment, str]:
        """The segment (line) holding paragraph offset `pos`, and its raw text."""
        if self._starts is None or len(self._starts) != len(self.segments):
            self._starts = [s.start for s in self.segments]
        i = max(0, bisect_right(self._starts, pos) - 1)
        return self.segments[i], self.raw[i]

    @property
    def first_line(self) -> int:
        return self.segments[0].line

    @property
    def ends_with_colon(self) -> bool:
        return self.text.rstrip(" *_").endswith(":")


def blank_markup(line: str) -> str:
    """Same length as `line`, markup and footnote markers turned to spaces."""
    line = SUP_RE.sub(lambda m: " " * len(m.group(0)), line)
    line = re.sub(r"</?(?:b|i|strong|em|u)>", lambda m: " " * len(m.group(0)), line, flags=re.IGNORECASE)
    return re.sub(r"[*#_\\]", " ", line)


def _plain_end(line: str) -> str:
    return blank_markup(line).rstrip()


def _first_letter(line: str) -> str:
    m = re.search(r"[^\W\d_]", blank_markup(line))
    return m.group(0) if m else ""


def _is_heading(line: str) -> bool:
    if HEADING_RE.match(line) and not _has_body_after_lead_in(line):
        return True
    plain = blank_markup(line).strip()
    return bool(NUMBERED_HEADING_RE.match(plain)) and len(plain) < 170 and not plain.endswith(".")


def _has_body_after_lead_in(line: str) -> bool:
    """A bold numbered lead-in followed on the same line by the section's text: a body paragraph."""
    m = re.match(r"^\s*\*\*[^*]+\*\*", line)
    return bool(m) and len(blank_markup(line[m.end():]).strip()) > 40


def build_paragraphs(lines: list[str], skip_lines: set[int]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    open_body: Paragraph | None = None  # the body paragraph a following line may continue
    open_footnote: Paragraph | None = None  # a footnote a page break cut mid-sentence
    for number, line in enumerate(lines, 1):
        if number in skip_lines or not line.strip() or SEPARATOR_RE.match(line) or IMAGE_RE.match(line):
            continue
        footnote = FOOTNOTE_RE.match(line)
        if footnote:
            paragraphs.append(_paragraph(FOOTNOTE, number, line, footnote=int(footnote.group(1))))
            open_footnote = paragraphs[-1] if _cut_mid_sentence(paragraphs[-1]) else None
            continue
        if open_footnote is not None and open_body is not None and open_body.first_line > open_footnote.first_line \
                and _cut_mid_sentence(open_body) and not _is_heading(line) and not _opens_a_paragraph(line):
            # the next page's body was cut too: this line is the footnote area of that page, where the cut
            # footnote goes on; the body goes on after it
            open_footnote.append(number, line)
            open_footnote = open_footnote if _cut_mid_sentence(open_footnote) else None
            continue
        if DATELINE_RE.search(line):
            paragraphs.append(_paragraph(BODY, number, line))
            open_body = None
            continue
        if _is_heading(line):
            paragraphs.append(_paragraph(HEADING, number, line, starts_section=True))
            open_body = None
            continue
        if ITEM_RE.match(line):
            open_body = _paragraph(ITEM, number, line)
            paragraphs.append(open_body)
            continue
        if HEADING_RE.match(line):  # "**5.7. Công tác ...:** Ban Thường vụ ...": a section's first paragraph
            open_body = _paragraph(BODY, number, line, starts_section=True)
            paragraphs.append(open_body)
            continue
        if open_body is not None and _continues(open_body, line):
            open_body.append(number, line)
            continue
        open_body = _paragraph(BODY, number, line)
        paragraphs.append(open_body)
    return paragraphs


def _continues(paragraph: Paragraph, line: str) -> bool:
    """A line goes on with the paragraph before it when it starts in lowercase, or when that paragraph
    stopped mid-sentence (no final punctuation: a page break cut it), unless that was a short line of its
    own (a title, a news headline)."""
    if _first_letter(line).islower():
        return True
    last = _plain_end(paragraph.raw[-1])
    return paragraph.kind != ITEM and last[-1:] not in SENTENCE_END + ":;" \
        and (len(paragraph.raw) > 1 or len(last.strip()) > TITLE_LENGTH)


def _opens_a_paragraph(line: str) -> bool:
    first = re.search(r"\S", blank_markup(line))
    return bool(first) and first.group(0).isupper()


def _cut_mid_sentence(paragraph: Paragraph) -> bool:
    return _plain_end(paragraph.raw[-1])[-1:] not in SENTENCE_END + ":;"


def _paragraph(kind: str, number: int, line: str, **kw) -> Paragraph:
    return Paragraph(kind, [Segment(number, 0, len(line))], [line], **kw)

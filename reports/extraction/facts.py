"""What the extractors hand to ingestion: plain data, no Django.

An extractor reads the NFC-normalised lines of one document and returns `Fact`s and
`ExtractionWarning`s. Ingestion (reports.services) turns each Fact into an Observation,
resolving `indicator_code`/`concept` against the catalogue and `area_name` against the
gazetteer.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

FAMILIES = (
    "party_members",
    "party_organizations",
    "staff",
    "admin_units",
    "public_bodies",
    "discipline",
    "cadres",
    "elections",
    "admin_reform",
    "other",
)
CORE_FAMILIES = FAMILIES[:5]

METHOD_TABLE = "table"
METHOD_NARRATIVE = "narrative"


@dataclass
class Fact:
    line: int  # 1-based line of the document where the number stands
    quote: str  # exact substring of that line: the number with the words that say what it counts
    value: Decimal
    family: str  # one of FAMILIES
    unit: str  # person, party_member, organization, unit, case, percent, ratio, times, other
    period_start: dt.date | None  # a stock has period_start == period_end
    period_end: dt.date | None
    method: str = METHOD_NARRATIVE
    indicator_code: str | None = None  # a catalogue code when one fits
    # A catalogue code a table row's own words name while the row counts within a narrower scope
    # (its parent's): compared with that indicator for conflicts, never stored in its series.
    namesake_code: str | None = None
    concept: str = ""  # Vietnamese label of what is counted, used when no catalogue code fits
    breakdown: dict[str, str] = field(default_factory=dict)  # e.g. {"sex": "nữ"}
    qualifier: str = ""  # "gần", "hơn", "trên", "khoảng", "từ ... trở lên", "không quá"...
    area_name: str | None = None  # a place the sentence itself names; None = the document's place
    area_level: str | None = None  # "province" | "district" | "commune" for area_name
    area_former: bool = False  # written "(cũ)": the unit as it was before the 2025 reorganisation
    area_prefix: str = ""  # the prefix it is written with ("Huyện", "Thành phố"): it tells namesakes apart
    table: str = ""  # "Biểu số 6" for table cells
    row: str = ""
    column: str = ""
    # Where the number itself is written in its line (0-based columns, end exclusive): the document
    # page highlights exactly these characters.
    column_start: int | None = None
    column_end: int | None = None

    @property
    def is_stock(self) -> bool:
        return self.period_start == self.period_end


@dataclass
class ExtractionWarning:
    line: int
    code: str  # short machine name: "broken_cell", "table_not_understood", "sum_mismatch", ...
    message: str  # human sentence, Vietnamese or English
    quote: str = ""


# --- breakdown options ---------------------------------------------------------------------------
# A breakdown is stored as 'dimension=option' pairs sorted by dimension and joined by "; " (DHIS2's
# category options). Every option an extractor or ingestion writes goes through breakdown_option(), so
# that options are the report's words in plain text: no markup, NFC, single spaces, never "; " (which
# would start a bogus pair) and never a word cut in the middle.

PAIR_SEPARATOR = "; "
BREAKDOWN_MAX_CHARS = 300  # Observation.breakdown's length
ELLIPSIS = "…"

_SUPERSCRIPT_RE = re.compile(r"<(sup|sub)\b[^<>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)  # a footnote marker
_INLINE_TAG_RE = re.compile(r"</?(?:b|i|u|em|strong|span|sup|sub|mark|small)\b[^<>]*>", re.IGNORECASE)
_OTHER_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")  # <br>, <p>, <td>...: a break between words
_EMPHASIS_RE = re.compile(r"\\?\*+|(?<!\w)_{2,}|_{2,}(?!\w)")  # markdown's **bold**, *italic*, __bold__
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_SEMICOLON_RE = re.compile(r"\s*;\s*")
_EQUALS_RE = re.compile(r"\s*=\s*")
_EDGE_PUNCTUATION = " \t,;:·-–—"


def breakdown_option(text: str, *, limit: int | None = None, keep: str = "start", cut_before: bool = False) -> str:
    """An option's text, clean: markup removed (`<sup>29</sup>` footnote markers with their number, other
    tags, `**`, `*`), NFC, whitespace collapsed, "; " and "=" (which would make a bogus pair) written
    ", " and ": ", stray punctuation at its ends and unmatched brackets dropped. With `limit`, a longer
    text is cut at a word boundary and marked "…": its end is dropped (keep="start"), or its beginning
    (keep="end", for words that lead up to a number; then it begins after a comma or colon when one comes
    early, not inside a phrase). `cut_before`: the text is already a piece of a longer sentence (a quote
    that starts mid-clause), so it is treated as cut at its beginning. Idempotent."""
    text = unicodedata.normalize("NFC", text or "")
    text = _SUPERSCRIPT_RE.sub("", text)
    text = _INLINE_TAG_RE.sub("", text)
    text = _OTHER_TAG_RE.sub(" ", text)
    text = _EMPHASIS_RE.sub("", text)
    text = _EMPTY_BRACKETS_RE.sub(" ", text)
    text = _SEMICOLON_RE.sub(", ", text)
    text = _EQUALS_RE.sub(": ", text)
    text = " ".join(text.split())
    text = _balanced(text.strip(_EDGE_PUNCTUATION)).strip(_EDGE_PUNCTUATION) or text  # "-" stays "-"
    if limit is not None and len(text) > limit:
        text = _shortened(text, limit, keep)
    elif cut_before and text and not text.startswith(ELLIPSIS):
        text = ELLIPSIS + _from_a_clause(text)
    return text


_CLAUSE_BREAK_RE = re.compile(r"[,;:]\s+")


def _from_a_clause(text: str) -> str:
    """A piece cut off at its beginning from its first clause on, when a comma or colon comes in its first
    half ("ủy, đảng ủy trực thuộc ... 153 tập thể" -> "đảng ủy trực thuộc ... 153 tập thể")."""
    found = _CLAUSE_BREAK_RE.search(text, 0, len(text) // 2 + 1)
    return text[found.end():] if found else text


def _balanced(text: str) -> str:
    """Without the brackets a cut left unmatched: a closing one nothing opened ("0,5%)"), an opening one
    never closed ("(gồm 22 chi")."""
    drop: set[int] = set()
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            opened.append(i)
        elif ch == ")":
            if opened:
                opened.pop()
            else:
                drop.add(i)
    drop.update(opened)
    return "".join(ch for i, ch in enumerate(text) if i not in drop) if drop else text


def _shortened(text: str, limit: int, keep: str) -> str:
    """At most `limit` characters, the ellipsis included, cut between words."""
    room = max(1, limit - len(ELLIPSIS))
    if keep == "end":
        tail = text[len(text) - room:]
        if not text[len(text) - room - 1].isspace() and " " in tail:
            tail = tail.split(" ", 1)[1]  # the word the cut fell in is dropped whole
        return ELLIPSIS + _from_a_clause(tail.strip(_EDGE_PUNCTUATION))
    head = text[:room]
    if not text[room].isspace() and " " in head:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(_EDGE_PUNCTUATION + "(") + ELLIPSIS


def clean_breakdown(breakdown: dict[str, str]) -> dict[str, str]:
    """Each option through breakdown_option(); an option left empty is no breakdown."""
    cleaned = {}
    for dimension, option in breakdown.items():
        option = breakdown_option(str(option))
        if option:
            cleaned[dimension] = option
    return cleaned


def breakdown_string(breakdown: dict[str, str], *, max_length: int = BREAKDOWN_MAX_CHARS) -> str:
    """The canonical breakdown: 'dimension=option' pairs sorted by dimension, joined by '; '. When it
    would be longer than `max_length`, the longest options are shortened (between words, with "…")
    until it fits, so no pair is lost and no word is cut."""
    options = clean_breakdown(breakdown)

    def joined() -> str:
        return PAIR_SEPARATOR.join(f"{k}={v}" for k, v in sorted(options.items()))

    text = joined()
    while len(text) > max_length and options:
        longest = max(options, key=lambda k: (len(options[k]), k))
        excess = len(text) - max_length
        if len(options[longest]) <= len(ELLIPSIS) + 1:
            break
        options[longest] = _shortened(options[longest], max(2, len(options[longest]) - excess), "start")
        text = joined()
    return text[:max_length]

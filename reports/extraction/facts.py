"""What the extractors hand to ingestion: plain data, no Django.

An extractor reads the NFC-normalised lines of one document and returns `Fact`s and
`ExtractionWarning`s. Ingestion (reports.services) turns each Fact into an Observation,
resolving `indicator_code`/`concept` against the catalogue and `area_name` against the
gazetteer.
"""
from __future__ import annotations

import datetime as dt
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

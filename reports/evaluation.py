"""Score exported observations against the gold facts.

The matching rules are those of tests/data/reference_score_extraction.py (the reference), so
that the project's own numbers and the reference's agree:
- same document (file name), same line, same number (|a - b| < 1e-6), same family;
- same place: names compared without an administrative prefix ("Tỉnh", "Huyện"...), case and
  diacritics kept; the gold area UNKNOWN-PROVINCE matches any province-level area;
- same time: a gold stock (date) matches an observation whose period end (else start) is within
  45 days of it; a gold flow (period) matches when the start years and the end years agree;
  a gold fact with neither matches any time;
- one observation matches at most one gold fact, gold facts taken in file order.
Precision is over the observations of the gold's documents (and line ranges) whose family is
scored; recall over the gold facts of the scored families.
"""
from __future__ import annotations

import datetime as dt
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from indicators.gazetteer.names import read_area_name
from reports.gold import load_gold

CORE = ("party_members", "party_organizations", "staff", "admin_units", "public_bodies")
PLACE_PREFIXES = ("thành phố", "tỉnh", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn", "tp.")
STOCK_TOLERANCE_DAYS = 45


def _nfc(value) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def bare_place(name: str) -> str:
    """'Tỉnh Bắc Giang' -> 'bắc giang' (only the first prefix is removed)."""
    s = _nfc(name).lower()
    for prefix in PLACE_PREFIXES:
        if s.startswith(prefix + " "):
            s = s[len(prefix) + 1:]
            break
    return " ".join(s.split())


def gold_area(area: str) -> tuple[str, str]:
    area = _nfc(area)
    if area.startswith("VN-PROVINCE:"):
        return "province", bare_place(area.split(":", 1)[1])
    if area.startswith("VN-DISTRICT:"):
        return "district", bare_place(area.split(":", 1)[1].split(",")[0])
    if area.startswith("VN-COMMUNE:"):  # this project's extension, for the communes since 2025-07-01
        return "commune", bare_place(area.split(":", 1)[1].split(",")[0])
    return "unknown", ""


def _date(value) -> dt.date | None:
    s = (value or "").strip() if isinstance(value, str) else value
    if not s:
        return None
    if isinstance(s, dt.date):
        return s
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def number_value(value) -> float | None:
    """A CSV cell as a float, None when it is not a number."""
    try:
        return float(str(value).strip())
    except (TypeError, ValueError):
        return None


def _line(row: dict) -> int:
    try:
        return int(float(row.get("source_line") or 0))
    except (TypeError, ValueError):
        return 0


def same_place(gold: dict, row: dict) -> bool:
    level, name = gold_area(gold.get("area", ""))
    row_level = _nfc(row.get("area_level", "")).lower()
    row_name = bare_place(row.get("area_name", ""))
    same_name = row_name == name or _names_of_one_unit(row.get("area_name", ""), name)
    if level == "unknown":
        return row_level in ("", "province", "tỉnh")
    if level == "province":
        return same_name and row_level in ("", "province", "tỉnh")
    if level == "commune":
        return same_name and row_level in ("", "commune", "xã")
    return same_name and row_level in ("", "district", "huyện")


@lru_cache(maxsize=4096)
def _names_of_one_unit(area_name: str, gold_name: str) -> bool:
    """A unit renamed without merging is one unit: the export names it as it is called now ("Thành phố Huế"),
    the gold as the report did ("Thừa Thiên Huế"); the gazetteer's names of former units join them."""
    return bool({r.search_name for r in read_area_name(area_name)} & {r.search_name for r in read_area_name(gold_name)})


def same_time(gold: dict, row: dict) -> bool:
    stock_date = _date(gold.get("date"))
    g_start, g_end = _date(gold.get("period_start")), _date(gold.get("period_end"))
    r_start, r_end = _date(row.get("period_start")), _date(row.get("period_end"))
    if stock_date:
        end = r_end or r_start
        return end is not None and abs((end - stock_date).days) <= STOCK_TOLERANCE_DAYS
    if g_start and (r_start is None or r_start.year != g_start.year):
        return False
    if g_end and (r_end is None or r_end.year != g_end.year):
        return False
    return True


def score(rows: Iterable[dict], gold_paths: Iterable[str], families: Iterable[str] = CORE,
          line_ranges: dict[str, tuple[int, int]] | None = None) -> dict:
    """{"families": {family: {gold, found, exported, correct}}, "precision", "recall", "missed",
    "unmatched_rows", "matches"}."""
    families = list(families)
    line_ranges = line_ranges or {}

    def in_range(doc: str, line: int) -> bool:
        lo, hi = line_ranges.get(doc, (0, 10 ** 9))
        return lo <= line <= hi

    all_gold = load_gold(list(gold_paths))
    docs = {g["doc"] for g in all_gold}
    gold = [g for g in all_gold if g.get("family") in families and in_range(g["doc"], int(g["line"]))]
    scored_rows = []
    for row in rows:
        doc = os.path.basename(_nfc(str(row.get("source_document", ""))))
        if doc in docs and _nfc(row.get("family")) in families and in_range(doc, _line(row)):
            scored_rows.append((doc, row))

    candidates = defaultdict(list)
    for i, (doc, row) in enumerate(scored_rows):
        value = number_value(row.get("value"))
        if value is not None:
            candidates[(doc, _line(row))].append((i, value, row))

    used: set[int] = set()
    found: set[str] = set()
    matches: list[tuple[dict, dict]] = []
    for g in gold:
        for i, value, row in candidates.get((g["doc"], int(g["line"])), []):
            if i in used or abs(value - float(g["value"])) > 1e-6:
                continue
            if _nfc(row.get("family")) != g["family"] or not same_place(g, row) or not same_time(g, row):
                continue
            used.add(i)
            found.add(g["_id"])
            matches.append((g, row))
            break

    stats = {}
    for fam in families:
        fam_gold = [g for g in gold if g["family"] == fam]
        fam_rows = [i for i, (_, row) in enumerate(scored_rows) if _nfc(row.get("family")) == fam]
        stats[fam] = {"gold": len(fam_gold), "found": sum(g["_id"] in found for g in fam_gold),
                      "exported": len(fam_rows), "correct": sum(i in used for i in fam_rows)}
    total_gold = sum(s["gold"] for s in stats.values())
    total_rows = sum(s["exported"] for s in stats.values())
    return {
        "families": stats,
        "precision": sum(s["correct"] for s in stats.values()) / total_rows if total_rows else 0.0,
        "recall": sum(s["found"] for s in stats.values()) / total_gold if total_gold else 0.0,
        "missed": [g for g in gold if g["_id"] not in found],
        "unmatched_rows": [row for i, (_, row) in enumerate(scored_rows) if i not in used],
        "matches": matches,  # (gold fact, the row it matched)
    }


def format_table(result: dict) -> str:
    out = [f"{'family':22} {'gold':>6} {'found':>6} {'exported':>9} {'correct':>8}"]
    for fam, s in result["families"].items():
        out.append(f"{fam:22} {s['gold']:>6} {s['found']:>6} {s['exported']:>9} {s['correct']:>8}")
    out.append(f"precision={result['precision']:.3f} recall={result['recall']:.3f}")
    return "\n".join(out)

"""Gold facts (tests/data/gold/SCHEMA.md): loading them and checking them against their text.

A gold file is hand-made, so it is checked like input: every fact must quote its line exactly,
its value must be a number its quote states, its fields must take the schema's values. Run

    python -m reports.gold GOLD.jsonl TEXT.txt

to list the problems of one file (exit code 1 when there are any).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

from reports.extraction.facts import FAMILIES
from reports.extraction.numbers import NUMBER_RE, SCALE_WORDS, parse_amount

UNITS = ("person", "party_member", "organization", "unit", "case", "percent", "ratio", "times", "other")
KINDS = ("narrative", "table")
FIELDS = ("doc", "line", "quote", "value", "unit", "area", "date", "period_start", "period_end", "family",
          "concept", "breakdown", "kind", "table", "row", "column")
# VN-COMMUNE is this project's extension for the communes of the two-level government (since 2025-07-01).
AREA_RE = re.compile(r"^(?:VN-PROVINCE:[^,]+|VN-(?:DISTRICT|COMMUNE):[^,]+, [^,]+|UNKNOWN-PROVINCE)$")
SCALED_RE = re.compile(rf"({NUMBER_RE.pattern})\s*({SCALE_WORDS})?", re.IGNORECASE)
MARKUP_RE = re.compile(r"<sup>\d+</sup>|<[^>]*>|\*+")
WRITTEN_IN_WORDS = ("in words", "bằng chữ")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def load_gold(paths) -> list[dict]:
    """Facts of the gold files, in file order, each with `_id` (file:line); error cells (value null) left out."""
    facts = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for n, text in enumerate(fh, 1):
                if not text.strip():
                    continue
                fact = json.loads(text)
                if fact.get("value") is None:
                    continue  # an error cell: nothing to extract
                fact["_id"] = f"{Path(path).name}:{n}"
                facts.append(fact)
    return facts


def _iso(value) -> dt.date | None | str:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return "invalid"


def values_stated(quote: str) -> set[Decimal]:
    """Every number the quote states, with its scale word applied ("2 triệu" -> 2000000)."""
    found = set()
    for m in SCALED_RE.finditer(MARKUP_RE.sub("", quote)):
        plain = parse_amount(m.group(1), None)
        if plain is not None:
            found.add(plain)
        scaled = parse_amount(m.group(1), m.group(2))
        if scaled is not None:
            found.add(scaled)
    return found


def fact_problems(fact: dict, lines: list[str], doc_name: str) -> list[str]:
    problems = [f"missing field {name!r}" for name in FIELDS if name not in fact]
    if problems:
        return problems
    if fact["doc"] != doc_name:
        problems.append(f"doc {fact['doc']!r} is not {doc_name!r}")
    line = fact["line"]
    if not isinstance(line, int) or not 1 <= line <= len(lines):
        return problems + [f"line {line!r} is not a line of the text (1..{len(lines)})"]
    quote = nfc(fact["quote"])
    if not quote or quote not in nfc(lines[line - 1]):
        problems.append(f"quote is not an exact substring of line {line}")
    value = fact["value"]
    if value is None:
        if fact["kind"] != "table" or not fact.get("note"):
            problems.append("value null is only for a broken table cell, with a note")
    elif not isinstance(value, (int, float)) or isinstance(value, bool):
        problems.append(f"value {value!r} is not a JSON number")
    elif Decimal(str(value)) not in values_stated(quote) \
            and not any(w in (fact.get("note") or "").lower() for w in WRITTEN_IN_WORDS):
        problems.append(f"value {value} is not a number the quote states (a number in words needs a note "
                        f"saying 'in words')")
    if fact["unit"] not in UNITS:
        problems.append(f"unit {fact['unit']!r} is not one of {', '.join(UNITS)}")
    if fact["family"] not in FAMILIES:
        problems.append(f"family {fact['family']!r} is not one of {', '.join(FAMILIES)}")
    if not isinstance(fact["area"], str) or not AREA_RE.match(nfc(fact["area"])):
        problems.append(f"area {fact['area']!r} is not VN-PROVINCE:<name>, VN-DISTRICT:<name>, <province>, "
                        f"VN-COMMUNE:<name>, <province> or UNKNOWN-PROVINCE")
    date, start, end = (_iso(fact[k]) for k in ("date", "period_start", "period_end"))
    for name, parsed in (("date", date), ("period_start", start), ("period_end", end)):
        if parsed == "invalid":
            problems.append(f"{name} {fact[name]!r} is not an ISO date")
    if date and (start or end):
        problems.append("a fact has a date (a stock) or a period (a flow), not both")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        problems.append("period_start is after period_end")
    if not fact["concept"]:
        problems.append("concept is empty")
    if fact["kind"] not in KINDS:
        problems.append(f"kind {fact['kind']!r} is not narrative or table")
    elif (fact["kind"] == "table") != bool(fact["table"]):
        problems.append("table is given exactly for kind=table")
    return problems


def gold_problems(gold_path: Path, text_path: Path) -> list[str]:
    """Every problem of a gold file against its text, as 'gold line N: problem'."""
    lines = nfc(text_path.read_text(encoding="utf-8")).split("\n")
    problems, seen = [], set()
    for n, raw in enumerate(gold_path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            fact = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"gold line {n}: not JSON ({exc})")
            continue
        if not isinstance(fact, dict):
            problems.append(f"gold line {n}: not a JSON object")
            continue
        problems += [f"gold line {n}: {p}" for p in fact_problems(fact, [line.rstrip("\r") for line in lines],
                                                                  text_path.name)]
        key = json.dumps({k: fact.get(k) for k in FIELDS}, sort_keys=True, ensure_ascii=False)
        if key in seen:
            problems.append(f"gold line {n}: the same fact twice")
        seen.add(key)
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m reports.gold GOLD.jsonl TEXT.txt", file=sys.stderr)
        return 2
    problems = gold_problems(Path(argv[0]), Path(argv[1]))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

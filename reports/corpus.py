"""The development corpus, scored as users get the numbers: each report ingested into the database
and exported, the export scored against its gold (reports/evaluation.py), every document in a
transaction rolled back, so the database is left as it was.

Two parts: reports written in the genre (tests/data/corpus/, texts in the repository) and real
reports read in public pages (tests/data/real_reports/, texts outside the repository in the
folder REAL_REPORTS_DIR names, checked against the sha256 on record). A third of each part is held
out from rule-writing; its score is reported apart: the honest estimate on reports never seen.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from indicators.exports import csv_lines, export_rows
from indicators.models import Observation
from reports.evaluation import CORE, number_value, score
from reports.services import ReportRejected, document_ingest

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "tests" / "data" / "corpus"
REAL = ROOT / "tests" / "data" / "real_reports"
REAL_REPORTS_ENV = "REAL_REPORTS_DIR"


@dataclass
class CorpusDocument:
    name: str
    part: str  # "written" or "real"
    text_path: Path
    gold_path: Path
    held_out: bool
    date: dt.date | None = None  # what a user would give when the text states none
    province: str | None = None
    sha256: str | None = None  # on record, for texts kept outside the repository

    def problem(self) -> str | None:
        """Why this document cannot be scored, else None."""
        if not self.text_path.is_file():
            return "missing"
        if self.sha256 and hashlib.sha256(self.text_path.read_bytes()).hexdigest() != self.sha256:
            return "sha256 differs from the record"
        return None


@dataclass
class DocumentScore:
    document: CorpusDocument
    families: dict[str, dict[str, int]] = field(default_factory=dict)
    series_split: list[str] = field(default_factory=list)  # one gold concept in several series
    series_merged: list[str] = field(default_factory=list)  # several gold concepts in one series
    missed: list[dict] = field(default_factory=list)  # gold facts no row matched
    unmatched_rows: list[dict] = field(default_factory=list)  # exported rows no gold fact matched
    concepts: int = 0  # gold concepts (with their breakdown) found
    clean_concepts: int = 0  # ...of which in a series of their own, and only there
    error: str = ""

    @property
    def precision(self) -> float:
        return precision_recall(self.families)[0]

    @property
    def recall(self) -> float:
        return precision_recall(self.families)[1]


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def manifest(part: Path) -> list[dict]:
    return json.loads((part / "manifest.json").read_text(encoding="utf-8"))


def _gold_of(part: Path, doc: str) -> Path:
    return part / "gold" / f"{Path(doc).stem}.jsonl"


def written_documents() -> list[CorpusDocument]:
    return [CorpusDocument(e["doc"], "written", WRITTEN / "texts" / e["doc"], _gold_of(WRITTEN, e["doc"]),
                           bool(e["held_out"]), _date(e.get("date")), e.get("province"))
            for e in manifest(WRITTEN)]


def real_documents(directory: str | Path | None = None) -> list[CorpusDocument]:
    """The real reports on record; their texts are looked for in `directory` (else $REAL_REPORTS_DIR)."""
    folder = Path(directory or os.environ.get(REAL_REPORTS_ENV) or "/nonexistent")
    return [CorpusDocument(e["doc"], "real", folder / e["doc"], _gold_of(REAL, e["doc"]), bool(e["held_out"]),
                           _date(e.get("date")), e.get("province"), e.get("sha256"))
            for e in manifest(REAL)]


def exported_rows(document: CorpusDocument) -> list[dict]:
    """The report ingested as a user would (the province given only when the text names none the
    gazetteer knows), and its observations as the CSV export writes them; nothing stays stored."""
    data = document.text_path.read_bytes()
    with transaction.atomic():
        try:
            summary = document_ingest(file_name=document.name, data=data, date=document.date)
        except ReportRejected:
            if not document.province:
                raise
            summary = document_ingest(file_name=document.name, data=data, date=document.date,
                                      province=document.province)
        queryset = Observation.objects.filter(document_id=summary.document_id)
        text = "".join(csv_lines(export_rows(queryset), bom=False))
        transaction.set_rollback(True)
    return list(csv.DictReader(io.StringIO(text)))


def score_document(document: CorpusDocument, families=CORE) -> DocumentScore:
    result = DocumentScore(document)
    try:
        rows = exported_rows(document)
    except ReportRejected as exc:
        result.error = str(exc)
        rows = []
    scored = score(rows, [document.gold_path], families)
    result.families = scored["families"]
    result.missed, result.unmatched_rows = scored["missed"], scored["unmatched_rows"]
    result.series_split, result.series_merged = series_check(scored["matches"])
    result.concepts, result.clean_concepts = clean_concepts(scored["matches"])
    return result


def _pairing(matches: list[tuple[dict, dict]]) -> tuple[dict[tuple, set], dict[tuple, set], dict[tuple, set]]:
    """Each gold concept's series (indicator and breakdown, wherever it is counted), each chart line's gold
    concepts, and each concept's lines. A line is a series at one place: "party members of the former
    Hà Giang" and "party members total" of the new province are two lines of one series, and a gold that
    names them apart does not make that series hold two concepts."""
    series_of: dict[tuple, set] = defaultdict(set)
    concepts_of: dict[tuple, set] = defaultdict(set)
    lines_of: dict[tuple, set] = defaultdict(set)
    for gold, row in matches:
        concept = (gold.get("concept", ""), _without_place(gold.get("breakdown", "")))
        series = (row.get("indicator_code", ""), row.get("breakdown", ""))
        line = series + (row.get("area_key") or row.get("area_name", ""),)
        series_of[concept].add(series)
        concepts_of[line].add(concept)
        lines_of[concept].add(line)
    return series_of, concepts_of, lines_of


def clean_concepts(matches: list[tuple[dict, dict]]) -> tuple[int, int]:
    """(gold concepts found, those in one series whose lines hold nothing else)."""
    series_of, concepts_of, lines_of = _pairing(matches)
    clean = sum(1 for concept, series in series_of.items()
                if len(series) == 1 and all(len(concepts_of[line]) == 1 for line in lines_of[concept]))
    return len(series_of), clean


def series_check(matches: list[tuple[dict, dict]]) -> tuple[list[str], list[str]]:
    """One series holds one concept: the gold facts of one concept and breakdown land in one indicator
    and breakdown, and facts of different concepts never share one chart line (a series at one place).
    Returns the concepts split over several series and the lines holding several concepts."""
    series_of, concepts_of, _ = _pairing(matches)
    split = [f"{c[0]} [{c[1]}] -> " + ", ".join(f"{s[0]} [{s[1]}]" for s in sorted(ss))
             for c, ss in sorted(series_of.items()) if len(ss) > 1]
    merged = [f"{s[0]} [{s[1]}] at {s[2]} <- " + ", ".join(f"{c[0]} [{c[1]}]" for c in sorted(cs))
              for s, cs in sorted(concepts_of.items()) if len(cs) > 1]
    return split, merged


def _without_place(breakdown: str) -> str:
    """A gold breakdown without its "scope=<place>": the place is the fact's area, not its series."""
    return "; ".join(part.strip() for part in (breakdown or "").split(";")
                     if part.strip() and not part.strip().startswith("scope="))


def totals(scores: list[DocumentScore]) -> dict[str, dict[str, int]]:
    out: dict[str, Counter] = defaultdict(Counter)
    for s in scores:
        for family, counts in s.families.items():
            out[family].update(counts)
    return {family: dict(counts) for family, counts in out.items()}


def summed(families: dict[str, dict[str, int]]) -> Counter:
    """gold, found, exported and correct over the families."""
    total: Counter = Counter()
    for counts in families.values():
        total.update(counts)
    return total


def precision_recall(families: dict[str, dict[str, int]]) -> tuple[float, float]:
    s = summed(families)
    return (s["correct"] / s["exported"] if s["exported"] else 0.0, s["found"] / s["gold"] if s["gold"] else 0.0)


def misses(result: DocumentScore) -> list[str]:
    """What went wrong in one document, line by line, for the developer reading it: each gold fact
    missed, with the rows of its line and value that came closest, then each row no gold fact wanted."""
    def row_text(row: dict) -> str:
        return (f"{row.get('family')}/{row.get('indicator_code')} [{row.get('breakdown', '')}] "
                f"{row.get('area_level')}:{row.get('area_name')} {row.get('period_start')}..{row.get('period_end')}")

    by_line: dict[str, list[dict]] = defaultdict(list)
    for row in result.unmatched_rows:
        by_line[str(row.get("source_line", "")).split(".")[0]].append(row)
    out = []
    for gold in sorted(result.missed, key=lambda g: int(g["line"])):
        out.append(f"MISSED  l.{gold['line']} {gold['value']} {gold['family']} {gold['area']} "
                   f"{gold.get('date') or ''}{gold.get('period_start') or ''}..{gold.get('period_end') or ''} "
                   f"[{gold.get('breakdown', '')}]  «{gold['quote']}»")
        for row in by_line.get(str(gold["line"]), []):
            value = number_value(row.get("value"))
            if value is not None and abs(value - float(gold["value"])) < 1e-6:
                out.append(f"   got  {row_text(row)}")
    for row in sorted(result.unmatched_rows, key=lambda r: int(float(r.get("source_line") or 0))):
        out.append(f"EXTRA   l.{row.get('source_line')} {row.get('value')} {row_text(row)}  «{row.get('source_quote', '')[:90]}»")
    return out

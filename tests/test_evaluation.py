"""The project's scorer agrees with the reference scorer, and the extractor meets the gold."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reports.evaluation import CORE, format_table, score
from reports.extraction.document import extract_document

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "data" / "gold"
REFERENCE = ROOT / "tests" / "data" / "reference_score_extraction.py"
SAMPLES = ROOT / "reports" / "samples"
NARRATIVE_RANGE = {"003_ecd2caf706704aa2.txt": (1, 589)}
COLUMNS = ["family", "area_name", "area_level", "period_start", "period_end", "value", "source_document",
           "source_line"]


def _reference(rows, gold_paths, tmp_path, lines=()):
    export = tmp_path / "export.csv"
    with open(export, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    args = [sys.executable, str(REFERENCE), str(export), *map(str, gold_paths), "--json"]
    for spec in lines:
        args += ["--lines", spec]
    out = subprocess.run(args, capture_output=True, text=True, check=False)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(family, value, line, *, start="", end="", area="Bắc Giang", level="province",
         doc="000_f9b68357f84efb94.txt"):
    return {"family": family, "area_name": area, "area_level": level, "period_start": start,
            "period_end": end, "value": value, "source_document": doc, "source_line": str(line)}


SYNTHETIC_EXPORTS = {
    "exact and wrong family": [
        _row("public_bodies", "21", 25, start="2024-03-20", end="2024-03-20"),
        _row("staff", "20", 25, start="2024-03-31", end="2024-03-31"),
    ],
    "stock tolerance and flow years": [
        _row("public_bodies", "166", 31, start="2020-02-10", end="2020-02-10"),  # 40 days: match
        _row("public_bodies", "144", 31, start="2024-03-31", end="2024-03-31"),  # too late
        _row("public_bodies", "22", 31, start="2020-06-01", end="2023-01-01"),  # same years
        _row("staff", "1224", 39, start="2021-01-01", end="2023-12-31"),  # start year differs
    ],
    "place prefixes and one observation per fact": [
        _row("public_bodies", "153", 35, start="2020-01-01", end="2023-12-31", area="Tỉnh Bắc Giang"),
        _row("public_bodies", "153", 35, start="2020-01-01", end="2023-12-31"),  # a duplicate
        _row("party_organizations", "58", 13, start="2022-06-30", end="2022-06-30", area="Huyện Tây Sơn",
             level="district", doc="001_c1d595fc062bc874.txt"),
        _row("party_organizations", "58", 13, start="2022-06-30", end="2022-06-30", area="Bắc Giang",
             level="province", doc="001_c1d595fc062bc874.txt"),  # wrong place
    ],
    "scored lines and unknown documents": [
        _row("party_members", "89455", 10, start="2024-03-12", end="2024-03-12",
             doc="003_ecd2caf706704aa2.txt"),
        _row("party_members", "1", 900, start="2024-03-12", end="2024-03-12", doc="003_ecd2caf706704aa2.txt"),
        _row("party_members", "5", 3, doc="999_unknown.txt"),
        _row("elections", "75", 89, start="2021-05-23", end="2021-05-23"),  # not a scored family
    ],
}


@pytest.mark.parametrize("name", sorted(SYNTHETIC_EXPORTS))
def test_agrees_with_reference_scorer(name, tmp_path):
    rows = SYNTHETIC_EXPORTS[name]
    gold = sorted(GOLD_DIR.glob("narrative_*.jsonl"))
    ours = score(rows, gold, CORE, NARRATIVE_RANGE)
    theirs = _reference(rows, gold, tmp_path, ["003_ecd2caf706704aa2.txt=1-589"])
    assert ours["families"] == theirs["families"]
    assert ours["precision"] == pytest.approx(theirs["precision"])
    assert ours["recall"] == pytest.approx(theirs["recall"])
    assert any(s["correct"] for s in ours["families"].values())  # the synthetic rows do match something


def test_other_families_can_be_scored(tmp_path):
    rows = [_row("elections", "75", 89, start="2021-05-23", end="2021-05-23")]
    gold = [GOLD_DIR / "narrative_000.jsonl"]
    ours = score(rows, gold, ["elections"])
    assert ours["families"]["elections"]["correct"] == 1
    assert ours["families"] == _reference_families(rows, gold, tmp_path)


def _reference_families(rows, gold, tmp_path):
    export = tmp_path / "e.csv"
    with open(export, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    out = subprocess.run([sys.executable, str(REFERENCE), str(export), *map(str, gold), "--json",
                          "--families", "elections"], capture_output=True, text=True, check=False)
    return json.loads(out.stdout.strip().splitlines()[-1])["families"]


def facts_to_rows(path: Path) -> list[dict]:
    doc = extract_document(path.read_text(encoding="utf-8"))
    home = doc.metadata.place
    assert home is not None, f"{path.name}: no place found in the metadata"
    rows = []
    for f in doc.facts:
        rows.append({
            "family": f.family, "area_name": f.area_name or home[0], "area_level": f.area_level or home[1],
            "period_start": f.period_start.isoformat() if f.period_start else "",
            "period_end": f.period_end.isoformat() if f.period_end else "",
            "value": str(f.value), "source_document": path.name, "source_line": str(f.line),
        })
    return rows


def test_extractor_meets_the_gold():
    rows = []
    for name in ("000_f9b68357f84efb94.txt", "001_c1d595fc062bc874.txt", "003_ecd2caf706704aa2.txt"):
        rows += facts_to_rows(SAMPLES / name)
    result = score(rows, sorted(GOLD_DIR.glob("narrative_*.jsonl")), CORE, NARRATIVE_RANGE)
    report = format_table(result) + "\n" + "\n".join(
        f"missed {g['doc']}:{g['line']} {g['family']} {g['value']} | {g['quote'][:80]}" for g in result["missed"])
    assert result["precision"] >= 0.95 and result["recall"] >= 0.90, report


def test_every_appendix_cell_of_003_has_its_family_place_and_date():
    """The gold of every appendix cell of 003 (tests/data/gold/tables_003.jsonl), over the core families."""
    rows = facts_to_rows(SAMPLES / "003_ecd2caf706704aa2.txt")
    result = score(rows, [GOLD_DIR / "tables_003.jsonl"], CORE, {"003_ecd2caf706704aa2.txt": (590, 10 ** 6)})
    report = format_table(result) + "\n" + "\n".join(
        f"missed {g['line']} {g['family']} {g['value']} | {g['row']} | {g['column']}" for g in result["missed"][:20])
    assert result["precision"] >= 0.97 and result["recall"] >= 0.97, report


def test_a_unit_renamed_without_merging_is_one_place_under_either_name():
    from reports.evaluation import same_place
    gold = {"area": "VN-PROVINCE:Thừa Thiên Huế"}
    assert same_place(gold, {"area_name": "Thành phố Huế", "area_level": "province"})
    assert not same_place(gold, {"area_name": "Tỉnh Quảng Trị", "area_level": "province"})
    assert not same_place({"area": "VN-PROVINCE:Quảng Nam"}, {"area_name": "Thành phố Đà Nẵng", "area_level": "province"})

"""The extraction measured as users get it: the sample reports ingested into the database,
exported by export_observations, scored against the gold by our scorer and the reference one."""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from indicators.models import Observation
from reports.evaluation import CORE, format_table, score
from reports.extraction.document import extract_document
from reports.models import Document
from reports.services import document_ingest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "reports" / "samples").glob("*.txt"))
GOLD = sorted((ROOT / "tests" / "data" / "gold").glob("narrative_*.jsonl"))
REFERENCE = ROOT / "tests" / "data" / "reference_score_extraction.py"
NARRATIVE_OF_003 = ("003_ecd2caf706704aa2.txt", 1, 589)  # the appendices start at line 590

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_csv(tmp_path):
    for path in SAMPLES:
        document_ingest(file_name=path.name, data=path.read_bytes())
    out = tmp_path / "observations.csv"
    call_command("export_observations", output=str(out))
    return out


def test_exported_observations_meet_the_gold_and_agree_with_the_reference_scorer(export_csv):
    with open(export_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    doc, first, last = NARRATIVE_OF_003
    ours = score(rows, GOLD, CORE, {doc: (first, last)})
    reference = subprocess.run(
        [sys.executable, str(REFERENCE), str(export_csv), *map(str, GOLD), "--json", "--lines", f"{doc}={first}-{last}"],
        capture_output=True, text=True, check=True,
    )
    theirs = json.loads(reference.stdout.strip().splitlines()[-1])
    assert ours["families"] == theirs["families"]
    assert (round(ours["precision"], 9), round(ours["recall"], 9)) == (
        round(theirs["precision"], 9), round(theirs["recall"], 9))
    missed = "\n".join(f"missed {g['doc']}:{g['line']} {g['family']} {g['value']} | {g['quote'][:80]}"
                       for g in ours["missed"])
    assert ours["precision"] >= 0.95 and ours["recall"] >= 0.90, format_table(ours) + "\n" + missed


def test_every_appendix_table_cell_of_003_is_stored_with_its_family_date_and_row_line():
    path = next(p for p in SAMPLES if p.name.startswith("003_"))
    document_ingest(file_name=path.name, data=path.read_bytes())
    extracted = extract_document(path.read_text(encoding="utf-8"))
    expected = sorted(
        (f.line, f.family, f.period_end, f.value.normalize()) for f in extracted.facts if f.method == "table"
    )
    stored = sorted(
        (line, family, end, value.normalize())
        for line, family, end, value in Observation.objects.filter(
            document=Document.objects.get(file_name=path.name), method=Observation.TABLE
        ).values_list("source_line", "indicator__family", "period_end", "value")
    )
    assert len(expected) > 1500
    assert stored == expected
    assert all(line >= 590 for line, *_ in stored)

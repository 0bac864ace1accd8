"""Writes to the reference data: terms and the indicator catalogue, loaded from versioned files."""
import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from indicators.models import Indicator, Term

DATA_DIR = Path(__file__).resolve().parent / "data"
TERMS_FILE = DATA_DIR / "terms.json"

_INDICATOR_FIELDS = ("name_vi", "name_en", "family", "unit", "kind", "description", "phrases")


@transaction.atomic
def terms_load(*, path: Path = TERMS_FILE) -> dict[str, int]:
    """Create or update the terms of office in the file; returns counts of created and updated."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["terms"]
    existing = {(t.kind, t.label): t for t in Term.objects.all()}
    created = updated = 0
    for entry in entries:
        start, end = dt.date.fromisoformat(entry["start"]), dt.date.fromisoformat(entry["end"])
        term = existing.get((entry["kind"], entry["label"]))
        if term is None:
            Term.objects.create(kind=entry["kind"], label=entry["label"], start=start, end=end)
            created += 1
        elif (term.start, term.end) != (start, end):
            term.start, term.end = start, end
            term.save(update_fields=["start", "end"])
            updated += 1
    return {"created": created, "updated": updated, "total": Term.objects.count()}


@transaction.atomic
def catalogue_load(*, path: Path | None = None) -> dict[str, int]:
    """Create or update catalogue indicators from the versioned catalogue file.

    Indicators that left the file are kept (observations may refer to them) and reported."""
    from reports.extraction.vocabulary import load_catalogue_file

    entries = load_catalogue_file(path)
    existing = {i.code: i for i in Indicator.objects.filter(code__in=[e["code"] for e in entries])}
    to_create, to_update = [], []
    for entry in entries:
        values = {field: entry.get(field, "" if field != "phrases" else []) for field in _INDICATOR_FIELDS}
        indicator = existing.get(entry["code"])
        if indicator is None:
            to_create.append(Indicator(code=entry["code"], in_catalogue=True, **values))
        elif any(getattr(indicator, f) != v for f, v in values.items()) or not indicator.in_catalogue:
            for field, value in values.items():
                setattr(indicator, field, value)
            indicator.in_catalogue = True
            to_update.append(indicator)
    Indicator.objects.bulk_create(to_create)
    Indicator.objects.bulk_update(to_update, [*_INDICATOR_FIELDS, "in_catalogue"])
    codes = {e["code"] for e in entries}
    retired = Indicator.objects.filter(in_catalogue=True).exclude(code__in=codes).count()
    return {"created": len(to_create), "updated": len(to_update), "total": len(entries), "not_in_file": retired}

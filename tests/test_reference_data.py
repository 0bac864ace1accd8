"""Terms and the indicator catalogue: loaded from versioned files, idempotently."""
import json

import pytest
from django.core.management import CommandError, call_command

from indicators.models import Indicator, Term
from indicators.services import DATA_DIR, catalogue_load, terms_load
from reports.extraction.facts import FAMILIES

pytestmark = pytest.mark.django_db
CATALOGUE_FILE = DATA_DIR / "catalogue.json"


def test_terms_load_twice_gives_the_same_terms():
    first = terms_load()
    snapshot = list(Term.objects.values_list("kind", "label", "start", "end"))
    second = terms_load()
    assert first["created"] == len(snapshot) and second == {"created": 0, "updated": 0, "total": len(snapshot)}
    assert list(Term.objects.values_list("kind", "label", "start", "end")) == snapshot


def test_terms_cover_the_party_congress_and_peoples_council_terms():
    terms_load()
    labels = {(t.kind, t.label) for t in Term.objects.all()}
    for label in ["2010-2015", "2015-2020", "2020-2025", "2025-2030"]:
        assert (Term.PARTY_CONGRESS, label) in labels
    for label in ["2011-2016", "2016-2021", "2021-2026", "2026-2031"]:
        assert (Term.PEOPLES_COUNCIL, label) in labels
    cut_short = Term.objects.get(kind=Term.PEOPLES_COUNCIL, label="2021-2026")
    elected = Term.objects.get(kind=Term.PEOPLES_COUNCIL, label="2026-2031")
    assert cut_short.end.isoformat() == "2026-03-14" and elected.start.isoformat() == "2026-03-15"


def test_catalogue_load_is_idempotent_and_complete():
    first = catalogue_load()
    snapshot = list(Indicator.objects.order_by("code").values())
    second = catalogue_load()
    assert first["created"] == first["total"] == len(snapshot)
    assert second["created"] == second["updated"] == 0
    assert list(Indicator.objects.order_by("code").values()) == snapshot


def test_catalogue_has_the_headline_indicators_in_known_families():
    catalogue_load()
    assert set(Indicator.objects.values_list("family", flat=True)) <= set(FAMILIES)
    families = set(Indicator.objects.values_list("family", flat=True))
    for family in ["party_members", "party_organizations", "staff", "admin_units", "public_bodies"]:
        assert family in families
    without_phrases = set(Indicator.objects.filter(phrases=[]).values_list("family", flat=True))
    assert without_phrases <= {"other"}, "only the catch-all indicators may have no phrases"


def test_catalogue_update_changes_the_row_in_place(tmp_path):
    catalogue_load()
    entries = json.loads(CATALOGUE_FILE.read_text(encoding="utf-8"))
    entries["indicators"][0]["name_en"] = "Renamed in a new catalogue version"
    changed = tmp_path / "catalogue.json"
    changed.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    counts = catalogue_load(path=changed)
    assert counts["updated"] == 1
    assert Indicator.objects.get(code=entries["indicators"][0]["code"]).name_en == "Renamed in a new catalogue version"


def test_a_broken_catalogue_is_refused_and_changes_nothing(tmp_path):
    broken = tmp_path / "catalogue.json"
    broken.write_text(json.dumps({"version": 1, "indicators": [
        {"code": "x.one", "name_vi": "Một", "name_en": "One", "family": "weather", "unit": "person",
         "kind": "stock", "description": "", "phrases": ["một"]}]}), encoding="utf-8")
    with pytest.raises(CommandError, match="weather"):
        call_command("load_catalogue", file=str(broken))
    assert Indicator.objects.count() == 0

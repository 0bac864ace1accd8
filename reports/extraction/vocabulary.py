"""The indicator catalogue: indicators/data/catalogue.json, read and validated.

The extractor and the Django loader both read it through `load_catalogue_file`. A flow indicator
may say which counts it changes and how (`change_of`, `direction`): "admin.commune_units_reduced"
is the "remove" change of "admin.commune_units", so a number governed by "giảm" joins that series.
The words of the genre are in lexicon.py.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .facts import FAMILIES

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "indicators" / "data" / "catalogue.json"
UNITS = ("person", "party_member", "organization", "unit", "case", "percent", "ratio", "times", "other")
KINDS = ("stock", "flow")
_REQUIRED = ("code", "name_vi", "name_en", "family", "unit", "kind", "description", "phrases")


def load_catalogue_file(path: str | Path | None = None) -> list[dict]:
    """The catalogue's indicators, validated; raises ValueError naming the first problem."""
    path = Path(path or CATALOGUE_PATH)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"catalogue {path}: cannot read JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise ValueError(f"catalogue {path}: expected an object with an 'indicators' list")
    if not isinstance(data.get("version"), int):
        raise ValueError(f"catalogue {path}: 'version' must be an integer")
    seen: set[str] = set()
    for i, ind in enumerate(data["indicators"]):
        where = f"catalogue {path}, indicator #{i + 1}"
        missing = [k for k in _REQUIRED if k not in ind]
        if missing:
            raise ValueError(f"{where}: missing {', '.join(missing)}")
        code = ind["code"]
        where = f"catalogue {path}, indicator {code!r}"
        if not isinstance(code, str) or not code or not code.isascii() or code != code.lower() \
                or any(not (c.isalnum() or c in "._") for c in code):
            raise ValueError(f"{where}: a code is dotted lowercase ascii")
        if code in seen:
            raise ValueError(f"{where}: duplicate code")
        seen.add(code)
        if ind["family"] not in FAMILIES:
            raise ValueError(f"{where}: unknown family {ind['family']!r} (known: {', '.join(FAMILIES)})")
        if ind["unit"] not in UNITS:
            raise ValueError(f"{where}: unknown unit {ind['unit']!r} (known: {', '.join(UNITS)})")
        if ind["kind"] not in KINDS:
            raise ValueError(f"{where}: kind must be 'stock' or 'flow'")
        if not isinstance(ind["phrases"], list) or not all(isinstance(p, str) for p in ind["phrases"]):
            raise ValueError(f"{where}: 'phrases' must be a list of strings")
        if "direction" in ind and (ind["kind"] != "flow" or ind["direction"] not in DIRECTIONS):
            raise ValueError(f"{where}: a direction ({', '.join(DIRECTIONS)}) is given for a flow only")
        if not isinstance(ind.get("change_of", []), list):
            raise ValueError(f"{where}: 'change_of' lists the codes of the counts this flow changes")
    return data["indicators"]


@lru_cache(maxsize=1)
def catalogue_by_code() -> dict[str, dict]:
    return {ind["code"]: ind for ind in load_catalogue_file()}


DIRECTIONS = ("add", "remove", "rearrange", "confirm", "transfer", "train")
# How a change is named after the count it changes, when the catalogue has no indicator for it.
DIRECTION_LABELS = {"add": "tăng, thành lập mới", "remove": "giảm", "rearrange": "được sắp xếp",
                    "confirm": "công nhận", "transfer": "chuyển đi, chuyển đến", "train": "được đào tạo, bồi dưỡng"}


def flow_of(stock_code: str | None, direction: str | None) -> str | None:
    """The catalogue's indicator of a change of `stock_code` in `direction` ("admin.commune_units",
    "remove" -> "admin.commune_units_reduced"), else None."""
    if not stock_code or not direction:
        return None
    for code, entry in catalogue_by_code().items():
        if entry.get("direction") == direction and stock_code in entry.get("change_of", ()):
            return code
    return None


def catalogue_kind(code: str | None) -> str | None:
    """"stock" or "flow" for a catalogue code, else None."""
    entry = catalogue_by_code().get(code or "")
    return entry.get("kind") if entry else None


def stock_of(flow_code: str | None) -> str | None:
    """The count a change is taken from ("staff.reduced" -> "staff.payroll_assigned"), else None."""
    entry = catalogue_by_code().get(flow_code or "")
    changed = entry.get("change_of") if entry else None
    return changed[0] if changed else None

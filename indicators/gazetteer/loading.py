"""Write the administrative units of Vietnam before and after the 2025-07-01 reorganisation.

Source: the data bundled with the ``vietnamadminunits`` package — ``dataset.db`` (tables
``admin_units_legacy``: 63 provinces / 696 districts / communes as of 2025-06-30, and
``admin_units``: 34 provinces / 3,321 communes since 2025-07-01) and ``converter_2025.json``
(which legacy province and commune went into which new one, Resolution 202/2025/QH15 and the
Standing Committee's commune resolutions).

Area.key — stable, URL-safe and unique:
  * a unit that existed before 2025-07-01 has its GSO code as key ("24" Bắc Giang,
    "210" Huyện Tây Sơn, "21808" Thị trấn Phú Phong); the GSO code widths (2/3/5 digits) keep
    the levels apart;
  * a province that was not merged (Hà Nội, Thanh Hóa …) is the same row before and after,
    so it keeps its code as key and has no end date;
  * a unit created on 2025-07-01 has "<code>-2025" ("24-2025" the new Bắc Ninh, "52-2025" the
    new Gia Lai), because merged units often reuse a predecessor's code.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from indicators.gazetteer.names import split_area_name
from indicators.models import Area, AreaLineage
from reports.extraction.places import gazetteer_source_dir
from reports.extraction.timespans import REFORM_DATE

LAST_DAY_BEFORE_REFORM = REFORM_DATE - dt.timedelta(days=1)
NEW_KEY_SUFFIX = "-2025"

_AREA_FIELDS = ("code", "level", "name", "short_name", "search_name", "parent_id", "valid_from", "valid_to")
_BATCH_SIZE = 2000


@dataclass(frozen=True)
class _AreaSpec:
    key: str
    code: str
    level: str
    name: str
    parent_key: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


@dataclass(frozen=True)
class _LinkSpec:
    predecessor_key: str
    successor_key: str
    event: str


@dataclass(frozen=True)
class _PackageData:
    legacy_rows: list[dict]
    current_rows: list[dict]
    province_mapping: dict[str, list[str]]
    unsplit_communes: dict[str, dict[str, list[str]]]
    split_communes: dict[str, dict[str, list[dict]]]


def _package_data_dir() -> Path:
    data_dir = gazetteer_source_dir()
    if data_dir is None:
        raise RuntimeError("The vietnamadminunits package is not installed (pip install vietnamadminunits)")
    return data_dir


def _query_dataset(dataset: Path, sql: str) -> list[dict]:
    connection = sqlite3.connect(f"{dataset.as_uri()}?mode=ro", uri=True)
    try:
        connection.row_factory = sqlite3.Row
        return [dict(row) for row in connection.execute(sql)]
    finally:
        connection.close()


def _read_package_data() -> _PackageData:
    data_dir = _package_data_dir()
    dataset = data_dir / "dataset.db"
    converter = json.loads((data_dir / "converter_2025.json").read_text(encoding="utf-8"))
    return _PackageData(
        legacy_rows=_query_dataset(
            dataset,
            "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, wardCode, ward, wardKey "
            "FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode",
        ),
        current_rows=_query_dataset(
            dataset,
            "SELECT provinceCode, province, provinceKey, wardCode, ward, wardKey "
            "FROM admin_units ORDER BY provinceCode, wardCode",
        ),
        province_mapping=converter["DICT_PROVINCE"],
        unsplit_communes=converter["DICT_PROVINCE_WARD_NO_DIVIDED"],
        split_communes=converter["DICT_PROVINCE_WARD_DIVIDED"],
    )


def _new_key(code: str) -> str:
    return f"{code}{NEW_KEY_SUFFIX}"


def _build_specs(data: _PackageData) -> tuple[list[_AreaSpec], list[_LinkSpec]]:
    """Areas in parent-before-child order, and the lineage links of 2025-07-01."""
    legacy_province_code = {row["provinceKey"]: row["provinceCode"] for row in data.legacy_rows}
    current_province_code = {row["provinceKey"]: row["provinceCode"] for row in data.current_rows}
    # Not merged: the new province is made of exactly the old one, same code.
    continuing_province_codes = {
        current_province_code[new_key]
        for new_key, old_keys in data.province_mapping.items()
        if old_keys == [new_key] and legacy_province_code[new_key] == current_province_code[new_key]
    }

    def current_province_key(code: str) -> str:
        return code if code in continuing_province_codes else _new_key(code)

    provinces, districts, communes = {}, {}, {}
    legacy_unit_key = {}  # the converter's "province_district_commune" key -> Area.key
    for row in data.legacy_rows:
        province_code, district_code, commune_code = row["provinceCode"], row["districtCode"], row["wardCode"]
        continues = province_code in continuing_province_codes
        provinces[province_code] = _AreaSpec(
            key=province_code, code=province_code, level=Area.PROVINCE, name=row["province"], parent_key=None,
            valid_from=None, valid_to=None if continues else LAST_DAY_BEFORE_REFORM,
        )
        districts[district_code] = _AreaSpec(
            key=district_code, code=district_code, level=Area.DISTRICT, name=row["district"],
            parent_key=province_code, valid_from=None, valid_to=LAST_DAY_BEFORE_REFORM,
        )
        converter_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if commune_code:
            communes[commune_code] = _AreaSpec(
                key=commune_code, code=commune_code, level=Area.COMMUNE, name=row["ward"],
                parent_key=district_code, valid_from=None, valid_to=LAST_DAY_BEFORE_REFORM,
            )
            legacy_unit_key[converter_key] = commune_code
        else:
            # Island districts without communes (Côn Đảo, Lý Sơn …): the district itself became
            # a special zone (đặc khu) at commune level.
            legacy_unit_key[converter_key] = district_code

    new_provinces, new_communes = {}, {}
    current_commune_key = {}  # (new province key in the converter, commune key) -> Area.key
    for row in data.current_rows:
        province_code = row["provinceCode"]
        if province_code not in continuing_province_codes:
            new_provinces[province_code] = _AreaSpec(
                key=_new_key(province_code), code=province_code, level=Area.PROVINCE, name=row["province"],
                parent_key=None, valid_from=REFORM_DATE, valid_to=None,
            )
        new_communes[row["wardCode"]] = _AreaSpec(
            key=_new_key(row["wardCode"]), code=row["wardCode"], level=Area.COMMUNE, name=row["ward"],
            parent_key=current_province_key(province_code), valid_from=REFORM_DATE, valid_to=None,
        )
        current_commune_key[(row["provinceKey"], row["wardKey"])] = _new_key(row["wardCode"])

    links = []
    for new_province, old_provinces in data.province_mapping.items():
        successor = current_province_key(current_province_code[new_province])
        for old_province in old_provinces:
            predecessor = legacy_province_code[old_province]
            if predecessor != successor:
                links.append(_LinkSpec(predecessor, successor, AreaLineage.MERGE))
    for new_province, units in data.unsplit_communes.items():
        for new_commune, old_units in units.items():
            successor = current_commune_key[(new_province, new_commune)]
            links.extend(_LinkSpec(legacy_unit_key[old], successor, AreaLineage.MERGE) for old in old_units)
    for new_province, units in data.split_communes.items():
        for old_unit, parts in units.items():
            links.extend(
                _LinkSpec(legacy_unit_key[old_unit], current_commune_key[(new_province, part["newWardKey"])],
                          AreaLineage.SPLIT)
                for part in parts
            )

    areas = [*provinces.values(), *new_provinces.values(), *districts.values(), *communes.values(),
             *new_communes.values()]
    return areas, links


def _area_values(spec: _AreaSpec, *, parent_id: int | None) -> dict:
    reading = split_area_name(spec.name)
    # The package writes a few prefixes in title case ("Thị Xã Việt Yên"): the official form is "Thị xã".
    name = spec.name
    if reading.prefix and name.lower().startswith(reading.prefix.lower()):
        name = reading.prefix + name[len(reading.prefix):]
    return {
        "code": spec.code, "level": spec.level, "name": name, "short_name": reading.short_name,
        "search_name": reading.search_name, "parent_id": parent_id,
        "valid_from": spec.valid_from, "valid_to": spec.valid_to,
    }


def _sync_areas(specs: list[_AreaSpec]) -> tuple[dict[str, int], int, int]:
    """Create missing areas and correct changed ones; returns (key -> id, created, updated).

    ``specs`` come parents first, so each batch's parents already have ids. Areas that are not in
    the package are left alone: observations may point at them."""
    existing = {row["key"]: row for row in Area.objects.values("id", "key", *_AREA_FIELDS)}
    ids = {key: row["id"] for key, row in existing.items()}
    created = updated = 0
    for level in (Area.PROVINCE, Area.DISTRICT, Area.COMMUNE):
        to_create, to_update = [], []
        for spec in (s for s in specs if s.level == level):
            values = _area_values(spec, parent_id=ids[spec.parent_key] if spec.parent_key else None)
            row = existing.get(spec.key)
            if row is None:
                to_create.append(Area(key=spec.key, **values))
            elif any(row[field] != value for field, value in values.items()):
                to_update.append(Area(pk=row["id"], key=spec.key, **values))
        Area.objects.bulk_update(to_update, _AREA_FIELDS, batch_size=_BATCH_SIZE)
        for area in Area.objects.bulk_create(to_create, batch_size=_BATCH_SIZE):
            ids[area.key] = area.pk
        created += len(to_create)
        updated += len(to_update)
    return ids, created, updated


def _sync_lineage(links: list[_LinkSpec], *, ids: dict[str, int], package_area_ids: set[int]) -> dict[str, int]:
    """Make the reform's links between package areas exactly ``links``."""
    wanted = {(ids[link.predecessor_key], ids[link.successor_key]): link.event for link in links}
    existing = {
        (predecessor, successor): (pk, event)
        for pk, predecessor, successor, event in AreaLineage.objects.filter(effective_date=REFORM_DATE)
        .values_list("pk", "predecessor_id", "successor_id", "event")
        .iterator(chunk_size=_BATCH_SIZE)
        if predecessor in package_area_ids and successor in package_area_ids
    }
    to_create = [
        AreaLineage(predecessor_id=predecessor, successor_id=successor, event=event, effective_date=REFORM_DATE)
        for (predecessor, successor), event in wanted.items()
        if (predecessor, successor) not in existing
    ]
    to_update = [
        AreaLineage(pk=pk, event=wanted[pair])
        for pair, (pk, event) in existing.items()
        if pair in wanted and event != wanted[pair]
    ]
    stale_ids = [pk for pair, (pk, _) in existing.items() if pair not in wanted]
    AreaLineage.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
    AreaLineage.objects.bulk_update(to_update, ["event"], batch_size=_BATCH_SIZE)
    for start in range(0, len(stale_ids), _BATCH_SIZE):
        AreaLineage.objects.filter(pk__in=stale_ids[start:start + _BATCH_SIZE]).delete()
    return {"created": len(to_create), "updated": len(to_update), "deleted": len(stale_ids), "total": len(wanted)}


def _content_counts(specs: list[_AreaSpec]) -> dict[str, int]:
    def count(level: str, *, on: dt.date) -> int:
        return sum(
            1 for spec in specs
            if spec.level == level
            and (spec.valid_from is None or spec.valid_from <= on)
            and (spec.valid_to is None or spec.valid_to >= on)
        )

    return {
        "provinces_before_reform": count(Area.PROVINCE, on=LAST_DAY_BEFORE_REFORM),
        "districts_before_reform": count(Area.DISTRICT, on=LAST_DAY_BEFORE_REFORM),
        "communes_before_reform": count(Area.COMMUNE, on=LAST_DAY_BEFORE_REFORM),
        "provinces_since_reform": count(Area.PROVINCE, on=REFORM_DATE),
        "communes_since_reform": count(Area.COMMUNE, on=REFORM_DATE),
        "areas": len(specs),
    }


@transaction.atomic
def load_areas() -> dict[str, int]:
    """Load (or bring up to date) the gazetteer from the vietnamadminunits package.

    Idempotent: a second run writes nothing. Returns what the gazetteer holds
    (``provinces_before_reform`` … ``areas``, ``lineage_links``) — identical on every run — and what
    this run changed (``areas_created``, ``areas_updated``, ``links_created``, ``links_updated``,
    ``links_deleted``), all zero when nothing changed."""
    specs, links = _build_specs(_read_package_data())
    ids, areas_created, areas_updated = _sync_areas(specs)
    package_area_ids = {ids[spec.key] for spec in specs}
    link_changes = _sync_lineage(links, ids=ids, package_area_ids=package_area_ids)
    return {
        **_content_counts(specs),
        "lineage_links": link_changes["total"],
        "areas_created": areas_created,
        "areas_updated": areas_updated,
        "links_created": link_changes["created"],
        "links_updated": link_changes["updated"],
        "links_deleted": link_changes["deleted"],
    }

#!/usr/bin/env python
"""Time the province page (and its exports) on a realistic amount of data.

A province with its districts, 30 indicators × 20 years each (plus breakdowns, targets and some
conflicts), every number with a source document and quote. The page is fetched with Django's test
client N times; the median, the query count and the page size are printed, then the CSV and
Excel exports of all the rows are timed.

    .venv/bin/python benchmarks/province_page_benchmark.py [--runs 20] [--indicators 30] [--years 20]

Uses a fresh SQLite file in a temporary directory unless DATABASE_URL is set (then that database,
which must be empty or disposable: the benchmark writes into it).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--districts", type=int, default=10)
    return parser.parse_args()


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'benchmark.sqlite3'}")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, no e-mail sending
    call_command("migrate", verbosity=0)


def load_data(*, indicators: int, years: int, districts: int) -> str:
    """Rows a province accumulates: returns the province's key."""
    from indicators.models import FAMILY_CHOICES, Area, Indicator, Observation
    from indicators.services import terms_load
    from reports.models import Document

    terms_load()
    province = Area.objects.create(key="bench-p", code="bp", level=Area.PROVINCE, name="Tỉnh Thử Nghiệm",
                                   short_name="Thử Nghiệm", search_name="thu nghiem")
    areas = [province] + [
        Area.objects.create(key=f"bench-d{n}", code=f"bd{n}", level=Area.DISTRICT, name=f"Huyện Số {n}",
                            short_name=f"Số {n}", search_name=f"so {n}", parent=province)
        for n in range(districts)
    ]
    families = [f for f, _ in FAMILY_CHOICES]
    catalogue = [
        Indicator.objects.create(code=f"bench.indicator_{n:02d}", name_vi=f"Chỉ tiêu thử nghiệm số {n}",
                                 name_en=f"Benchmark indicator {n}", family=families[n % len(families)],
                                 unit="percent" if n % 7 == 0 else "person",
                                 kind=Indicator.STOCK if n % 3 else Indicator.FLOW)
        for n in range(indicators)
    ]
    text = "\n".join(f"Dòng {line}: năm {2000 + line % years} có **{line * 37:,}** người.".replace(",", ".")
                     for line in range(1, 2001))
    documents = [Document.objects.create(file_name=f"bench_{area.key}.txt", sha256=f"{area.pk:064d}",
                                         size_bytes=len(text), text=text, title=f"Báo cáo tổng kết {area.name}",
                                         area=area) for area in areas]
    rows = []
    first_year = 2025 - years
    for area, document in zip(areas, documents):
        for i, indicator in enumerate(catalogue):
            for y in range(years):
                day = dt.date(first_year + y, 12, 31)
                start = day if indicator.kind == Indicator.STOCK else dt.date(first_year + y, 1, 1)
                value = Decimal(1000 + 37 * i + 11 * y)
                common = dict(indicator=indicator, area=area, period_start=start, period_end=day,
                              method=Observation.TABLE, document=document, source_line=1 + (i * years + y) % 2000,
                              quote=f"có {value:,} người".replace(",", "."))
                rows.append(Observation(value=value, status=Observation.VERIFIED if y % 4 else Observation.EXTRACTED,
                                        in_conflict=(y == 5 and i % 5 == 0), **common))
                if y % 5 == 0:  # a few breakdowns and targets, as tables and plans give them
                    rows.append(Observation(value=value / 2, breakdown="sex=nữ", **common))
                if y == years - 1:
                    rows.append(Observation(value=value * Decimal("1.1"), breakdown="target=yes", **common))
    Observation.objects.bulk_create(rows, batch_size=2000)
    print(f"data: {len(areas)} areas, {len(catalogue)} indicators × {years} years, {len(rows):,} observations")
    return province.key


def time_page(client, url: str, runs: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm: template loading, URL resolver, translations
    timings, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    timings.sort()
    # CPU time too: on a shared machine the wall clock also measures the neighbours.
    print(f"{url}: median {statistics.median(timings):.1f} ms (CPU {statistics.median(cpu):.1f} ms), "
          f"p90 {timings[int(len(timings) * 0.9) - 1]:.1f} ms, "
          f"{len(queries)} queries, {len(response.content) / 1024:.0f} KiB HTML")


def time_export(client, url: str, *, count: int) -> None:
    started = time.perf_counter()
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    seconds = time.perf_counter() - started
    print(f"{url}: {count:,} rows in {seconds:.2f} s ({count / seconds:,.0f} rows/s), {len(body) / 1024 / 1024:.1f} MiB")


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp))
        from django.db import connection
        from django.test import Client

        key = load_data(indicators=args.indicators, years=args.years, districts=args.districts)
        print(f"database: {connection.vendor}")
        client = Client(HTTP_ACCEPT_LANGUAGE="vi")
        time_page(client, f"/areas/{key}/", args.runs)
        time_page(client, f"/areas/{key}/families/staff/", args.runs)  # a section loaded on scrolling
        time_page(client, "/", args.runs)
        time_page(client, f"/observations/?area={key}", args.runs)
        from indicators.models import Observation

        total = Observation.objects.count()
        time_export(client, "/observations/export.csv", count=total)
        time_export(client, "/observations/export.xlsx", count=total)
        time_export(client, "/observations.json?page_size=1000", count=1000)


if __name__ == "__main__":
    main()

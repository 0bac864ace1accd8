"""The province page and the CSV export at national scale, on PostgreSQL.

Every area of the gazetteer (provinces, legacy districts, communes) gets observations of the
catalogue's indicators over twenty years, written by one INSERT … SELECT so that millions of rows
load in minutes. Then the pages are timed with Django's test client (province, merged province and
a family section; home; an indicator across provinces and communes; the explorer and its JSON), and
the export.

    .venv/bin/python benchmarks/national_scale_benchmark.py [--rows 10000000] [--runs 15] [--reuse]

Creates its own database `national_benchmark` on 127.0.0.1:5432 (dropping an earlier one unless
--reuse, which times the pages of the data already there).
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = "national_benchmark"


def recreate_database():
    import psycopg2

    admin = psycopg2.connect("dbname=postgres user=postgres host=127.0.0.1")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DB}")
        cursor.execute(f"CREATE DATABASE {DB}")
    admin.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="time the pages of the data already loaded")
    args = parser.parse_args()
    if not args.reuse:
        recreate_database()
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    if not args.reuse:
        load(args.rows)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM indicators_observation")
        print(f"{cursor.fetchone()[0]:,} observations")

    client = Client()
    for url in ("/areas/24/", "/areas/24-2025/", "/areas/24-2025/families/staff/", "/",
                "/indicators/party.members.total/", "/indicators/party.members.total/?level=commune",
                "/observations/", "/observations/?area=24", "/observations.json"):
        client.get(url)
        timings = []
        for _ in range(args.runs):
            began = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - began) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        print(f"{url}: {response.status_code}, median {statistics.median(timings):.0f} ms, "
              f"{len(queries)} queries, {len(response.content) / 1024:.0f} KiB")

    out = ROOT / "var" / "national_export.csv"
    out.parent.mkdir(exist_ok=True)
    began = time.perf_counter()
    call_command("export_observations", output=str(out), area="24")
    print(f"export of Bắc Giang with its districts and communes: {time.perf_counter() - began:.1f} s, "
          f"{out.stat().st_size / 1e6:.0f} MB")


def load(rows: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    for command in ("load_areas", "load_terms", "load_catalogue"):
        call_command(command, verbosity=0)
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM indicators_area")
        areas = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM indicators_indicator")
        indicators = cursor.fetchone()[0]
        per_area = max(1, rows // areas)
        # Each area: `per_area` points spread over indicators and twenty years of year-ends.
        cursor.execute(
            """
            INSERT INTO indicators_observation
              (indicator_id, area_id, period_start, period_end, value, breakdown, qualifier, status, method,
               source_line, quote, source_table, source_row, source_column, in_conflict, created_at, updated_at)
            SELECT i.id, a.id, d, d, (a.id * 7 + n) %% 100000, '', '', 'extracted', 'import',
                   NULL, '', '', '', '', false, now(), now()
            FROM indicators_area a
            CROSS JOIN generate_series(0, %s - 1) AS n
            JOIN LATERAL (SELECT id FROM indicators_indicator ORDER BY id OFFSET (n %% %s) LIMIT 1) i ON true
            CROSS JOIN LATERAL (SELECT make_date(2005 + (n / %s) %% 20, 12, 31) AS d) dd
            ON CONFLICT DO NOTHING
            """,
            [per_area, indicators, indicators],
        )
        cursor.execute("ANALYZE indicators_observation")
        cursor.execute("SELECT count(*) FROM indicators_observation")
        total = cursor.fetchone()[0]
    print(f"{total:,} observations over {areas:,} areas and {indicators} indicators, "
          f"loaded in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()

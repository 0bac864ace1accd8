"""CSV export speed against PostgreSQL's own COPY of the same rows.

Usage (PostgreSQL; creates and drops its own database):
    DJANGO_DEBUG=1 .venv/bin/python benchmarks/export_benchmark.py [ROWS]
Prints rows/s of `export_observations` and of `COPY (SELECT …) TO STDOUT` over the same query.
"""
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = "export_benchmark"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")


def recreate_database():
    import psycopg2

    admin = psycopg2.connect("dbname=postgres user=postgres host=127.0.0.1")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DB}")
        cursor.execute(f"CREATE DATABASE {DB}")
    admin.close()


def main(rows: int):
    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from indicators.exports import EXPORT_COLUMNS
    from indicators.models import Area, Indicator, Observation

    call_command("migrate", verbosity=0)
    area = Area.objects.create(key="b-1", code="b1", level="province", name="Tỉnh Thử", short_name="Thử",
                               search_name="thu")
    indicators = [Indicator.objects.create(code=f"bench.{i}", name_vi=f"Chỉ tiêu {i}", family="staff",
                                           unit="person", kind="stock") for i in range(100)]
    start = time.perf_counter()
    batch = []
    for i in range(rows):
        day = dt.date(2005, 1, 1) + dt.timedelta(days=i % 7300)
        batch.append(Observation(indicator=indicators[i % 100], area=area, period_start=day, period_end=day,
                                 value=i, method="import", quote=f"có {i} người", breakdown=f"sex={'nam' if i % 2 else 'nữ'}"))
        if len(batch) == 20_000:
            Observation.objects.bulk_create(batch)
            batch.clear()
    Observation.objects.bulk_create(batch)
    print(f"loaded {rows:,} rows in {time.perf_counter() - start:.1f} s")

    out = ROOT / "var" / "export_benchmark.csv"
    out.parent.mkdir(exist_ok=True)
    start = time.perf_counter()
    call_command("export_observations", output=str(out))
    export_seconds = time.perf_counter() - start
    print(f"export_observations: {export_seconds:.2f} s, {rows / export_seconds:,.0f} rows/s, "
          f"{out.stat().st_size / 1e6:.0f} MB")

    sql, params = Observation.objects.order_by("period_end", "id").values_list(
        *(path for _, path in EXPORT_COLUMNS)).query.sql_with_params()
    with connection.cursor() as cursor:
        copy_sql = cursor.mogrify(f"COPY ({sql}) TO STDOUT WITH CSV HEADER", params).decode()
        start = time.perf_counter()
        with open(os.devnull, "wb") as sink:
            cursor.copy_expert(copy_sql, sink)
        copy_seconds = time.perf_counter() - start
    print(f"COPY of the same query: {copy_seconds:.2f} s, {rows / copy_seconds:,.0f} rows/s")
    print(f"export / COPY time: {export_seconds / copy_seconds:.1f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500_000)

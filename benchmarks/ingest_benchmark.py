"""Seconds of ingestion per 100 KB for each sample report, in a throw-away test database.

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/ingest_benchmark.py [FILE...] [--province NAME]

Each file is ingested as a dry run (everything runs, then rolls back) after one warm-up run, so
imports and catalogue loading are not counted. Needs the areas the reports name: the gazetteer
is loaded with load_areas when the command exists; otherwise pass --province of an Area row.
"""
import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=sorted((ROOT / "reports/samples").glob("*.txt")))
    parser.add_argument("--province")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import django
    django.setup()
    from django.core.management import call_command, get_commands
    from django.test.utils import setup_test_environment
    from django.test.runner import DiscoverRunner

    from reports.services import document_ingest

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    old_config = runner.setup_databases()
    try:
        if "load_areas" in get_commands():
            call_command("load_areas", verbosity=0)
        call_command("load_catalogue", verbosity=0)
        print(f"{'file':40} {'KB':>7} {'seconds':>8} {'s/100KB':>8} {'observations':>12}")
        for path in args.files:
            data = path.read_bytes()
            document_ingest(file_name=path.name, data=data, province=args.province, dry_run=True)  # warm-up
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                summary = document_ingest(file_name=path.name, data=data, province=args.province, dry_run=True)
                times.append(time.perf_counter() - started)
            seconds = statistics.median(times)
            print(f"{path.name:40} {len(data) / 1000:7.1f} {seconds:8.3f} {seconds / (len(data) / 100_000):8.3f} "
                  f"{summary.observation_count:12}")
    finally:
        runner.teardown_databases(old_config)


if __name__ == "__main__":
    main()

"""The fuzzer of tests/test_fuzz_extraction.py run for minutes: the same strategies, as many examples as
fit in the time, each crash saved under tests/data/fuzz_cases/ (replayed by test_saved_cases) and printed.

    DJANGO_DEBUG=1 .venv/bin/python benchmarks/fuzz_benchmark.py [--minutes 10]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    args = parser.parse_args()
    import django

    django.setup()
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tests import test_fuzz_extraction as fz

    deadline = time.monotonic() + args.minutes * 60
    found: dict[str, str] = {}
    counts = {"extract": 0, "read": 0}
    slowest = [0.0, ""]

    def run(kind, fn, *a):
        counts[kind] += 1
        start = time.perf_counter()
        try:
            fn(*a)
        except Exception as exc:
            payload = a[-1] if isinstance(a[-1], bytes) else a[-1].encode("utf-8", "surrogatepass")
            path = fz.save_case(kind if kind == "extract" else "read-" + a[0].replace(".", "_"), payload)
            key = f"{type(exc).__name__}: {str(exc)[:100]}"
            if key not in found:
                found[key] = str(path)
                print(f"CRASH {key}\n  saved {path}\n" + "".join(traceback.format_exc(limit=-3)), flush=True)
        took = time.perf_counter() - start
        if took > slowest[0]:
            slowest[:] = [took, f"{kind}, {len(a[-1])} chars/bytes"]

    profile = settings(max_examples=10**9, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))

    class Done(Exception):
        pass

    @profile
    @given(st.one_of(fz.ADVERSARIAL.map(lambda t: ("extract", t)),
                     st.tuples(fz.FILE_NAMES, st.one_of(st.binary(max_size=2000), st.tuples(
                         fz.ADVERSARIAL, fz.ENCODINGS).map(lambda t: t[0].encode(t[1], "replace")))).map(
                         lambda t: ("read", t))))
    def fuzz(item):
        if time.monotonic() > deadline:
            raise Done
        kind, value = item
        if kind == "extract":
            run("extract", fz.check_extract, value)
        else:
            run("read", fz.check_read, *value)

    try:
        fuzz()
    except Done:
        pass
    except Exception:  # Hypothesis re-raises Done wrapped when it shrinks; anything else is reported
        if time.monotonic() <= deadline:
            traceback.print_exc()
    print(f"{counts['extract']} texts through the extractor, {counts['read']} files through the decoder in "
          f"{args.minutes:g} min; slowest {slowest[0]:.2f} s ({slowest[1]})")
    print(f"{len(found)} distinct crashes" + "".join(f"\n  {k} -> {v}" for k, v in found.items()))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

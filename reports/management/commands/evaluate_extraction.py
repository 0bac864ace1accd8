from django.core.management.base import BaseCommand

from reports import corpus
from reports.evaluation import CORE


def _row(label: str, families: dict, extra: str = "") -> str:
    s = corpus.summed(families)
    precision, recall = corpus.precision_recall(families)
    return f"{label:44} {s['gold']:>5} {s['found']:>5} {s['exported']:>5}  P={precision:.3f}  R={recall:.3f}  {extra}"


class Command(BaseCommand):
    help = (
        "Score the extractor on the development corpus as users get it: each report ingested (in a "
        "transaction rolled back, nothing stays stored) and exported, the export scored against its gold over "
        "the five core families, per document, per family, and the held-out third apart. Reads the written "
        "reports in tests/data/corpus/ and the real reports whose texts are in the folder REAL_REPORTS_DIR "
        "names (or --real-reports); lists those missing. The series check: facts of one gold concept land in "
        "one indicator and breakdown, and no series holds two concepts."
    )

    def add_arguments(self, parser):
        parser.add_argument("--real-reports", help=f"folder of the real reports' texts (default: ${corpus.REAL_REPORTS_ENV})")
        parser.add_argument("--part", choices=("written", "real", "all"), default="all")
        parser.add_argument("--series", action="store_true", help="list each series problem, not only count them")
        parser.add_argument("--misses", metavar="DOC", help="list the gold facts missed and the rows no gold wanted in "
                            "the documents whose name contains DOC (not for held-out ones: no rule is written from them)")

    def handle(self, *args, **options):
        documents = []
        if options["part"] in ("written", "all"):
            documents += corpus.written_documents()
        if options["part"] in ("real", "all"):
            documents += corpus.real_documents(options["real_reports"])
        missing = [(d, d.problem()) for d in documents if d.problem()]
        scores = [corpus.score_document(d) for d in documents if not d.problem()]
        out = self.stdout
        out.write(f"{'document':44} {'gold':>5} {'found':>5} {'rows':>5}  (core families; series: split/merged)")
        for s in scores:
            mark = " [held out]" if s.document.held_out else ""
            extra = f"series {len(s.series_split)}/{len(s.series_merged)}" + (f"  ERROR {s.error}" if s.error else "")
            out.write(_row(s.document.name + mark, s.families, extra))
            if options["series"]:
                for line in s.series_split + s.series_merged:
                    out.write(f"    {line}")
            if options["misses"] and options["misses"] in s.document.name and not s.document.held_out:
                for line in corpus.misses(s):
                    out.write(f"    {line}")
        out.write("")
        for part in ("written", "real"):
            for held_out, label in ((False, "rules written from"), (True, "held out")):
                group = [s for s in scores if s.document.part == part and s.document.held_out == held_out]
                if group:
                    problems = sum(bool(s.series_split or s.series_merged) for s in group)
                    concepts = sum(s.concepts for s in group)
                    clean = sum(s.clean_concepts for s in group) / concepts if concepts else 0.0
                    out.write(_row(f"{part}, {label} ({len(group)})", corpus.totals(group),
                                   f"concepts in a series of their own {clean:.1%}; documents with a series "
                                   f"problem {problems}"))
        everything = corpus.totals(scores)
        out.write(_row(f"all ({len(scores)})", everything))
        out.write("")
        for family in CORE:
            out.write(_row(f"  {family}", {family: everything.get(family, {})}))
            held = corpus.totals([s for s in scores if s.document.held_out]).get(family, {})
            out.write(_row(f"  {family}, held out", {family: held}))
        if missing:
            out.write("")
            out.write(f"Not scored ({len(missing)}): " + ", ".join(f"{d.name} ({why})" for d, why in missing))
            out.write(f"(the real reports' texts are read from the folder ${corpus.REAL_REPORTS_ENV} or --real-reports "
                      f"names; tests/data/real_reports/manifest.json says where each was read)")

import sys

from django.core.management.base import BaseCommand, CommandError

from indicators.exports_postgres import write_export_csv
from indicators.filters import ObservationFilterSet, filter_errors_text
from indicators.models import Observation

FILTERS = list(ObservationFilterSet.base_filters)  # the explorer's, so a URL and a command line agree


class Command(BaseCommand):
    help = (
        "Export observations as CSV (UTF-8 with BOM), streamed. Filters are those of the explorer page: "
        "--area KEY (with its children unless --children false; --lineage true adds the units merged into "
        "it), --level province|district|commune, --family, --indicator CODE, --term 2020-2025, --date-from, "
        "--date-to (ISO dates, on the period's end), --status, --rejected false (only what charts draw), "
        "--document ID."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write; standard output when absent")
        for name in FILTERS:
            parser.add_argument(f"--{name.replace('_', '-')}", dest=name)

    def handle(self, *args, **options):
        data = {name: options[name] for name in FILTERS if options.get(name) is not None}
        filterset = ObservationFilterSet(data, queryset=Observation.objects.all())
        if not filterset.is_valid():
            raise CommandError(f"Bộ lọc không hợp lệ / invalid filter: {filter_errors_text(filterset)}")
        if options["output"]:
            with open(options["output"], "wb") as out:
                write_export_csv(filterset.qs, out)
        else:
            write_export_csv(filterset.qs, sys.stdout.buffer)
            sys.stdout.buffer.flush()

import time

from django.core.management.base import BaseCommand

from indicators.gazetteer import load_areas


class Command(BaseCommand):
    help = (
        "Load Vietnam's administrative units before and after 2025-07-01 (63→34 provinces, districts "
        "ended, communes reorganised) and their lineage from the vietnamadminunits package (idempotent)."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = load_areas()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"until 30/06/2025: {counts['provinces_before_reform']} provinces, "
            f"{counts['districts_before_reform']} districts, {counts['communes_before_reform']} communes\n"
            f"since 01/07/2025: {counts['provinces_since_reform']} provinces, "
            f"{counts['communes_since_reform']} communes\n"
            f"areas: {counts['areas']} ({counts['areas_created']} created, {counts['areas_updated']} updated)\n"
            f"lineage links: {counts['lineage_links']} ({counts['links_created']} created, "
            f"{counts['links_updated']} updated, {counts['links_deleted']} deleted)\n"
            f"time: {seconds:.1f} s"
        )

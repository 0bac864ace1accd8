from django.core.management.base import BaseCommand

from indicators.services import terms_load


class Command(BaseCommand):
    help = "Load party-congress and People's Council terms from indicators/data/terms.json (idempotent)."

    def handle(self, *args, **options):
        counts = terms_load()
        self.stdout.write(f"terms: {counts['total']} ({counts['created']} created, {counts['updated']} updated)")

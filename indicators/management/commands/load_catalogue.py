from django.core.management.base import BaseCommand, CommandError

from indicators.services import catalogue_load


class Command(BaseCommand):
    help = "Load the indicator catalogue from indicators/data/catalogue.json (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", help="another catalogue file of the same format")

    def handle(self, *args, **options):
        try:
            counts = catalogue_load(path=options["file"])
        except (OSError, ValueError) as error:
            raise CommandError(f"Không đọc được danh mục chỉ tiêu / cannot read the catalogue: {error}")
        self.stdout.write(
            f"indicators: {counts['total']} in the catalogue ({counts['created']} created, "
            f"{counts['updated']} updated, {counts['not_in_file']} no longer in the file)"
        )

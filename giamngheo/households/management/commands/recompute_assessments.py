from datetime import date

from django.core.management.base import BaseCommand

from giamngheo.households.assessment import recompute
from giamngheo.households.models import Household


class Command(BaseCommand):
    help = (
        "Re-assess every household's facts under the standard in force (run after 1 January "
        "of a year with a new standard, or after a standard's data changed). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commune", help="only this commune (code)")
        parser.add_argument("--on", help="reference date, yyyy-mm-dd (default: today)")

    def handle(self, *args, commune=None, on=None, **options):
        queryset = Household.objects.all()
        if commune:
            queryset = queryset.filter(commune__code=commune)
        on_date = date.fromisoformat(on) if on else None

        def progress(done, total):
            self.stdout.write(f"{done}/{total}")

        count = recompute(queryset, on=on_date, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{count} households re-assessed."))

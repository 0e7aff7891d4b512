from datetime import date

from django.core.management.base import BaseCommand, CommandError

from giamngheo.households.models import Household
from giamngheo.households.reassessment import CHUNK, reassess


class Command(BaseCommand):
    help = (
        "Re-assess every household's facts under the standard in force (run after 1 January "
        "of a year with a new standard, or after a standard's data changed). Idempotent and "
        "resumable; statuses are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--commune", help="only this commune (code)")
        parser.add_argument("--on", help="reference date, yyyy-mm-dd (default: today)")
        parser.add_argument("--chunk", type=int, default=CHUNK, help="households per chunk")
        parser.add_argument(
            "--resume", action="store_true", help="continue the last unfinished run"
        )

    def handle(self, *args, commune=None, on=None, chunk=CHUNK, resume=False, **options):
        queryset = Household.objects.all()
        if commune:
            queryset = queryset.filter(commune__code=commune)
        try:
            on_date = date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--on: {error}") from error

        def progress(done, total):
            self.stdout.write(f"{done}/{total}")

        run = reassess(
            queryset,
            on=on_date,
            scope=f"commune:{commune}" if commune else "",
            chunk=chunk,
            resume=resume,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.processed} households re-assessed under {run.standard}: "
                f"{run.changed} assessments changed, {run.category_changed} categories changed."
            )
        )

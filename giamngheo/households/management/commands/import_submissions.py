from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from giamngheo.accounts.models import User
from giamngheo.core.tabular import RowErrors
from giamngheo.geo.models import Level, Unit
from giamngheo.households.odk import import_submissions


class Command(BaseCommand):
    help = (
        "Apply household survey submissions exported from ODK Central (.csv) or KoboToolbox "
        "(.xlsx) to a commune's households, as the given user; all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--commune", required=True, help="commune code")
        parser.add_argument("--user", required=True, help="user name of the acting officer")

    def handle(self, *args, file, commune, user, **options):
        unit = Unit.objects.filter(code=commune, level=Level.COMMUNE).first()
        by = User.objects.filter(username=user).first()
        if unit is None or by is None:
            raise CommandError("Unknown commune or user.")
        try:
            with open(file, "rb") as stream:
                count = import_submissions(File(stream, name=Path(file).name), commune=unit, by=by)
        except RowErrors as exc:
            for e in exc.rows:
                self.stderr.write(f"row {e.row} {e.column}: {e.message}")
            raise CommandError(str(exc.message)) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Updated {count} household(s).")

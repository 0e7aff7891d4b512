from django.core.management.base import BaseCommand

from giamngheo.households.odk import default_filename, write_xlsform


class Command(BaseCommand):
    help = (
        "Write the household survey as an XLSForm for ODK Central / KoboToolbox, generated "
        "from the register's import columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=None)

    def handle(self, *args, path=None, **options):
        path = path or default_filename()
        write_xlsform(path)
        self.stdout.write(f"Wrote {path}")

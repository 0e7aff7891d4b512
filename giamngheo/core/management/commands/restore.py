from django.core.management.base import BaseCommand, CommandError

from giamngheo.core.backups import restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media folder with a backup made by `backup`, then check "
        "every table's row count and checksum against the backup's manifest. Stop the web "
        "server and the worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder, e.g. var/backups/20261129-013000")
        parser.add_argument("--yes", action="store_true", help="confirm: current data is replaced")

    def handle(self, *args, folder, yes, **options):
        if not yes:
            raise CommandError("Restoring replaces every table and file; add --yes to confirm.")
        mismatched = restore(folder)
        if mismatched:
            raise CommandError(
                "Restored, but these tables differ from the backup: " + ", ".join(mismatched)
            )
        self.stdout.write(f"Restored {folder}; every table matches the backup.")

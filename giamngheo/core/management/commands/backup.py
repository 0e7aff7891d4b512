from django.core.management.base import BaseCommand, CommandError

from giamngheo.core.backups import backup


class Command(BaseCommand):
    help = "Back up the database and uploaded files to BACKUP_DIR, keeping the newest BACKUP_KEEP."

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="folder for backups (default BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="backups to keep (default BACKUP_KEEP)")

    def handle(self, *args, **options):
        try:
            folder = backup(options["dir"], options["keep"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Backup written to {folder}")

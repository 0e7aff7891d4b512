from django.core.management.base import BaseCommand

from giamngheo.core.exports import purge_expired


class Command(BaseCommand):
    help = "Delete exported files past EXPORT_RETENTION_HOURS (run daily by giamngheo-backup)."

    def handle(self, *args, **options):
        count = purge_expired()
        self.stdout.write(f"{count} expired export(s) removed.")

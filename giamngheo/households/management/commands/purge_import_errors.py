from django.conf import settings
from django.core.management.base import BaseCommand

from giamngheo.households.importer import purge_old_import_data


class Command(BaseCommand):
    help = (
        "Clear the row errors and stored files of imports finished more than "
        "IMPORT_ERRORS_RETENTION_DAYS days ago (they hold citizen IDs and names). Idempotent."
    )

    def handle(self, *args, **options):
        cleared = purge_old_import_data()
        self.stdout.write(
            f"Cleared {cleared} import(s) finished more than "
            f"{settings.IMPORT_ERRORS_RETENTION_DAYS} days ago."
        )

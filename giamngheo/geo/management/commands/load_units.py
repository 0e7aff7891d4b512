from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from giamngheo.geo.services import load_official_units


class Command(BaseCommand):
    help = (
        "Load or refresh the 34 provinces and 3,321 communes from vietnam-provinces (idempotent)."
    )

    def handle(self, *args, **options):
        result = load_official_units()
        self.stdout.write(
            _("Units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )

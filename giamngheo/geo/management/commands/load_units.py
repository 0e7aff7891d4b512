from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from giamngheo.geo.services import load_official_units


class Command(BaseCommand):
    help = (
        "Load or refresh the 34 provinces and 3,321 communes from vietnam-provinces, and the "
        "former (pre-July-2025) provinces, districts and communes with what each became "
        "(idempotent)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-former",
            action="store_true",
            help="Load only the current units, not the former ones.",
        )

    def handle(self, *args, **options):
        result = load_official_units(legacy=not options["no_former"])
        self.stdout.write(
            _("Units: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )

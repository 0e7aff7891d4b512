from django.core.management.base import BaseCommand

from giamngheo.site.demo import build_demo


class Command(BaseCommand):
    help = "Create the demo province (units, villages, accounts of every role, former units, the Kon Tum 2018 roster); idempotent."

    def handle(self, *args, **options):
        build_demo(stdout=self.stdout, former_units=True)

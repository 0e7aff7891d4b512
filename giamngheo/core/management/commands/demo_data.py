from django.core.management.base import BaseCommand

from giamngheo.core.demo import build_demo


class Command(BaseCommand):
    help = "Create the demo province (units, villages, accounts of every role); idempotent."

    def handle(self, *args, **options):
        build_demo(stdout=self.stdout)

"""``manage.py db_worker``: django-tasks-db's command with the resilient worker of core.worker.

Same name and options, so ``make serve`` and the service units need no change; this app
comes before django_tasks_db in INSTALLED_APPS, so its command is the one Django runs.
"""

from django_tasks_db.management.commands import db_worker

from giamngheo.core.worker import Worker


class Command(db_worker.Command):
    help = (
        "Run a database background worker that survives database errors and fails the "
        "tasks of dead workers"
    )

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = Worker  # the library's handle() builds the worker by this name
        try:
            super().handle(*args, **options)
        finally:
            db_worker.Worker = original

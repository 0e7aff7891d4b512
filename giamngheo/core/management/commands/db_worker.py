"""django-tasks-db's ``db_worker`` with a heartbeat for ``/healthz``.

This app comes before django_tasks_db in INSTALLED_APPS, so ``manage.py db_worker`` runs this
command. A thread records the worker as alive every ``WORKER_HEARTBEAT_SECONDS``, also while a
long job runs (the worker's own loop is blocked then).
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from giamngheo.core.models import WorkerHeartbeat

logger = logging.getLogger("giamngheo.worker")


def beat(worker_id: str, started_at) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "seen_at": timezone.now(),
        },
    )


class Command(DBWorkerCommand):
    def handle(self, *args, **options):
        if options["batch"]:  # a one-off run (tests, cron) is not a worker to watch
            return super().handle(*args, **options)
        worker_id = options["worker_id"]
        started_at = timezone.now()
        stop = threading.Event()

        def run():
            while not stop.is_set():
                try:
                    close_old_connections()
                    beat(worker_id, started_at)
                except Exception:  # a database hiccup must not kill the worker; health shows it
                    logger.warning("heartbeat not recorded", exc_info=True)
                finally:
                    connection.close()
                stop.wait(settings.WORKER_HEARTBEAT_SECONDS)

        threading.Thread(target=run, name="heartbeat", daemon=True).start()
        try:
            return super().handle(*args, **options)
        finally:
            stop.set()
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()

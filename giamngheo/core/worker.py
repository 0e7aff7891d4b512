"""A background worker that outlives database trouble and never leaves a task RUNNING for ever.

django-tasks-db's worker stops on the first database error other than "locked" (a restart of
PostgreSQL, "too many clients"), and a task whose worker is killed stays RUNNING: nothing
notices. This worker (``manage.py db_worker``, same options) adds three things:

* it catches database errors in its loop, waits (1 s doubling to 60 s) and carries on; a
  task that was running when the error struck is marked failed once the database is back;
* a heartbeat thread records that the worker is alive (``WorkerHeartbeat``);
* a reaper (in the same thread) marks failed every RUNNING task whose worker is gone: its
  process no longer exists on this machine, or it has been silent for
  ``TASKS_WORKER_LOST_AFTER_SECONDS``. Failing a task sends django-tasks' ``task_finished``
  signal, as a task that raised would, so the app that queued it can record the outcome.

Failed, not retried: a file that kills a worker would kill the next one too.
"""

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus, task_finished
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger("giamngheo.worker")
HOSTNAME = socket.gethostname()[:255]
LOST_CLASS_PATH = "giamngheo.core.worker.WorkerLost"


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped before finishing it."""


def beat(worker_id: str) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": HOSTNAME, "pid": os.getpid(), "last_seen": timezone.now()},
    )


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_lost(task: DBTaskResult, beats: dict, now) -> bool:
    lost_after = timezone.timedelta(seconds=settings.TASKS_WORKER_LOST_AFTER_SECONDS)
    heartbeat = beats.get(task.worker_ids[-1]) if task.worker_ids else None
    if heartbeat is None:
        # A worker without heartbeats (the library's own): only time tells.
        return task.started_at is None or task.started_at < now - lost_after
    if heartbeat.hostname == HOSTNAME and not _process_exists(heartbeat.pid):
        return True
    return heartbeat.last_seen < now - lost_after


def fail_task(task_id, reason: str) -> bool:
    """Mark a RUNNING task failed (if it still is) and announce it; True when it was."""
    with transaction.atomic():
        task = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
        if task is None or task.status != TaskResultStatus.RUNNING:
            return False
        task.status = TaskResultStatus.FAILED
        task.finished_at = timezone.now()
        task.exception_class_path = LOST_CLASS_PATH
        task.traceback = reason
        task.return_value = None
        task.save(
            update_fields=[
                "status",
                "finished_at",
                "exception_class_path",
                "traceback",
                "return_value",
            ]
        )
    logger.warning("Task %s marked failed: %s", task_id, reason)
    try:
        task_finished.send(sender=type(task.task.get_backend()), task_result=task.task_result)
    except ImportError:  # the task's code is gone; the row says enough
        pass
    return True


def reap_lost_tasks(now=None) -> list:
    """Fail every RUNNING task whose worker is gone; the ids of the tasks failed."""
    now = now or timezone.now()
    running = list(DBTaskResult.objects.running())
    if not running:
        return []
    ids = {t.worker_ids[-1] for t in running if t.worker_ids}
    beats = {b.worker_id: b for b in WorkerHeartbeat.objects.filter(worker_id__in=ids)}
    reaped = []
    for task in running:
        if _is_lost(task, beats, now) and fail_task(
            task.pk, "The worker running this task stopped before it finished."
        ):
            reaped.append(task.pk)
    # Forget workers silent for a day.
    WorkerHeartbeat.objects.filter(last_seen__lt=now - timezone.timedelta(days=1)).delete()
    return reaped


class Heartbeat(threading.Thread):
    """Beats and reaps every ``TASKS_WORKER_HEARTBEAT_SECONDS`` on its own connection."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    beat(self.worker_id)
                    reap_lost_tasks()
                except Exception as exc:  # the thread must outlive any failure
                    # Locked (SQLite, during a long import) or unreachable: try next time.
                    logger.warning("Heartbeat not written: %s", exc.__class__.__name__)
                    try:
                        connections.close_all()
                    except Exception:  # noqa: BLE001 - closing a broken connection
                        pass
                self.stopped.wait(settings.TASKS_WORKER_HEARTBEAT_SECONDS)
            # A worker that stopped cleanly is no longer alive for /healthz (a killed one just
            # goes quiet). Deleted on this thread's own connection, where it was written.
            try:
                WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
            except Exception as exc:  # noqa: BLE001 - the database may be the reason we stop
                logger.warning("Heartbeat not removed: %s", exc.__class__.__name__)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self.stopped.set()


class Worker(db_worker.Worker):
    """django-tasks-db's worker, kept alive through database errors."""

    max_backoff = 60

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.current_task_id = None
        self.interrupted: list = []

    def run_task(self, db_task_result) -> None:
        self.current_task_id = db_task_result.pk
        super().run_task(db_task_result)
        self.current_task_id = None

    def run(self) -> None:
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        backoff, last_error = 1, 0.0
        try:
            while True:
                try:
                    while self.interrupted:
                        fail_task(
                            self.interrupted[0],
                            "A database error interrupted this task; nothing was saved.",
                        )
                        self.interrupted.pop(0)
                    beat(self.worker_id)
                    reap_lost_tasks()
                    super().run()
                    return
                except DatabaseError as exc:
                    if time.monotonic() - last_error > 300:
                        backoff = 1  # a new spell of trouble, not the same one
                    last_error = time.monotonic()
                    if self.current_task_id is not None:
                        self.interrupted.append(self.current_task_id)
                        self.current_task_id = None
                        self.running_task = False
                    logger.warning(
                        "Database error in the worker (%s: %s); trying again in %d s",
                        exc.__class__.__name__,
                        str(exc).splitlines()[0] if str(exc) else "",
                        backoff,
                    )
                    try:
                        connections.close_all()
                    except DatabaseError:
                        pass
                    if not self.running:
                        return
                    time.sleep(backoff)
                    backoff = min(backoff * 2, self.max_backoff)
                    last_error = time.monotonic()
        finally:
            heartbeat.stop()
            heartbeat.join(timeout=30)

"""Spreadsheet exports built by the background worker, not during the request.

A province's register (a million households) takes minutes to write; no web request may take
that long. An app registers each large export once (``register``) with a function that,
given the requesting user and the list's filters, returns the rows **through that user's
area scoping**. ``start`` records an :class:`ExportJob` and queues it; the worker writes the
file in constant memory (``tabular.write_xlsx``) with progress, and the user downloads it from
the job's page until ``EXPORT_RETENTION_HOURS`` have passed (``purge_exports`` then removes it).
"""

import logging
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task

from .models import ExportJob
from .observability import current_request_id, request_id_context
from .tabular import write_xlsx

logger = logging.getLogger("giamngheo.exports")


@dataclass(frozen=True)
class Export:
    kind: str
    filename: str
    sheet_title: object = ""
    headers: Callable[[], list] | None = None
    # (user, QueryDict) -> (row count, iterable of rows), scoped to the user's area.
    rows: Callable[[object, QueryDict], tuple[int, Iterable]] | None = None
    # Whether the user may ask for it at all (checked again when the job runs).
    allowed: Callable[[object], bool] = lambda user: True
    # A file with a layout of its own (the official reports) instead of headers and rows:
    # (user, QueryDict, path, on_total, on_progress) -> rows written, scoped like ``rows``.
    write: Callable | None = None


REGISTRY: dict[str, Export] = {}


def register(export: Export) -> Export:
    REGISTRY[export.kind] = export
    return export


def _params(query: QueryDict) -> dict:
    return {key: values for key, values in query.lists() if key not in ("csrfmiddlewaretoken",)}


def start(*, kind: str, by, query: QueryDict, filename: str = "") -> ExportJob:
    """Record the job and queue it (the queue is the same database: both commit together);
    ``filename`` names this job's file when it is not the export's usual name."""
    export = REGISTRY[kind]
    job = ExportJob.objects.create(
        kind=kind,
        params=_params(query),
        filename=filename or export.filename,
        created_by=by,
        request_id=current_request_id(),
        expires_at=timezone.now() + timedelta(hours=settings.EXPORT_RETENTION_HOURS),
    )
    run_export.enqueue(str(job.pk))
    return job


def build(job: ExportJob) -> None:
    """Write the job's file. Failures are recorded on the job, with details only in the log."""
    export = REGISTRY[job.kind]
    query = QueryDict(mutable=True)
    for key, values in job.params.items():
        query.setlist(key, values)
    with request_id_context(job.request_id), translation.override(settings.LANGUAGE_CODE):
        logger.info("export %s started", job.kind, extra={"job": str(job.pk)})
        try:
            if not export.allowed(job.created_by):
                raise PermissionError("the user may no longer export this list")
            with tempfile.TemporaryDirectory(prefix="giamngheo-export-") as folder:
                path = Path(folder) / job.filename
                written = _write(export, job, query, path)
                with path.open("rb") as handle:
                    job.file.save(job.filename, File(handle), save=False)
            now = timezone.now()
            ExportJob.objects.filter(pk=job.pk).update(
                state=ExportJob.State.DONE,
                file=job.file.name,
                written_rows=written,
                total_rows=max(job.total_rows, written),
                finished_at=now,
                expires_at=now + timedelta(hours=settings.EXPORT_RETENTION_HOURS),
            )
            logger.info("export %s done: %d rows", job.kind, written, extra={"job": str(job.pk)})
        except Exception:
            logger.exception("export %s failed", job.kind, extra={"job": str(job.pk)})
            ExportJob.objects.filter(pk=job.pk).update(
                state=ExportJob.State.FAILED, finished_at=timezone.now()
            )


def _write(export: Export, job: ExportJob, query: QueryDict, path: Path) -> int:
    """Write the job's file at ``path`` with progress on the job; the rows written."""

    def total(n):
        job.total_rows = n
        ExportJob.objects.filter(pk=job.pk).update(state=ExportJob.State.RUNNING, total_rows=n)

    def progress(n):
        ExportJob.objects.filter(pk=job.pk).update(written_rows=n)

    if export.write is not None:
        return export.write(job.created_by, query, path, total, progress)
    count, rows = export.rows(job.created_by, query)
    total(count)
    return write_xlsx(path, export.headers(), rows, export.sheet_title, progress)


@task()
def run_export(job_id: str) -> None:
    """The worker's entry point; a job whose row is gone (purged) is skipped."""
    job = ExportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is not None:
        build(job)


WORKER_STOPPED = _(
    "The export was interrupted (the background worker stopped or lost its database). "
    "Ask for it again."
)


def record_failed_export(sender, task_result, **kwargs) -> None:
    """An export task that failed outside ``build`` (worker killed, database lost): the job
    says so instead of staying "waiting" for ever. Connected in CoreConfig.ready to
    django-tasks' ``task_finished``, which core.worker also sends for a task whose worker died."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != run_export.module_path or not task_result.args:
        return
    ExportJob.objects.filter(
        pk=task_result.args[0], state__in=[ExportJob.State.QUEUED, ExportJob.State.RUNNING]
    ).update(state=ExportJob.State.FAILED, message=str(WORKER_STOPPED), finished_at=timezone.now())


def purge_expired(now=None) -> int:
    """Delete the files and records of exports past their retention period."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.filter(expires_at__lt=now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import TaskResultStatus, task

from giamngheo.core.observability import request_id_context

from .importer import run_import
from .models import ImportJob

WORKER_STOPPED = _(
    "The import was interrupted (the background worker stopped or lost its database); "
    "nothing was saved. Upload the file again."
)


@task()
def import_households(job_id: int, request_id: str = "") -> None:
    """Background import: large files would time out a web request. Its log lines carry the
    id of the upload's request."""
    with request_id_context(request_id):
        run_import(ImportJob.objects.select_related("commune", "created_by").get(pk=job_id))


def record_failed_import(sender, task_result, **kwargs) -> None:
    """An import task that failed outside run_import (worker killed, database lost).

    Connected in HouseholdsConfig.ready to django-tasks' ``task_finished``, which the worker
    sends for a task that raised and core.worker for a task whose worker died: the job then
    says so instead of staying "waiting" for ever.
    """
    if task_result.status != TaskResultStatus.FAILED:
        return
    if task_result.task.module_path != import_households.module_path or not task_result.args:
        return
    ImportJob.objects.filter(
        pk=task_result.args[0],
        state__in=[ImportJob.State.QUEUED, ImportJob.State.CHECKING, ImportJob.State.WRITING],
    ).update(state=ImportJob.State.FAILED, message=str(WORKER_STOPPED), finished_at=timezone.now())

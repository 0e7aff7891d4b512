from django_tasks import task

from giamngheo.core.observability import request_id_context

from .importer import run_import
from .models import ImportJob


@task()
def import_households(job_id: int, request_id: str = "") -> None:
    """Background import: large files would time out a web request. Its log lines carry the
    id of the upload's request."""
    with request_id_context(request_id):
        run_import(ImportJob.objects.select_related("commune", "created_by").get(pk=job_id))

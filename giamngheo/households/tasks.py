from django_tasks import task

from .importer import run_import
from .models import ImportJob


@task()
def import_households(job_id: int) -> None:
    """Background import: large files would time out a web request."""
    run_import(ImportJob.objects.select_related("commune", "created_by").get(pk=job_id))

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from giamngheo.accounts.selectors import home_summary
from giamngheo.reports.dashboard import home_dashboard

from .health import health
from .models import ExportJob
from .params import InvalidParameter


@login_required
def home(request):
    context = {"summary": home_summary(request.user), **home_dashboard(request.user)}
    return render(request, "core/home.html", context)


@never_cache
def healthz(request):
    """For the load balancer and monitoring: 200 when all is well, 503 with what is wrong."""
    result = health()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)


def _own_job(request, pk):
    """Only the person who asked sees an export: it may hold personal data of their area."""
    return get_object_or_404(ExportJob, pk=pk, created_by=request.user)


@login_required
def export_job(request, pk):
    job = _own_job(request, pk)
    expired = job.expires_at <= timezone.now()
    return render(request, "core/export_job.html", {"job": job, "expired": expired})


@login_required
def export_download(request, pk):
    job = _own_job(request, pk)
    if job.state != ExportJob.State.DONE or job.expires_at <= timezone.now() or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename)


def bad_request(request, exception):
    """400 page; the message is shown only for our own refusals, never Django's internals."""
    message = str(exception) if isinstance(exception, InvalidParameter) else ""
    return render(request, "400.html", {"message": message}, status=400)

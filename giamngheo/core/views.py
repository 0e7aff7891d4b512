from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from giamngheo.accounts.selectors import home_summary

from .health import health


@login_required
def home(request):
    return render(request, "core/home.html", {"summary": home_summary(request.user)})


@never_cache
def healthz(request):
    """For the load balancer and monitoring: 200 when all is well, 503 with what is wrong."""
    result = health()
    return JsonResponse(result, status=200 if result["status"] == "ok" else 503)

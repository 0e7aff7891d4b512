"""The installable field app: the app shell (one page of the site, filled from the phone's
offline copy), its manifest and its service worker, served from the site's root so the
worker may answer for every page."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import MEMBER_ROW_FIELDS, field_forms

# Bumped when the shell or its files change: the worker then replaces its cache.
SHELL_VERSION = "1"
SHELL_FILES = ["css/app.css", "field/field.css", "field/db.js", "field/app.js", "field/outbox.js",
               "field/register.js", "field/icons/icon-192.png", "field/icons/icon-512.png"]  # fmt: skip


@login_required
def app(request):
    return render(
        request,
        "field/app.html",
        {"forms": field_forms(), "member_fields": MEMBER_ROW_FIELDS,
         "wipe_after_days": settings.OFFLINE_COPY_WIPE_AFTER_DAYS},
    )  # fmt: skip


def status(request):
    """Who is signed in, for the phone deciding whether to send its outbox or wipe its copy.
    Not behind ``login_required``: a signed-out phone gets 401, not the login page."""
    if not request.user.is_authenticated:
        return JsonResponse({"user": None, "login": reverse("accounts:login")}, status=401)
    return JsonResponse(
        {"user": request.user.get_username(),
         "wipe_after_days": settings.OFFLINE_COPY_WIPE_AFTER_DAYS}
    )  # fmt: skip


def manifest(request):
    icons = [{"src": static(f"field/icons/icon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png",
              "purpose": "any maskable"} for n in (192, 512)]  # fmt: skip
    return JsonResponse(
        {"name": _("Poverty reduction · field work"), "short_name": "giamngheo",
         "start_url": reverse("field:app"), "scope": "/", "display": "standalone",
         "lang": "vi", "background_color": "#ffffff", "theme_color": "#156534", "icons": icons},
        content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False},
    )  # fmt: skip


@never_cache
def service_worker(request):
    files = [static(f) for f in SHELL_FILES] + [reverse("field:manifest")]
    body = render(request, "field/sw.js", {
        "version": json.dumps(SHELL_VERSION), "shell": json.dumps(reverse("field:app")),
        "files": json.dumps(files), "api": json.dumps(reverse("api:offline_copy").rsplit("/", 2)[0]),
    }).content  # fmt: skip
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response

"""/favicon.ico: browsers ask for it on every page; answer with the icon, not a 404."""

from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

ICON = Path(__file__).parent / "static" / "core" / "favicon.ico"


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    return HttpResponse(ICON.read_bytes(), content_type="image/x-icon")

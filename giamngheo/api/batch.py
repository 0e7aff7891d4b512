"""Several field entries in one request, in order: on a slow connection (2 s a round trip on
3G) a phone's hundred waiting entries then take a few round trips, not a hundred. Each entry
keeps its own Idempotency-Key and goes through its own endpoint, so a batch sent twice
records nothing twice and a refusal of one entry does not stop the others."""

import json

from django.test.client import RequestFactory
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from .idempotency import HEADER

MAX_ENTRIES = 50
# The endpoints an entry of a batch may go to (no files: a photo goes on its own).
BATCHABLE = {
    ("POST", "api:help_request_create"),
    ("POST", "api:shock_create"),
    ("POST", "api:survey_create"),
    ("PATCH", "api:household-detail"),
}

ENTRY = (
    "BatchEntry",
    {"key": serializers.CharField(max_length=100), "method": serializers.ChoiceField(["POST", "PATCH"]),
     "path": serializers.CharField(), "body": serializers.DictField()},
)  # fmt: skip
RESULT = (
    "BatchResult",
    {"key": serializers.CharField(), "status": serializers.IntegerField(),
     "body": serializers.DictField()},
)  # fmt: skip


def _entries(data) -> list[dict]:
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not 1 <= len(entries) <= MAX_ENTRIES:
        raise ValidationError({"entries": _("Send from 1 to %(n)d entries.") % {"n": MAX_ENTRIES}})
    for entry in entries:
        if not (isinstance(entry, dict) and isinstance(entry.get("body"), dict)
                and isinstance(entry.get("key"), str) and isinstance(entry.get("path"), str)):  # fmt: skip
            raise ValidationError(
                {"entries": _("Each entry needs a key, a method, a path and a body.")}
            )
    return entries


def _one(request, entry) -> tuple[int, dict]:
    method = str(entry.get("method") or "POST").upper()
    try:
        match = resolve(entry["path"])
    except Resolver404:
        match = None
    if match is None or (method, f"{match.namespace}:{match.url_name}") not in BATCHABLE:
        return 400, {"detail": _("This entry cannot be sent in a batch.")}
    sub = RequestFactory().generic(
        method, entry["path"], json.dumps(entry["body"]), content_type="application/json",
        **{f"HTTP_{HEADER.upper().replace('-', '_')}": entry["key"]},
    )  # fmt: skip
    # The batch itself passed authentication and the CSRF check.
    sub.user, sub.session, sub._dont_enforce_csrf_checks = request.user, request.session, True
    sub.LANGUAGE_CODE = getattr(request, "LANGUAGE_CODE", None)
    response = match.func(sub, *match.args, **match.kwargs)
    return response.status_code, getattr(response, "data", {})


@extend_schema(
    request=inline_serializer("Batch", {"entries": inline_serializer(*ENTRY, many=True)}),
    responses=inline_serializer("BatchResults", {"results": inline_serializer(*RESULT, many=True)}),
)
@api_view(["POST"])
def batch(request):
    """Entries in order, each answered as its own endpoint would (results in the same order)."""
    results = []
    for entry in _entries(request.data):
        status, body = _one(request._request, entry)
        results.append({"key": entry["key"], "status": status, "body": body})
    return Response({"results": results})

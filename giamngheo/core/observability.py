"""Request ids and structured logs.

Every request gets an id (Caddy's ``X-Request-ID`` when it sent a well-formed one, else a new
one); it is kept in a context variable, added to every log record, returned in the response
header and stored with the background jobs the request starts, so the worker's log lines of a
job carry the id of the request that asked for it. Only the path is logged, never the query
string: searches may carry names.
"""

import logging
import re
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("request_id", default="")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

request_logger = logging.getLogger("giamngheo.request")


def current_request_id() -> str:
    return _request_id.get()


@contextmanager
def request_id_context(value: str):
    """Run a block (a background job) under the id of the request that started it."""
    token = _request_id.set(value or "")
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to each record so formatters can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _request_id.get()
        return True


class RequestIdMiddleware:
    """Assigns the request id and writes one log line per request (method, path, status, ms)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        value = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(value)
        request.request_id = value
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = value
            user = getattr(request, "user", None)
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            _request_id.reset(token)


def init_error_reporting(dsn: str, environment: str, release: str) -> None:
    """Send unhandled errors to Sentry (or a compatible server such as GlitchTip).

    Called only when SENTRY_DSN is set; personal data is not sent (no request bodies,
    no cookies, no user names).
    """
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        traces_sample_rate=0.0,
    )

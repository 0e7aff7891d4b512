"""Exactly-once writes: every entry carries an ``Idempotency-Key`` chosen by the sender.

The key is claimed in the same transaction as the write, so a retry after a lost answer, or
two copies racing, yield one record and the same answer. A refused entry (4xx) rolls back the
claim with the write: nothing was created, the entry can be corrected and sent again.
"""

import hashlib
import json
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response

from giamngheo.core.concurrency import EditConflict

from .models import IdempotentRequest

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100


def _fingerprint(request) -> str:
    """What was sent: path, fields and the bytes of any file; a reused key must match it."""
    digest = hashlib.sha256(request.path.encode())
    data = request.data
    fields = {k: data.getlist(k) for k in data} if hasattr(data, "getlist") else data
    digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def refusal(exc: DjangoValidationError, code=status.HTTP_400_BAD_REQUEST) -> Response:
    """The service's Vietnamese messages, all in ``detail`` and per field in ``errors``."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
    detail = " ".join(str(m) for messages in errors.values() for m in messages)
    return Response({"detail": detail, "errors": errors}, status=code)


def _key(request) -> str:
    key = (request.headers.get(HEADER) or "").strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError(
            {
                HEADER: _(
                    "Send each entry with an Idempotency-Key header (up to 100 characters, "
                    "new for each entry) so that a retry never records it twice."
                )
            }
        )
    return key


def _replay(previous: IdempotentRequest, request, fingerprint: str) -> Response:
    if previous.fingerprint != fingerprint:
        return Response(
            {"detail": _("This Idempotency-Key was already used for a different entry.")},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    return Response(
        previous.body, status=previous.status_code, headers={"Idempotent-Replayed": "true"}
    )


def run_once(request, write) -> Response:
    """Answer ``write()`` once per key and user; later calls with the key get the same answer.

    ``write`` returns a Response or raises Django's ``ValidationError`` (→ 400, or 409 for
    an edit conflict) or ``PermissionDenied`` (→ 403) with the service's message.
    """
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": [_("Send the entry as a JSON object.")]})
    key, fingerprint = _key(request), _fingerprint(request)
    previous = IdempotentRequest.objects.filter(user=request.user, key=key).first()
    if previous is not None:
        return _replay(previous, request, fingerprint)
    try:
        with transaction.atomic():
            with transaction.atomic():
                claim = IdempotentRequest.objects.create(
                    user=request.user, key=key, fingerprint=fingerprint, path=request.path[:200],
                    status_code=0, body={},
                )  # fmt: skip
            response = _answer(write)
            if response.status_code >= 300:
                transaction.set_rollback(True)
                return response
            claim.status_code, claim.body = response.status_code, response.data
            claim.save(update_fields=["status_code", "body"])
            return response
    except IntegrityError:
        previous = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if previous is None:
            raise
        return _replay(previous, request, fingerprint)


def _answer(write) -> Response:
    try:
        return write()
    except EditConflict as exc:
        return refusal(exc, status.HTTP_409_CONFLICT)
    except DjangoValidationError as exc:
        return refusal(exc)
    except PermissionDenied as exc:
        message = str(exc) or _("You may not record this entry here.")
        return Response({"detail": message}, status=status.HTTP_403_FORBIDDEN)
    except ValidationError as exc:
        detail = " ".join(_messages(exc.detail))
        return Response({"detail": detail, "errors": exc.detail}, status=exc.status_code)
    except APIException as exc:
        return Response({"detail": exc.detail}, status=exc.status_code)


def _messages(detail) -> list[str]:
    """Every message of a serializer's nested errors (members: [{field: [...]}, …])."""
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _messages(value)]
    if isinstance(detail, list):
        return [m for value in detail for m in _messages(value)]
    return [str(detail)]

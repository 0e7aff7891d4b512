"""Schemathesis against the write endpoints, offline and in-process: payloads generated from
the OpenAPI schema (valid and broken ones) never get a 5xx."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from giamngheo.households.models import Household

WRITES = r"^/api/v1/(hoat-dong|phieu-ra-soat|ho-gia-dinh/\{code\}(/yeu-cau-tro-giup|/bien-co)?)/$"


def _schema():
    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True)))
    return schemathesis.openapi.from_dict(raw).include(path_regex=WRITES, method=["POST", "PATCH"])


schema = _schema()


@pytest.fixture
def caller(demo):
    token, _created = Token.objects.get_or_create(user=demo.users["ctv.tumorong"])
    code = Household.objects.filter(commune=demo.commune_a).order_by("code").first().code
    # The app is built here, under the test settings (plain HTTP, static files from finders).
    # As in Django's test client, a request's start and end must not close the test's
    # connection (they would on PostgreSQL, inside the test's transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield {"Authorization": f"Token {token.key}"}, code, get_wsgi_application()
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_write_endpoints_never_answer_5xx(case, caller):
    headers, code, app = caller
    if "code" in (case.path_parameters or {}):
        case.path_parameters["code"] = code
    response = case.call(app=app, headers=headers)
    assert response.status_code < 500, (case.path, response.status_code, response.text[:500])

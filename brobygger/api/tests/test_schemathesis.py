"""Schemathesis against the OpenAPI document, in process through the WSGI app: no server
errors, and every response (status code, content type, body) as the document says.

The document is the one /api/v1/openapi.json serves (test_api_auth.py checks that view), built
at collection time; schemathesis's lazy `from_fixture` loader does not run under pytest 9."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from brobygger.api.scopes import ALL_SCOPES
from brobygger.api.tests.factories import make_client
from brobygger.api.v1 import api
from brobygger.core.tests import logscan
from brobygger.wsgi import application

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = application

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SETTINGS = settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def in_process(db):
    """The WSGI app called directly, as a server would: Django then closes the database
    connection after each request, which would end the test's transaction. The test client
    avoids that the same way (django.test.client.closing_iterator_wrapper)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # The fuzzer's random cursors and numbers are not people: keep them, and the log lines they
    # cause, out of the log scan.
    with logscan.paused(log_lines=True):
        yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(personas, in_process):
    # Every scope, so every operation (the writes too) is reached past its scope check.
    return make_client(personas.bergen, personas.coordinator, scopes=list(ALL_SCOPES)).token


def test_the_document_is_the_one_served(client, db):
    served = client.get("/api/v1/openapi.json").json()
    assert served["paths"].keys() == schema.raw_schema["paths"].keys()
    assert len(served["paths"]) == 17


@schema.parametrize()
@settings(SETTINGS, max_examples=30)
def test_the_api_keeps_to_its_schema(case, token):
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)


@schema.parametrize()
@settings(SETTINGS, max_examples=5)
def test_without_a_token_every_operation_is_a_documented_401(case, in_process):
    response = case.call_and_validate(checks=CHECKS)
    # 405: schemathesis also tries methods the operation does not have.
    assert response.status_code in (400, 401, 405)

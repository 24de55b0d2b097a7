"""Property-based test: requests generated from the OpenAPI schema never cause a server error."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

pytestmark = pytest.mark.django_db

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def wsgi_app(province):
    """The Django WSGI app sharing the test's transaction (as Django's test client does)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def auth_headers(token):
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def api_schema(wsgi_app, auth_headers):
    """The schema as served at /api/schema/, loaded through the WSGI app."""
    return schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=auth_headers)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_no_server_errors(case, auth_headers):
    case.call_and_validate(headers=auth_headers, checks=[not_a_server_error])

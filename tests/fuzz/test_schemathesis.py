"""Property-based fuzzing of every API operation in the OpenAPI schema.

Schemathesis generates valid and invalid requests from /api/schema/ and sends
them in-process (WSGI) as an administrator, a liaison and a reporter. Each
response must not be a server error and, where the schema documents its
status, must match the documented body and content type. The example budget
is fixed so the run fits CI.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.accounts.factories import UserFactory
from tests.partnerships.factories import EnterpriseFactory

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _load_schema():
    from config.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/schema/", application)


schema = _load_schema()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI app, not through Django's test client,
    so, as the test client does, keep the end of each request from closing
    the test transaction's connection (CONN_MAX_AGE applies on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def token_for(role: str) -> str:
    enterprise = EnterpriseFactory()
    EnterpriseFactory()  # another enterprise, outside a liaison's scope
    user = UserFactory(role=role, role__enterprise=enterprise if role == "liaison" else None)
    return Token.objects.get_or_create(user=user)[0].key


def _fuzz(case, role: str) -> None:
    token = token_for(role)
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


_budget = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@schema.parametrize()
@_budget
@pytest.mark.django_db
def test_as_an_administrator(case):
    _fuzz(case, "administrator")


@schema.parametrize()
@_budget
@pytest.mark.django_db
def test_as_a_liaison(case):
    _fuzz(case, "liaison")


@schema.parametrize()
@_budget
@pytest.mark.django_db
def test_as_a_reporter(case):
    _fuzz(case, "reporter")

"""Lists and the teacher's day cost the same number of queries for 1 row as for many."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from internships.models import PlacementLog
from practice.models import CheckIn, IncidentLocation, Journal
from tests.practice.factories import current_placement, student_user

pytestmark = pytest.mark.django_db


def _rows(tom, n, start):
    for i in range(n):
        user = student_user(f"s{start + i}")
        placement = current_placement(user, supervisor=tom)
        CheckIn.objects.create(
            placement=placement, date=timezone.localdate(), at=timezone.now(), on_site=False,
            reason="客户现场",
        )  # fmt: skip
        Journal.objects.create(
            placement=placement, kind="weekly", period_start=placement.starts_on,
            period_end=placement.starts_on + datetime.timedelta(days=6), text="x",
            status="submitted", submitted_at=timezone.now(),
        )  # fmt: skip
        log = PlacementLog.objects.create(
            placement=placement, kind="incident", date=timezone.localdate(), text="x"
        )
        IncidentLocation.objects.create(log=log, lat="41.0", lng="123.0")


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/check-ins/", "/api/v1/journals/", "/api/v1/incidents/", "/practice/day/"],
)
def test_the_cost_does_not_grow_with_the_rows(api, client, tom, path):
    caller = client if path.startswith("/practice/") else api
    if caller is client:
        client.force_login(tom)
    else:
        api.as_(tom)
    _rows(tom, 1, 0)
    few = _count(caller, path)
    _rows(tom, 6, 10)
    assert _count(caller, path) == few

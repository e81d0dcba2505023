"""Idempotency-Key on API creates (common/idempotency.py), on the placement logs."""

import datetime
import json
import threading

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from common.models import IdempotencyKey
from common.services import idempotency_keys_purge
from internships.models import Placement, PlacementLog
from tests.accounts.factories import UserFactory
from tests.internships.factories import START, PlacementFactory, PositionFactory
from tests.partnerships.factories import EnterpriseFactory

URL = "/api/v1/placement-logs/"


@pytest.fixture
def active(enterprise, tom):
    return PlacementFactory(
        position=PositionFactory(enterprise=enterprise),
        supervisor=tom,
        status=Placement.Status.ACTIVE,
    )


def _body(placement, text="Learned the lathe"):
    return {"placement": placement.pk, "kind": "weekly", "date": str(START), "text": text}


@pytest.mark.django_db
def test_a_repeated_request_creates_once_and_gets_the_first_answer(api, lily, active):
    client = api.as_(lily)
    first = client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="week-1-lily")
    again = client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="week-1-lily")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content  # byte for byte, keys in the same order
    assert again["Idempotent-Replayed"] == "true"
    assert not first.has_header("Idempotent-Replayed")
    assert PlacementLog.objects.count() == 1
    # Another key is another log.
    assert client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="week-1-b").status_code == 201
    assert PlacementLog.objects.count() == 2


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused(api, lily, active):
    client = api.as_(lily)
    client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="k-1")
    other = client.post(URL, _body(active, text="Something else"), HTTP_IDEMPOTENCY_KEY="k-1")
    assert other.status_code == 422
    assert other.json() == {
        "non_field_errors": ["This Idempotency-Key was already used for a different request."],
        "code": "idempotency_key_reused",
    }
    assert list(PlacementLog.objects.values_list("text", flat=True)) == ["Learned the lathe"]


@pytest.mark.django_db
def test_keys_are_each_users_own(api, lily, tom, active):
    assert api.as_(lily).post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="same").status_code == 201
    by_tom = api.as_(tom).post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="same")
    assert by_tom.status_code == 201
    assert not by_tom.has_header("Idempotent-Replayed")
    assert PlacementLog.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_request_keeps_no_answer_so_the_key_can_be_retried(api, lily, active):
    client = api.as_(lily)
    refused = client.post(URL, {**_body(active), "kind": "visit"}, HTTP_IDEMPOTENCY_KEY="k-2")
    assert refused.status_code == 400
    assert refused.json()["code"] == "visit_not_allowed"
    assert not IdempotencyKey.objects.exists()
    fixed = client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="k-2")
    assert fixed.status_code == 201
    assert PlacementLog.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 256, "week one", "周报"])
def test_a_malformed_key_is_a_400(api, lily, active, key):
    response = api.as_(lily).post(URL, _body(active), HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 400
    assert response.json()["code"] == "idempotency_key_invalid"
    assert not PlacementLog.objects.exists()


@pytest.mark.django_db
def test_without_a_key_each_request_creates(api, lily, active):
    client = api.as_(lily)
    assert client.post(URL, _body(active)).status_code == 201
    assert client.post(URL, _body(active)).status_code == 201
    assert PlacementLog.objects.count() == 2


@pytest.mark.django_db
def test_old_keys_are_forgotten_by_the_daily_roll(api, lily, active, settings):
    settings.IDEMPOTENCY_KEY_HOURS = 24
    client = api.as_(lily)
    client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="old")
    client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="new")
    IdempotencyKey.objects.filter(key="old").update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert idempotency_keys_purge() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == ["new"]
    assert client.post(URL, _body(active), HTTP_IDEMPOTENCY_KEY="old").status_code == 201
    assert PlacementLog.objects.count() == 3


@pytest.mark.django_db
def test_the_schema_documents_the_header():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    parameters = schema["paths"]["/api/v1/placement-logs/"]["post"]["parameters"]
    header = next(p for p in parameters if p["name"] == "Idempotency-Key")
    assert header["in"] == "header"
    assert not header.get("required", False)
    assert "422" in str(header["description"])
    assert "idempotency_key_reused" in str(header["description"])


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_identical_posts_with_one_key_store_one_log():
    """Eight threads, each with its own connection, send the same log at once.

    Without the unique (user, key) row claimed in the create's transaction,
    several would find no stored answer and each create a log.
    """
    enterprise = EnterpriseFactory()
    liaison = UserFactory(role="liaison", role__enterprise=enterprise)
    placement = PlacementFactory(
        position=PositionFactory(enterprise=enterprise), status=Placement.Status.ACTIVE
    )
    token = Token.objects.create(user=liaison).key
    body = _body(placement)
    barrier = threading.Barrier(8)
    answers: list[tuple[int, bytes]] = []
    lock = threading.Lock()

    def post():
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
        try:
            barrier.wait(timeout=10)
            response = client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="race-1")
            answer = (response.status_code, response.content)
        except Exception as error:  # any failure is a bug in the test's eyes
            answer = (0, repr(error).encode())
        finally:
            connection.close()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert PlacementLog.objects.filter(placement=placement).count() == 1
    log = PlacementLog.objects.get(placement=placement)
    expected = {
        "id": log.pk,
        "placement": placement.pk,
        "kind": "weekly",
        "date": str(START),
        "text": "Learned the lathe",
    }
    assert answers == [(201, json.dumps(expected, separators=(",", ":")).encode())] * 8


@pytest.mark.django_db
@pytest.mark.parametrize("resource", ["positions", "placements", "attendance"])
def test_the_other_internship_creates_take_the_key_too(api, alice, active, resource):
    from internships.models import Attendance, Position
    from tests.internships.factories import StudentFactory

    bodies = {
        "positions": {
            "enterprise": active.enterprise_id,
            "title": "Welder",
            "kind": "cognitive",
            "capacity": 3,
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-01",
        },
        "placements": {"student": StudentFactory().pk, "position": active.position_id},
        "attendance": {"placement": active.pk, "date": str(START), "status": "present"},
    }
    model = {"positions": Position, "placements": Placement, "attendance": Attendance}[resource]
    before = model.objects.count()
    client = api.as_(alice)
    url = f"/api/v1/{resource}/"
    first = client.post(url, bodies[resource], HTTP_IDEMPOTENCY_KEY=f"{resource}-1")
    again = client.post(url, bodies[resource], HTTP_IDEMPOTENCY_KEY=f"{resource}-1")
    assert first.status_code == again.status_code == 201, first.content
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert model.objects.count() == before + 1

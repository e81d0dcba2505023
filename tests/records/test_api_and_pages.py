"""The records' API and pages: writes through the services, scoping, lists that
cost the same queries for few and many rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from records.kinds import KINDS
from records.models import Teacher
from tests.internships.factories import StudentFactory
from tests.partnerships.factories import DepartmentFactory, MajorFactory
from tests.records.factories import FACTORIES, OrderClassFactory

pytestmark = pytest.mark.django_db


def _fill(resource, enterprise, n):
    factory = FACTORIES[resource]
    for _ in range(n):
        if resource == "training-base-years":
            factory(base__enterprise=enterprise)
        elif resource == "employments":
            factory(employer=enterprise)
        elif resource in ("teachers", "certificates", "certificate-passes"):
            factory()
        elif resource == "order-classes":
            row = factory(enterprise=enterprise)
            row.students.set(StudentFactory.create_batch(2, major=row.major))
        else:
            factory(enterprise=enterprise)


@pytest.mark.parametrize("resource", sorted(KINDS))
def test_lists_cost_the_same_for_few_and_many_rows(
    resource, api, alice, client, enterprise, django_assert_num_queries
):
    _fill(resource, enterprise, 3)
    api.as_(alice)
    client.force_login(alice)
    paths = [
        (api, f"/api/v1/{resource}/?page_size=200"),
        (client, f"/records/{resource}/?page_size=200"),
    ]
    counts = []
    for caller, path in paths:
        with CaptureQueriesContext(connection) as queries:
            assert caller.get(path).status_code == 200
        counts.append(len(queries))
    _fill(resource, enterprise, 40)
    for (caller, path), count in zip(paths, counts, strict=True):
        with django_assert_num_queries(count):
            assert caller.get(path).status_code == 200


def test_rules_answer_with_their_codes(api, alice, enterprise):
    api.as_(alice)
    department = DepartmentFactory()
    response = api.post(
        "/api/v1/teachers/",
        {"staff_number": "T1", "name": "Li", "department": department.pk, "dual_qualified": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "dual_qualified_needs_date"
    body = {"staff_number": "T1", "name": "Li", "department": department.pk}
    assert api.post("/api/v1/teachers/", body, format="json").status_code == 201
    again = api.post("/api/v1/teachers/", body, format="json")
    assert again.json()["code"] == "record_duplicate"
    major, other = MajorFactory(), MajorFactory()
    stray = StudentFactory(major=other)
    response = api.post(
        "/api/v1/order-classes/",
        {
            "name": "A",
            "enterprise": enterprise.pk,
            "major": major.pk,
            "cohort": 2024,
            "starts_on": "2024-09-01",
            "ends_on": "2024-01-01",
        },
        format="json",
    )
    assert response.json()["code"] == "ends_before_start"
    response = api.post(
        "/api/v1/order-classes/",
        {
            "name": "A",
            "enterprise": enterprise.pk,
            "major": major.pk,
            "cohort": 2024,
            "starts_on": "2024-09-01",
            "ends_on": "2027-01-01",
            "students": [stray.pk],
        },
        format="json",
    )
    assert response.json()["code"] == "student_other_major"
    response = api.post(
        "/api/v1/service-contracts/",
        {
            "enterprise": enterprise.pk,
            "title": "X",
            "signed_on": "2025-01-01",
            "amount": "100.00",
            "received": "10.00",
        },
        format="json",
    )
    assert response.json()["code"] == "received_on_required"
    response = api.post(
        "/api/v1/part-time-teachers/",
        {
            "name": "W",
            "enterprise": enterprise.pk,
            "academic_year": 2025,
            "term": 1,
            "courses": "PLC",
            "hours": 2001,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "hours" in response.json()
    student = StudentFactory(cohort=2024)
    response = api.post(
        "/api/v1/employments/",
        {"student": student.pk, "graduation_year": 2023, "employer": enterprise.pk},
        format="json",
    )
    assert response.json()["code"] == "graduation_before_cohort"
    response = api.post(
        "/api/v1/employments/",
        {"student": student.pk, "graduation_year": 2027, "employer": enterprise.pk},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["employer_name"] == enterprise.name


def test_a_liaison_sees_their_own_enterprise_and_reporters_no_record(
    api, lily, rita, enterprise, other_enterprise
):
    mine = OrderClassFactory(enterprise=enterprise)
    OrderClassFactory(enterprise=other_enterprise)
    rows = api.as_(lily).get("/api/v1/order-classes/").json()["results"]
    assert [row["id"] for row in rows] == [mine.pk]
    assert api.get("/api/v1/teachers/").status_code == 403
    for resource in KINDS:
        assert api.as_(rita).get(f"/api/v1/{resource}/").status_code == 403


def test_pages_create_edit_and_import(client, alice, enterprise):
    client.force_login(alice)
    department = DepartmentFactory()
    response = client.post(
        "/records/teachers/new/",
        {"staff_number": "T9", "name": "Sun Li", "department": department.pk},
    )
    assert response.status_code == 302
    teacher = Teacher.objects.get(staff_number="T9")
    response = client.post(
        f"/records/teachers/{teacher.pk}/edit/",
        {
            "staff_number": "T9",
            "name": "Sun Li",
            "department": department.pk,
            "dual_qualified": "on",
        },
    )
    assert response.status_code == 200  # refused: no certification date
    assert "date of the certification" in response.content.decode()
    assert client.get("/records/").status_code == 200
    assert client.get("/records/teachers/?export=xlsx").status_code == 200
    assert client.get("/records/teachers/import/").status_code == 200
    assert client.get("/records/teachers/template.csv").status_code == 200
    assert client.get("/records/nothing/").status_code == 404
    student = StudentFactory()
    klass = OrderClassFactory(enterprise=enterprise, major=student.major)
    response = client.post(
        f"/records/order-classes/{klass.pk}/edit/",
        {
            "name": klass.name,
            "kind": "order",
            "enterprise": enterprise.pk,
            "major": student.major.pk,
            "cohort": 2024,
            "starts_on": "2024-09-01",
            "ends_on": "2027-06-30",
            "students": student.student_number,
        },
    )
    assert response.status_code == 302
    assert list(klass.students.all()) == [student]
    response = client.get(f"/partnerships/enterprises/{enterprise.pk}/")
    assert response.status_code == 200
    assert 'data-testid="records-timeline"' in response.content.decode()
    assert client.get("/").status_code == 200


def test_the_enterprise_page_counts_a_part_time_teacher_once(client, alice, enterprise):
    """Typed with other case or spaces in another term, a person is still one person."""
    from tests.records.factories import PartTimeTeacherFactory

    PartTimeTeacherFactory(enterprise=enterprise, name="Wang Fang", term=1)
    PartTimeTeacherFactory(enterprise=enterprise, name="wangfang", term=2)
    PartTimeTeacherFactory(enterprise=enterprise, name="Li Na", academic_year=2024)
    client.force_login(alice)
    page = client.get(reverse("partnerships:enterprise-detail", args=[enterprise.pk]))
    figures = {str(f.label): f.value for f in page.context["figures"]}
    assert figures["Part-time teachers"] == 2

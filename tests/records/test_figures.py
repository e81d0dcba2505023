"""A year of records for one enterprise, entered through the API, and every
figure of its annual review and of the summary checked by hand."""

import datetime
from decimal import Decimal

import pytest

from partnerships.models import AnnualReview
from tests.internships.factories import StudentFactory
from tests.partnerships.factories import AgreementFactory, MajorFactory
from tests.records.factories import OrderClassFactory, ServiceContractFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(enterprise, alice):
    m1, m3 = MajorFactory(code="460305"), MajorFactory(code="500201")
    agreement = AgreementFactory(
        enterprise=enterprise,
        owner=alice,
        majors=[m1],
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2028, 2, 28),
        signed_on=datetime.date(2024, 2, 20),
        status="active",
    )
    review = AnnualReview.objects.get(agreement=agreement, year=2025)
    return {"m1": m1, "m3": m3, "agreement": agreement, "review": review}


def _post(api, resource, body):
    response = api.post(f"/api/v1/{resource}/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def test_a_year_of_records_gives_every_figure(api, alice, rita, enterprise, world):
    m1, m3, e = world["m1"].pk, world["m3"].pk, enterprise.pk
    api.as_(alice)
    s1 = [StudentFactory(major=world["m1"]).pk for _ in range(3)]
    s3 = [StudentFactory(major=world["m3"]).pk for _ in range(2)]
    cls = {"enterprise": e, "cohort": 2024, "kind": "order"}
    _post(
        api,
        "order-classes",
        {
            **cls,
            "name": "A",
            "major": m1,
            "students": s1,
            "starts_on": "2024-09-01",
            "ends_on": "2027-06-30",
        },
    )
    _post(
        api,
        "order-classes",
        {
            **cls,
            "name": "B",
            "major": m3,
            "students": s3,
            "starts_on": "2024-09-01",
            "ends_on": "2027-06-30",
        },
    )
    _post(
        api,
        "order-classes",
        {
            **cls,
            "name": "C",
            "major": m1,
            "students": s1[:1],
            "cohort": 2021,
            "starts_on": "2021-09-01",
            "ends_on": "2024-06-30",
        },
    )
    for kind, major, day in [
        ("course", m1, "2025-06-01"),
        ("textbook", m1, "2025-07-01"),
        ("course", m1, "2024-06-01"),
        ("course", m3, "2025-06-01"),
    ]:
        _post(
            api,
            "course-developments",
            {
                "kind": kind,
                "title": f"{kind} {major} {day}",
                "enterprise": e,
                "major": major,
                "completed_on": day,
            },
        )
    for name, major, year, term in [
        ("Wang", m1, 2025, 1),
        ("W ANG", None, 2025, 1),  # Wang again: case and spaces do not make a person
        ("Wang", m1, 2024, 2),
        ("Liu", m1, 2025, 2),
        ("Zhao", m3, 2025, 1),
        ("Qian", None, 2024, 2),
    ]:
        _post(
            api,
            "part-time-teachers",
            {
                "name": name,
                "enterprise": e,
                "major": major,
                "academic_year": year,
                "term": term,
                "courses": "PLC",
                "hours": 32,
            },
        )
    base = _post(
        api,
        "training-bases",
        {
            "name": "Base",
            "enterprise": e,
            "stations": 20,
            "functions": ["teaching", "research"],
            "opened_on": "2023-09-01",
        },
    )
    other = _post(
        api,
        "training-bases",
        {"name": "Other", "enterprise": e, "major": m3, "opened_on": "2023-09-01"},
    )
    for b, year, donated in [
        (base, 2025, "100000.00"),
        (base, 2024, "9.00"),
        (other, 2025, "7.00"),
    ]:
        _post(
            api,
            "training-base-years",
            {
                "base": b["id"],
                "year": year,
                "equipment_donated": donated,
                "equipment_provided": "50000.00",
            },
        )
    for title, signed, received, on in [
        ("S1", "2025-03-01", "30000.00", "2025-05-01"),
        ("S2", "2024-12-01", "20000.00", "2025-01-10"),
        ("S3", "2024-01-01", "5000.00", "2024-02-01"),
    ]:
        _post(
            api,
            "service-contracts",
            {
                "enterprise": e,
                "title": title,
                "signed_on": signed,
                "amount": "90000.00",
                "received": received,
                "received_on": on,
            },
        )
    for title, day, days in [
        ("T1", "2025-04-10", 90),
        ("T2", "2025-11-02", 60),
        ("T0", "2024-11-02", 500),
    ]:
        _post(
            api,
            "employee-trainings",
            {"enterprise": e, "title": title, "held_on": day, "trainees": 30, "person_days": days},
        )

    # The record types behind no review figure: entered too, they move none.
    teacher = _post(
        api,
        "teachers",
        {
            "staff_number": "T001",
            "name": "Sun Li",
            "department": world["m1"].department_id,
            "dual_qualified": True,
            "certificate": "Engineer",
            "certified_on": "2025-03-01",
        },
    )
    _post(
        api,
        "teacher-practices",
        {
            "teacher": teacher["id"],
            "enterprise": e,
            "kind": "practice",
            "starts_on": "2025-07-01",
            "ends_on": "2025-08-15",
            "post": "Process engineer",
            "hours": 240,
        },
    )
    _post(
        api,
        "enterprise-visits",
        {
            "enterprise": e,
            "visited_on": "2025-05-20",
            "visitors": "Dean Zhao",
            "posts_offered": 12,
            "average_pay": "5500.00",
        },
    )
    graduate = StudentFactory(major=world["m1"], cohort=2022).pk
    _post(
        api,
        "employments",
        {
            "student": graduate,
            "graduation_year": 2025,
            "employer": e,
            "starting_salary": "5200.00",
            "relevant": True,
        },
    )
    _post(
        api,
        "enterprise-certifications",
        {"enterprise": e, "level": "provincial", "certified_on": "2025-06-01"},
    )
    certificate = _post(
        api,
        "certificates",
        {"code": "X-001", "name": "Robot operation", "level": "intermediate", "issuer": "X Co."},
    )
    _post(
        api,
        "certificate-passes",
        {"certificate": certificate["id"], "student": s1[0], "passed_on": "2025-06-20"},
    )

    expected = {
        "order_class_students": 3,
        "courses_developed": 1,
        "textbooks_developed": 1,
        "part_time_teachers": 2,  # Wang (both terms of 2025) and Qian (no major)
        "equipment_donated": "100000.00",
        "equipment_provided": "50000.00",
        "service_income": "50000.00",
        "training_person_days": 150,
    }
    review = api.get(f"/api/v1/reviews/{world['review'].pk}/").json()
    assert review["figures"] == expected
    summary = api.as_(rita).get("/api/v1/reports/summary/?year=2025").json()
    assert summary["cooperation_figures"] == expected

    # Typing another value is refused; a correction with a reason keeps it.
    api.as_(alice)
    typed = api.patch(
        f"/api/v1/reviews/{world['review'].pk}/",
        {"figures": {"part_time_teachers": 9}},
        format="json",
    )
    assert typed.status_code == 400
    assert typed.json()["code"] == "figure_derived"
    blank = api.post(
        "/api/v1/figure-corrections/",
        {"review": world["review"].pk, "figure": "service_income", "value": "55000", "reason": " "},
        format="json",
    )
    assert blank.json()["code"] == "reason_required"
    correction = _post(
        api,
        "figure-corrections",
        {
            "review": world["review"].pk,
            "figure": "service_income",
            "value": "55000",
            "reason": "A payment booked by the finance office in January.",
        },
    )
    assert (
        api.get(f"/api/v1/reviews/{world['review'].pk}/").json()["figures"]["service_income"]
        == "55000.00"
    )
    summary = api.as_(rita).get("/api/v1/reports/summary/?year=2025").json()
    assert summary["cooperation_figures"]["service_income"] == "55000.00"
    api.as_(alice).delete(f"/api/v1/figure-corrections/{correction['id']}/")
    assert (
        api.get(f"/api/v1/reviews/{world['review'].pk}/").json()["figures"]["service_income"]
        == "50000.00"
    )


def test_records_follow_later_reviews_and_changed_majors(alice, enterprise, world):
    from records import services
    from records.kinds import KINDS

    OrderClassFactory(enterprise=enterprise, major=world["m3"], name="D")
    klass = KINDS["order-classes"]
    d = klass.model.objects.get(name="D")
    services.record_update(klass, instance=d, students=[StudentFactory(major=world["m3"])])
    review = AnnualReview.objects.get(pk=world["review"].pk)
    assert review.order_class_students == 0
    world["agreement"].majors.add(world["m3"])
    review.refresh_from_db()
    assert review.order_class_students == 1


def test_an_enterprise_without_records_keeps_typed_figures(api, alice, world):
    review = world["review"]
    api.as_(alice)
    response = api.patch(
        f"/api/v1/reviews/{review.pk}/", {"figures": {"service_income": "1234.00"}}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["figures"]["service_income"] == "1234.00"
    ServiceContractFactory(enterprise=world["agreement"].enterprise)  # no service: no refresh
    from records import figures

    figures.refresh(enterprise_ids={world["agreement"].enterprise_id})
    review.refresh_from_db()
    assert str(review.service_income) == "30000.00"


def test_two_agreements_of_one_enterprise_count_each_record_once(api, rita, enterprise, world):
    """A second agreement (majors m1 and m3) reviewed the same year: the income
    and the m1 class stay on the first agreement's review, the m3 class goes to
    the second, and the summary adds each once."""
    from records import services
    from records.kinds import KINDS

    m1, m3 = world["m1"], world["m3"]
    ServiceContractFactory(enterprise=enterprise, received=Decimal("30000.00"))
    klass = KINDS["order-classes"]
    for name, major, count in (("A", m1, 3), ("B", m3, 2)):
        OrderClassFactory(enterprise=enterprise, major=major, name=name)
        services.record_update(
            klass,
            instance=klass.model.objects.get(name=name),
            students=[StudentFactory(major=major) for _ in range(count)],
        )
    second = AgreementFactory(
        enterprise=enterprise,
        owner=world["agreement"].owner,
        majors=[m1, m3],
        starts_on=datetime.date(2024, 6, 1),
        ends_on=datetime.date(2027, 5, 31),
        signed_on=datetime.date(2024, 5, 20),
        status="active",
    )
    first_review = AnnualReview.objects.get(pk=world["review"].pk)
    second_review = AnnualReview.objects.get(agreement=second, year=2025)
    assert (first_review.order_class_students, str(first_review.service_income)) == (
        3,
        "30000.00",
    )
    assert (second_review.order_class_students, str(second_review.service_income)) == (2, "0.00")
    figures = api.as_(rita).get("/api/v1/reports/summary/?year=2025").json()["cooperation_figures"]
    assert figures["order_class_students"] == 5
    assert figures["service_income"] == "30000.00"

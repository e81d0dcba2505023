"""An administrator takes a new partner from the enterprise to an approved review."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import AnnualReview, CooperationAgreement, Enterprise
from tests.e2e.conftest import screenshot, sign_in
from tests.partnerships.factories import MajorFactory, make_credit_code

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Anshan Iron and Steel Automation Co., Ltd. 鞍钢自动化有限公司"


def _iso(day: datetime.date) -> str:
    return day.isoformat()


def test_enterprise_agreement_activation_and_annual_review(page, alice, password):
    robotics = MajorFactory(name="Industrial robotics technology")
    MajorFactory(name="Mechatronics technology")
    today = timezone.localdate()

    sign_in(page, "alice", password)
    assert page.locator("main h1").first.inner_text() == "Dashboard"
    screenshot(page, "dashboard")

    # The enterprise.
    page.click("#nav-main >> text=Cooperation")
    page.click("#nav-main >> text=Enterprises")
    page.wait_for_selector("main h1:has-text('Enterprises')")
    page.click("main >> text=New enterprise")
    page.fill("#id_name", NAME)
    page.fill("#id_credit_code", make_credit_code(7301))
    page.fill("#id_industry", "Metallurgy automation")
    page.select_option("#id_size", "large")
    page.fill("#id_city", "Anshan")
    page.fill("#id_workforce", "1800")
    page.select_option("#id_status", "active")
    page.click("main button[type=submit]")
    page.wait_for_selector("main .alert-success:has-text('The enterprise was created.')")
    enterprise = Enterprise.objects.get(name=NAME)
    assert enterprise.city == "Anshan"
    assert enterprise.workforce == 1800

    page.click("main >> text=Enterprises")  # the breadcrumb
    page.wait_for_selector(f"main >> text={NAME}")
    screenshot(page, "enterprise_list")

    # The agreement, started from the enterprise's page.
    page.click(f"main >> text={NAME}")
    page.click("main >> text=New agreement")
    page.wait_for_selector("main h1:has-text('New cooperation agreement')")
    assert page.input_value("#id_enterprise") == str(enterprise.pk)
    page.fill("#id_title", "Order class for industrial robotics 工业机器人订单班")
    page.select_option("#id_majors", [str(robotics.pk)])
    page.check("main label:has-text('Order-class training') >> input")
    page.check("main label:has-text('Internship base') >> input")
    page.fill("#id_starts_on", _iso(today - datetime.timedelta(days=10)))
    page.fill("#id_ends_on", _iso(today + datetime.timedelta(days=3 * 365)))
    page.fill("#id_signed_on", _iso(today - datetime.timedelta(days=12)))
    page.fill("#id_school_investment", "200000")
    page.fill("#id_enterprise_investment", "850000")
    page.fill("#id_school_obligations", "Teach the order class; send supervising teachers.")
    page.click("main button[type=submit]")
    page.wait_for_selector("main .alert-success:has-text('was created as a draft')")
    status = page.locator("[data-testid=agreement-status]")
    assert status.inner_text() == "Draft"
    agreement = CooperationAgreement.objects.get(enterprise=enterprise)
    assert agreement.status == CooperationAgreement.Status.DRAFT
    assert sorted(agreement.mode_codes) == ["internship_base", "order_training"]
    assert list(agreement.majors.all()) == [robotics]
    assert agreement.owner == alice
    assert agreement.number in page.locator("main").inner_text()
    assert "Order-class training" in page.locator("main").inner_text()

    # Activation opens the first annual review.
    page.click("[data-testid=agreement-actions] button:has-text('Activate')")
    page.wait_for_selector("main .alert-success:has-text('its first annual review is pending')")
    assert status.inner_text() == "Active"
    agreement.refresh_from_db()
    assert agreement.status == CooperationAgreement.Status.ACTIVE
    review = AnnualReview.objects.get(agreement=agreement)
    assert review.status == AnnualReview.Status.PENDING
    assert "Pending" in page.locator("main table").inner_text()
    screenshot(page, "agreement")

    # The review: scores, decision and the year's figures, then submitted.
    page.click(f"main table >> a:has-text('{review.year}')")
    page.wait_for_selector("[data-testid=review-status]:has-text('Pending')")
    for name, score in {
        "talent_training": "5",
        "teaching_resources": "4",
        "research": "3",
        "employment": "5",
        "student_satisfaction": "4",
        "employer_satisfaction": "5",
    }.items():
        page.select_option(f"#id_{name}", score)
    page.select_option("#id_decision", "continue")
    page.fill("#id_summary", "Forty students in the order class; twelve hired.")
    page.fill("#id_next_year_plan", "Open a second order class in mechatronics.")
    for name, value in {
        "order_class_students": "40",
        "courses_developed": "3",
        "textbooks_developed": "1",
        "part_time_teachers": "6",
        "equipment_donated": "120000",
        "training_person_days": "900",
    }.items():
        page.fill(f"#id_{name}", value)
    screenshot(page, "review_form")
    page.click("main button[name=submit]")
    page.wait_for_selector("main .alert-success:has-text('submitted for approval')")
    assert page.locator("[data-testid=review-status]").inner_text() == "Submitted"
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.SUBMITTED
    assert review.decision == AnnualReview.Decision.CONTINUE
    assert review.order_class_students == 40
    assert review.talent_training == 5
    assert review.equipment_donated == 120000
    main = page.locator("main").inner_text()
    assert "120,000" in main  # figures shown once submitted, in the locale's format

    page.click("main button:has-text('Approve')")
    page.wait_for_selector("main .alert-success:has-text('The review was approved.')")
    assert page.locator("[data-testid=review-status]").inner_text() == "Approved"
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.APPROVED
    screenshot(page, "review_approved")

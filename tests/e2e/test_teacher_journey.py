"""A supervising teacher: their placements only, a visit log, the school-side evaluation."""

import datetime

import pytest
from django.utils import timezone

from accounts.access import Role
from internships.models import Evaluation, Placement, PlacementLog
from tests.accounts.factories import UserFactory
from tests.e2e.conftest import screenshot, sign_in
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_teacher_records_a_visit_and_the_school_evaluation(page, tom, enterprise, password):
    today = timezone.localdate()
    position = PositionFactory(
        enterprise=enterprise,
        title="Welding robot operator",
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=60),
    )
    mine = PlacementFactory(
        student=StudentFactory(name="Chen Jing 陈静"),
        position=position,
        supervisor=tom,
        status=Placement.Status.ACTIVE,
    )
    PlacementFactory(
        student=StudentFactory(name="Liu Yang 刘洋"),
        position=position,
        supervisor=UserFactory(role=Role.TEACHER),
        status=Placement.Status.ACTIVE,
    )

    sign_in(page, "tom", password)
    page.click("#nav-main >> text=Internships")
    page.click("#nav-main >> text=Placements")
    page.wait_for_selector("main >> text=Chen Jing")
    listing = page.locator("main").inner_text()
    assert "Chen Jing" in listing
    assert "Liu Yang" not in listing  # supervised by someone else
    screenshot(page, "teacher_placements")

    page.click("main >> text=Chen Jing")
    page.wait_for_selector("[data-testid=status]:has-text('Active')")
    page.select_option("#id_kind", "visit")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_text", "Visited the welding line; the mentor reports steady progress.")
    page.click("main button:has-text('Add')")
    page.wait_for_selector("main .alert-success:has-text('The log was added.')")
    assert "Supervision visit" in page.locator("main").inner_text()
    log = PlacementLog.objects.get(placement=mine)
    assert (log.kind, log.date, log.author) == ("visit", today, tom)

    page.click("main a:has-text('Evaluate')")
    page.wait_for_selector("main h1:has-text('School evaluation')")
    for name, value in {
        "skills": 78,
        "attitude": 92,
        "teamwork": 85,
        "discipline": 88,
        "learning": 90,
    }.items():
        page.fill(f"#id_{name}", str(value))
    page.fill("#id_comment", "Keeps a tidy work log.")
    page.click("main button[type=submit]")
    page.wait_for_selector("main .alert-success:has-text('The evaluation was saved.')")
    evaluation = Evaluation.objects.get(placement=mine)
    assert evaluation.side == Evaluation.Side.SCHOOL
    assert evaluation.author == tom
    assert evaluation.attitude == 92
    school_total = page.locator("main table tr:has-text('School') td").first.inner_text()
    assert school_total == "86.6"  # the mean of 78, 92, 85, 88 and 90
    screenshot(page, "teacher_placement")

    # Another teacher's placement is not reachable by its address either.
    other = Placement.objects.exclude(pk=mine.pk).get()
    response = page.goto(f"{page.base}/internships/placements/{other.pk}/")
    assert response.status == 404

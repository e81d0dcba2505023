"""A liaison: only their enterprise, a week of attendance at once, the enterprise's evaluation.

On a desktop and on a phone (390 px wide), where the attendance sheet and the
evaluation must fit the screen without scrolling sideways.
"""

import datetime

import pytest
from django.utils import timezone

from internships.models import Attendance, Evaluation, Placement
from tests.e2e.conftest import screenshot, sign_in
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory

pytestmark = pytest.mark.django_db(transaction=True)

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"


def _last_monday() -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday() + 7)


def _interns(enterprise, names):
    """Active placements covering the whole of last week."""
    monday = _last_monday()
    position = PositionFactory(
        enterprise=enterprise,
        title="Robot maintenance assistant",
        starts_on=monday - datetime.timedelta(days=21),
        ends_on=monday + datetime.timedelta(days=90),
    )
    return [
        PlacementFactory(
            student=StudentFactory(name=name), position=position, status=Placement.Status.ACTIVE
        )
        for name in names
    ]


def _evaluate(page, scores):
    for name, value in scores.items():
        page.fill(f"#id_{name}", str(value))
    page.fill("#id_comment", "Careful and punctual; learns the robot cells quickly.")
    page.click("main button[type=submit]")
    page.wait_for_selector("main .alert-success:has-text('The evaluation was saved.')")


SCORES = {"skills": 82, "attitude": 95, "teamwork": 88, "discipline": 90, "learning": 86}


def test_a_liaison_sees_only_their_enterprise_and_records_a_week(
    page, lily, enterprise, other_enterprise, password
):
    wang, li = _interns(enterprise, ["Wang Fang 王芳", "Li Lei 李雷"])
    (stranger,) = _interns(other_enterprise, ["Zhao Min 赵敏"])

    sign_in(page, "lily", password)
    page.goto(page.base + "/portal/")
    assert page.locator("main h1").inner_text() == enterprise.name

    # Another enterprise's pages are closed, and its name appears nowhere: the
    # staff pages refuse a liaison (403), the portal knows no other interns (404).
    for url, status in (
        (f"/partnerships/enterprises/{other_enterprise.pk}/", 403),
        (f"/portal/interns/{stranger.pk}/", 404),
        (f"/portal/interns/{stranger.pk}/evaluation/", 404),
    ):
        response = page.goto(page.base + url)
        assert response.status == status, url
    for url in ("/portal/", "/portal/positions/", "/portal/interns/", "/portal/attendance/"):
        page.goto(page.base + url)
        text = page.content()
        assert other_enterprise.name not in text, url
        assert "Zhao Min" not in text, url
    page.goto(page.base + "/portal/interns/")
    assert "Wang Fang" in page.locator("main").inner_text()

    # Last week's sheet: every weekday present at once, then two exceptions.
    page.goto(page.base + "/portal/")
    page.click("main >> text=This week's attendance")
    page.click("main >> text=Previous")
    monday = _last_monday()
    page.wait_for_selector(f"main h1:has-text('{monday.isoformat()}')")
    page.click("main button:has-text('Mark empty days present')")
    wednesday = (monday + datetime.timedelta(days=2)).isoformat()
    friday = (monday + datetime.timedelta(days=4)).isoformat()
    page.select_option(f"#a-{wang.pk}-{wednesday}", "absent")
    page.select_option(f"#a-{li.pk}-{friday}", "leave")
    page.click("main button:has-text('Save the week')")
    page.wait_for_selector("main .alert-success:has-text('The attendance of the week was saved.')")
    assert page.input_value(f"#a-{wang.pk}-{wednesday}") == "absent"
    rows = Attendance.objects.filter(placement__in=[wang, li])
    assert rows.count() == 10  # five weekdays each; the weekend left empty
    assert rows.filter(status="present").count() == 8
    assert rows.get(placement=wang, date=wednesday).status == "absent"
    assert rows.get(placement=li, date=friday).status == "leave"
    assert rows.filter(recorded_by=lily).count() == 10
    assert not Attendance.objects.filter(placement=stranger).exists()
    screenshot(page, "portal_attendance")

    # The enterprise-side evaluation, from the intern's page.
    page.click("main .portal-nav >> text=Interns")
    page.click("main >> text=Wang Fang")
    page.click("main >> text=Evaluate")
    _evaluate(page, SCORES)
    evaluation = Evaluation.objects.get(placement=wang)
    assert evaluation.side == Evaluation.Side.ENTERPRISE
    assert evaluation.skills == 82
    assert evaluation.author == lily
    assert "Edit the evaluation" in page.locator("main").inner_text()


def test_the_attendance_sheet_and_evaluation_fit_a_phone(phone_page, lily, enterprise, password):
    page = phone_page
    (wang,) = _interns(enterprise, ["Wang Fang 王芳"])
    sign_in(page, "lily", password)
    monday = _last_monday()

    page.goto(f"{page.base}/portal/attendance/?week={monday.isoformat()}")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    tuesday = (monday + datetime.timedelta(days=1)).isoformat()
    select = page.locator(f"#a-{wang.pk}-{tuesday}")
    select.scroll_into_view_if_needed()
    box = select.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    page.click("main button:has-text('Mark empty days present')")
    select.select_option("leave")
    page.mouse.move(0, 0)  # no hover left on the button for the screenshot
    screenshot(page, "portal_attendance_phone")
    page.click("main button:has-text('Save the week')")
    page.wait_for_selector("main .alert-success:has-text('The attendance of the week was saved.')")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert Attendance.objects.filter(placement=wang).count() == 5
    assert Attendance.objects.get(placement=wang, date=tuesday).status == "leave"

    page.goto(f"{page.base}/portal/interns/{wang.pk}/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.goto(f"{page.base}/portal/interns/{wang.pk}/evaluation/")
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "portal_evaluation_phone")
    _evaluate(page, SCORES)
    assert Evaluation.objects.get(placement=wang, side=Evaluation.Side.ENTERPRISE).learning == 86

"""Every main page, as a new user meets it: it opens, each field has a label,
and on a phone the page does not scroll sideways. In English and Chinese."""

import pytest

from accounts.services import profile_set_language
from partnerships.models import CooperationAgreement
from tests.e2e.conftest import sign_in
from tests.e2e.test_keyboard_forms import DANGLING, UNLABELLED
from tests.e2e.test_liaison_journey import NO_SIDEWAYS_SCROLL, _interns
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db(transaction=True)

STAFF_PAGES = [
    "/",
    "/partnerships/enterprises/",
    "/partnerships/enterprises/new/",
    "/partnerships/enterprises/import/",
    "/partnerships/agreements/",
    "/partnerships/agreements/new/",
    "/partnerships/majors/",
    "/partnerships/internship-units/",
    "/councils/",
    "/councils/committees/new/",
    "/councils/calendar/",
    "/groups/",
    "/groups/new/",
    "/internships/placements/",
    "/internships/placements/new/",
    "/internships/visits/",
    "/internships/students/",
    "/internships/students/new/",
    "/internships/positions/",
    "/internships/positions/new/",
    "/notifications/",
]


def _problems(page, urls) -> list:
    found = []
    for url in urls:
        response = page.goto(page.base + url)
        problem = {
            "status": response.status,
            "unlabelled": page.evaluate(UNLABELLED),
            "dangling labels": page.evaluate(DANGLING),
            "fits": page.evaluate(NO_SIDEWAYS_SCROLL),
        }
        if problem != {"status": 200, "unlabelled": [], "dangling labels": [], "fits": True}:
            found.append((url, problem))
    return found


@pytest.fixture
def pages(enterprise):
    (placement,) = _interns(enterprise, ["Sun Li 孙丽"])
    agreement = AgreementFactory(enterprise=enterprise, status=CooperationAgreement.Status.ACTIVE)
    review = agreement.reviews.get()
    staff = [
        *STAFF_PAGES,
        f"/partnerships/enterprises/{enterprise.pk}/",
        f"/partnerships/enterprises/{enterprise.pk}/edit/",
        f"/partnerships/enterprises/{enterprise.pk}/contacts/new/",
        f"/partnerships/enterprises/{enterprise.pk}/vettings/new/",
        f"/partnerships/enterprises/{enterprise.pk}/workstations/new/",
        f"/partnerships/agreements/{agreement.pk}/",
        f"/partnerships/agreements/{agreement.pk}/edit/",
        f"/partnerships/agreements/{agreement.pk}/terminate/",
        f"/partnerships/agreements/{agreement.pk}/renew/",
        f"/partnerships/agreements/{agreement.pk}/documents/new/",
        f"/partnerships/reviews/{review.pk}/",
        f"/internships/placements/{placement.pk}/",
        f"/internships/placements/{placement.pk}/edit/",
        f"/internships/placements/{placement.pk}/evaluation/school/",
    ]
    portal = [
        "/portal/",
        "/portal/positions/",
        "/portal/positions/new/",
        "/portal/interns/",
        f"/portal/interns/{placement.pk}/",
        f"/portal/interns/{placement.pk}/evaluation/",
        "/portal/attendance/",
    ]
    return staff, portal


def test_the_administrators_pages_on_a_desktop_and_a_phone(
    page, phone_page, alice, password, pages
):
    staff, _portal = pages
    for browser_page in (page, phone_page):
        sign_in(browser_page, "alice", password)
        assert _problems(browser_page, staff) == []

    profile_set_language(user=alice, language="zh-hans")
    phone_page.context.clear_cookies()
    sign_in(phone_page, "alice", password)
    assert phone_page.get_attribute("html", "lang") == "zh-hans"
    assert _problems(phone_page, staff) == []


def test_the_portal_on_a_phone_in_both_languages(phone_page, lily, password, pages):
    _staff, portal = pages
    sign_in(phone_page, "lily", password)
    assert _problems(phone_page, portal) == []

    profile_set_language(user=lily, language="zh-hans")
    phone_page.context.clear_cookies()
    sign_in(phone_page, "lily", password)
    assert phone_page.get_attribute("html", "lang") == "zh-hans"
    assert _problems(phone_page, portal) == []

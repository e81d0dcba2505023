"""A student on a phone (360 px wide) with the browser's location: today's
check-in on site, an off-site check-in with its reason, a journal handed in,
the installable app's manifest; in English and in Chinese."""

import pytest

from accounts.models import Profile
from practice.models import CheckIn, Journal
from tests.e2e.conftest import screenshot, sign_in
from tests.practice.factories import FAR, NEAR, current_placement, student_user

pytestmark = pytest.mark.django_db(transaction=True)

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth + 1"

LANGUAGES = {
    "en": {
        "on_site": "Checked in on site",
        "off_site": "Checked in off site",
        "say_why": "say why",
        "submitted": "Submitted",
        "hand_in": "Hand in",
    },
    "zh-hans": {
        "on_site": "已在岗签到",
        "off_site": "已签到（不在岗）",
        "say_why": "您不在实习岗位",
        "submitted": "已提交",
        "hand_in": "提交",
    },
}


def _phone(browser, live_server, where):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation={"latitude": where[0], "longitude": where[1], "accuracy": 15},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base = live_server.url
    return context, page


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_a_student_checks_in_and_hands_in_a_journal_on_a_phone(
    browser, live_server, tom, password, language
):
    words = LANGUAGES[language]
    user = student_user(f"xiaoming-{language}")
    Profile.objects.filter(user=user).update(language=language)
    current_placement(user, supervisor=tom)
    context, page = _phone(browser, live_server, NEAR)
    try:
        sign_in(page, user.username, password)
        page.goto(page.base + "/practice/me/")
        assert page.get_attribute("html", "lang") == language
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        box = page.locator("#checkin-button").bounding_box()
        assert box["width"] >= 150 and box["x"] >= 0 and box["x"] + box["width"] <= 360
        page.click("#checkin-button")
        page.wait_for_selector(f"[data-testid=checkin-state]:has-text('{words['on_site']}')")
        assert CheckIn.objects.get(placement__student__user=user).on_site
        screenshot(page, f"student_today_{language}")

        page.goto(page.base + "/practice/me/journals/new/")
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        page.fill("#id_text", "本周跟着师傅学习数控车床的对刀和首件检验。" * 30)
        page.click(f"main button[name=submit]:has-text('{words['hand_in']}')")
        page.wait_for_selector(f"[data-testid=journal-status]:has-text('{words['submitted']}')")
        assert Journal.objects.get(placement__student__user=user).status == "submitted"
        screenshot(page, f"student_journals_{language}")

        page.goto(page.base + "/practice/me/data/")
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        assert f"{NEAR[0]:.6f}" in page.locator("[data-testid=my-checkins]").inner_text()

        manifest = page.request.get(page.base + "/practice/manifest.webmanifest").json()
        assert manifest["display"] == "standalone"
        assert page.locator("link[rel=manifest]").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_an_off_site_check_in_asks_for_the_reason(browser, live_server, tom, password, language):
    words = LANGUAGES[language]
    user = student_user(f"xiaohong-{language}")
    Profile.objects.filter(user=user).update(language=language)
    current_placement(user, supervisor=tom)
    context, page = _phone(browser, live_server, FAR)
    try:
        sign_in(page, user.username, password)
        page.goto(page.base + "/practice/me/")
        page.click("#checkin-button")
        page.wait_for_selector(f"main :text('{words['say_why']}')")
        assert not CheckIn.objects.exists()
        page.fill("#id_reason", "随师傅去客户现场")
        page.click("#checkin-button")
        page.wait_for_selector(f"[data-testid=checkin-state]:has-text('{words['off_site']}')")
        checkin = CheckIn.objects.get()
        assert not checkin.on_site and checkin.distance_m > 10_000
        assert page.evaluate(NO_SIDEWAYS_SCROLL)
        screenshot(page, f"student_off_site_{language}")
    finally:
        context.close()

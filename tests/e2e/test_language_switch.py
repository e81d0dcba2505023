"""The language switch in the navbar: Chinese pages, remembered per user."""

import pytest

from accounts.models import Profile
from tests.e2e.conftest import screenshot, sign_in
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_switching_to_chinese_is_remembered_after_signing_in_again(page, alice, password):
    EnterpriseFactory(name="沈阳新松机器人自动化股份有限公司")
    sign_in(page, "alice", password)
    assert page.locator("main h1").first.inner_text() == "Dashboard"
    assert page.get_attribute("html", "lang") == "en"

    with page.expect_navigation():
        page.select_option("#language-switch", "zh-hans")
    assert page.get_attribute("html", "lang") == "zh-hans"
    assert page.locator("main h1").first.inner_text() == "工作台"
    navbar = page.locator("#nav-main").inner_text()
    for label in ("工作台", "校企合作", "理事会", "实习"):
        assert label in navbar, label
    assert "Enterprises" not in navbar
    assert Profile.objects.get(user=alice).language == "zh-hans"
    screenshot(page, "dashboard_zh")

    page.click("#nav-main >> text=校企合作")
    page.click("#nav-main >> text=企业")
    assert page.locator("main h1").first.inner_text() == "企业"
    assert "沈阳新松机器人自动化股份有限公司" in page.locator("main").inner_text()
    screenshot(page, "enterprise_list_zh")

    # Sign out, forget the browser's cookies: the profile remembers the choice.
    page.click("#user-menu")
    page.click("#nav-main button:has-text('退出登录')")
    page.wait_for_load_state()
    page.context.clear_cookies()
    sign_in(page, "alice", password)
    assert page.locator("main h1").first.inner_text() == "工作台"
    assert page.get_attribute("html", "lang") == "zh-hans"

    # And back to English.
    with page.expect_navigation():
        page.select_option("#language-switch", "en")
    assert page.locator("main h1").first.inner_text() == "Dashboard"
    assert Profile.objects.get(user=alice).language == "en"

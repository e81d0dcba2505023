import pytest

from partnerships.models import Enterprise
from tests.e2e.conftest import screenshot, sign_in
from tests.partnerships.factories import make_credit_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_signs_in_and_creates_an_enterprise(page, alice, password):
    sign_in(page, "alice", password)
    assert page.locator("h1").first.inner_text() == "Dashboard"
    page.click("#nav-main >> text=Cooperation")
    page.click("#nav-main >> text=Enterprises")
    page.click("text=New enterprise")
    page.fill("#id_name", "Yingkou Port Logistics Co., Ltd.")
    page.fill("#id_credit_code", make_credit_code(42))
    page.select_option("#id_size", "large")
    page.fill("#id_workforce", "2300")
    page.select_option("#id_status", "active")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=The enterprise was created.")
    assert Enterprise.objects.filter(name="Yingkou Port Logistics Co., Ltd.").exists()
    screenshot(page, "enterprise_detail")


def test_a_bad_credit_code_is_shown_next_to_its_field(page, alice, password):
    sign_in(page, "alice", password)
    page.goto(page.base + "/partnerships/enterprises/new/")
    page.fill("#id_name", "Tieling Valve")
    page.fill("#id_credit_code", "91210100000000000X")
    page.click("main button[type=submit]")
    error = page.locator("#id_credit_code_errors")
    # Every character is allowed; the last one is not the check character (A).
    assert "check character of this credit code is wrong (expected A)" in error.inner_text()


def test_the_pages_work_on_a_phone(phone_page, alice, password):
    sign_in(phone_page, "alice", password)
    phone_page.click(".navbar-toggler")
    phone_page.click("#nav-main >> text=Cooperation")
    phone_page.click("#nav-main >> text=Enterprises")
    assert phone_page.locator("h1").first.inner_text() == "Enterprises"
    screenshot(phone_page, "phone_enterprises")

"""Keyboard smoke check: every field of the main forms is labelled, reachable with
Tab, and the form submits with Enter."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import CooperationAgreement, Enterprise
from tests.e2e.conftest import screenshot, sign_in
from tests.partnerships.factories import EnterpriseFactory, MajorFactory, make_credit_code

pytestmark = pytest.mark.django_db(transaction=True)

# Labels that name nothing (a <label for> must point at a form control).
DANGLING = """() => Array.from(document.querySelectorAll("main label[for]"))
  .filter((label) => !label.control).map((label) => label.htmlFor)"""

# Visible fields of the page's main content that have no <label> of their own.
UNLABELLED = """() => Array.from(
    document.querySelectorAll("main input, main select, main textarea"))
  .filter((el) => el.type !== "hidden" && el.offsetParent !== null)
  .filter((el) => !el.labels || el.labels.length === 0
    || Array.from(el.labels).every((label) => !label.textContent.trim()))
  .map((el) => el.name || el.id || el.outerHTML)"""

FIELDS = """() => Array.from(
    document.querySelectorAll("main form input, main form select, main form textarea"))
  .filter((el) => el.type !== "hidden" && el.offsetParent !== null)
  .map((el) => el.id)"""

FOCUSED = "() => document.activeElement.id || document.activeElement.getAttribute('type') || ''"


def _tab_to_submit(page, first: str) -> set[str]:
    """Tab from the first field to the form's submit button; the ids passed on the way."""
    page.focus(first)
    visited = {first.removeprefix("#")}
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused == "submit" and page.evaluate(
            "() => document.activeElement.closest('main form') !== null"
        ):
            return visited
        visited.add(focused)
    raise AssertionError(f"the submit button is not reachable with Tab (visited {visited})")


def test_the_enterprise_form_is_labelled_and_works_with_the_keyboard(page, alice, password):
    sign_in(page, "alice", password)
    page.goto(page.base + "/partnerships/enterprises/new/")
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate(DANGLING) == []

    page.focus("#id_name")
    page.keyboard.type("Fushun Petrochemical Equipment Co., Ltd.")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "id_credit_code"
    page.keyboard.type(make_credit_code(5150))
    page.keyboard.press("Tab")
    page.keyboard.type("Petrochemical equipment")

    fields = set(page.evaluate(FIELDS))
    visited = _tab_to_submit(page, "#id_name")
    assert fields <= visited, fields - visited
    page.keyboard.press("Enter")
    page.wait_for_selector("main .alert-success:has-text('The enterprise was created.')")
    enterprise = Enterprise.objects.get(name="Fushun Petrochemical Equipment Co., Ltd.")
    assert enterprise.industry == "Petrochemical equipment"

    # A form with errors is labelled too, and the first error is announced.
    page.goto(page.base + "/partnerships/enterprises/new/")
    page.focus("#id_name")
    page.keyboard.press("Enter")
    page.wait_for_selector("main .errorlist")
    assert page.evaluate(UNLABELLED) == []


def test_the_agreement_form_is_labelled_and_works_with_the_keyboard(page, alice, password):
    enterprise = EnterpriseFactory(name="Benxi Steel Logistics Co., Ltd.")
    MajorFactory(name="Modern logistics management")
    today = timezone.localdate()
    sign_in(page, "alice", password)
    page.goto(f"{page.base}/partnerships/agreements/new/?enterprise={enterprise.pk}")
    assert page.evaluate(UNLABELLED) == []
    assert page.evaluate(DANGLING) == []
    # The cooperation modes are a group of checkboxes, named by their legend.
    assert page.locator("main fieldset legend:has-text('Cooperation modes')").count() == 1
    screenshot(page, "agreement_form")

    fields = set(page.evaluate(FIELDS))
    assert {"id_title", "id_enterprise", "id_majors", "id_starts_on"} <= fields
    visited = _tab_to_submit(page, "#id_title")
    assert fields <= visited, fields - visited

    page.focus("#id_title")
    page.keyboard.type("Logistics internship base")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + datetime.timedelta(days=730)).isoformat())
    page.focus("main label:has-text('Internship base') >> input")
    page.keyboard.press("Space")
    page.focus("#id_title")
    page.keyboard.press("Enter")  # implicit submission from a text field
    page.wait_for_selector("main .alert-success:has-text('was created as a draft')")
    agreement = CooperationAgreement.objects.get(title="Logistics internship base")
    assert agreement.enterprise == enterprise
    assert agreement.mode_codes == ["internship_base"]

import datetime

import pytest
from django.utils import timezone

from groups.models import GroupMember
from tests.e2e.conftest import screenshot, sign_in
from tests.groups.factories import (
    EducationGroupFactory,
    GroupMemberFactory,
    GroupTargetFactory,
    SchoolMemberFactory,
    SharedResourceFactory,
    placement_at,
)
from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db(transaction=True)

THIS_YEAR = timezone.localdate().year


def test_the_group_page_draws_its_progress_charts(page, alice, password):
    group = EducationGroupFactory(name="辽宁装备制造职业教育集团")
    SchoolMemberFactory(group=group, name="沈阳职业技术学院", role="lead")
    for index in range(3):
        enterprise = GroupMemberFactory(group=group).enterprise
        for year in (THIS_YEAR - 1, THIS_YEAR):
            placement_at(
                enterprise,
                starts_on=datetime.date(year, 1, 2 + index),
                ends_on=datetime.date(year, 1, 20),
                hired="yes" if index else "no",
            )
    GroupTargetFactory(group=group, year=THIS_YEAR, internships=5, employment=4)
    SharedResourceFactory(group=group, year=THIS_YEAR, title="数控加工课程标准")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    sign_in(page, "alice", password)
    page.click("text=Groups")
    page.click("text=辽宁装备制造职业教育集团")
    page.wait_for_selector("canvas[data-chart='chart-internships']")
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('canvas[data-chart]'))"
        ".map(c => !!(window.Chart && Chart.getChart(c)))"
    )
    assert drawn == [True, True, True, True]
    assert (
        page.locator("[data-testid=progress-internships] .stat-value").inner_text().startswith("3")
    )
    assert not errors, errors  # no script error, nothing blocked by the CSP
    screenshot(page, "group_detail")


def test_an_administrator_adds_an_enterprise_member_and_it_leaves(page, alice, password):
    group = EducationGroupFactory(name="Dalian Shipbuilding Group")
    enterprise = EnterpriseFactory(name="Dalian Marine Diesel Co., Ltd.")
    sign_in(page, "alice", password)
    page.goto(page.base + f"/groups/{group.pk}/")
    page.click("text=Add member")
    page.select_option("#id_kind", "enterprise")
    page.select_option("#id_enterprise", str(enterprise.pk))
    page.fill("#id_joined_on", "2019-09-01")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=The member was added.")
    member = GroupMember.objects.get(group=group)
    assert member.name == "Dalian Marine Diesel Co., Ltd."
    page.click("text=Record leaving")
    page.fill("#id_left_on", "2018-01-01")
    page.click("main button[type=submit]")
    assert "cannot leave before joining" in page.locator("#id_left_on_errors").inner_text()
    page.fill("#id_left_on", "2024-06-30")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=has left the group.")
    member.refresh_from_db()
    assert member.left_on == datetime.date(2024, 6, 30)

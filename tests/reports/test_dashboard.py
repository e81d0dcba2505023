"""The home page's cooperation figures and charts."""

import json
import re

import pytest

from reports.dashboard import administrator_block, liaison_block
from tests.reports.world import YEAR, build_world

pytestmark = pytest.mark.django_db


def _specs(html: str) -> dict:
    return {
        match.group(1): json.loads(match.group(2))
        for match in re.finditer(
            r'<script id="(chart-[a-z]+)" type="application/json">(.*?)</script>', html, re.S
        )
    }


def test_the_administrator_dashboard_charts_the_year(alice):
    build_world()
    block = administrator_block(alice, year=YEAR)
    assert block["depth_chart"]["data"]["datasets"][0]["data"] == [1, 1, 1]
    assert [value for _label, value, _url in block["status_links"]] == [1, 2, 1, 1]
    months = {d["label"]: d["data"] for d in block["month_chart"]["data"]["datasets"]}
    assert months["Post internship"][2] == 2  # March
    assert months["Follow-post (shadow) internship"][0] == 1  # January
    assert sum(months["Cognitive internship"]) == 1
    assert block["majors_lacking_count"] == 2
    groups = block["group_chart"]["data"]
    assert groups["labels"] == ["辽宁现代物流职业教育集团", "辽宁装备制造职业教育集团"]
    assert groups["datasets"][0]["data"] == [0, 2]
    # Each chart points at the list behind it.
    assert block["depth_links"][0][2] == "/partnerships/agreements/?depth=deep"
    assert block["majors_url"] == "/partnerships/majors/?without_deep_partner=true"


def test_the_home_page_shows_the_charts_without_inline_script(client, alice):
    build_world()
    client.force_login(alice)
    html = client.get("/").content.decode()
    specs = _specs(html)
    assert {"chart-depth", "chart-status", "chart-months", "chart-groups"} <= set(specs)
    assert 'data-chart="chart-depth"' in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert not re.search(r"<script(?![^>]*\b(src|type=\"application/json\"))[^>]*>", html)


def test_the_dashboard_costs_the_same_for_little_and_much_data(alice, django_assert_num_queries):
    # The summary (10), agreements by status (1), placements by month and kind (1).
    with django_assert_num_queries(12):
        administrator_block(alice, year=YEAR)
    build_world()
    with django_assert_num_queries(12):
        administrator_block(alice, year=YEAR)


def test_a_teacher_sees_no_report_block(client, tom):
    client.force_login(tom)
    html = client.get("/").content.decode()
    assert "chart-depth" not in html


def test_a_liaison_sees_only_their_own_enterprise(client, db):
    from accounts.access import Role
    from tests.accounts.factories import UserFactory

    world = build_world()
    e1, e2, _e3 = world.enterprises
    block = liaison_block(e1.pk, year=YEAR)
    values = [card["value"] for card in block["report_cards"]]
    assert values == [1, 2, 1, 30, 5]
    liaison = UserFactory(username="wang", role=Role.LIAISON, role__enterprise=e2)
    client.force_login(liaison)
    html = client.get("/").content.decode()
    assert "Our cooperation in" in html
    assert e1.name not in html

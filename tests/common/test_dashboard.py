"""The home page registry: each area adds its part, common knows none of them."""

import pytest

from common import dashboard

pytestmark = pytest.mark.django_db


@pytest.fixture
def extra_part():
    saved = dict(dashboard._parts)
    yield
    dashboard._parts.clear()
    dashboard._parts.update(saved)


def test_a_registered_part_adds_its_cards_in_order_for_its_roles_only(
    client, alice, tom, lily, extra_part
):
    dashboard.register(
        name="test.first",
        order=1,
        roles=[dashboard.Role.ADMINISTRATOR],
        build=lambda user: {"cards": [{"label": "Test figure first", "value": 7, "url": None}]},
    )
    dashboard.register(
        name="test.last",
        order=999,
        roles=dashboard.STAFF,
        build=lambda user: {"cards": [{"label": "Test figure last", "value": 8, "url": None}]},
    )
    client.force_login(alice)
    html = client.get("/").content.decode()
    first, partners, last = (
        html.index("Test figure first"),
        html.index("Active partner enterprises"),
        html.index("Test figure last"),
    )
    assert first < partners < last

    client.force_login(tom)
    html = client.get("/").content.decode()
    assert "Test figure first" not in html and "Test figure last" in html

    client.force_login(lily)
    html = client.get("/").content.decode()
    assert "Test figure" not in html


def test_registering_a_name_again_replaces_the_part(alice, extra_part):
    for value in (1, 2):
        dashboard.register(
            name="test.again",
            order=999,
            roles=[dashboard.Role.ADMINISTRATOR],
            build=lambda user, value=value: {"cards": [{"label": "Again", "value": value}]},
        )
    cards = [c for c in dashboard.dashboard_context(alice)["cards"] if c["label"] == "Again"]
    assert cards == [{"label": "Again", "value": 2}]

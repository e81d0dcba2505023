"""Vettings in the browser: an administrator records the school's inspection
of an enterprise on its page and publishes it as an internship unit."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import EnterpriseVetting
from partnerships.selectors import internship_units
from tests.partnerships.factories import EnterpriseFactory, VettingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unvetted():
    return EnterpriseFactory(name="Anshan Steel Fittings", vetting=None)


def _form(**fields):
    today = timezone.localdate()
    return {
        "inspected_on": today.isoformat(),
        "inspector": "王老师 Wang",
        "report": "Qualifications, safety and dormitories checked on site.",
        "decision": "approved",
        "decided_at_meeting": "School internship committee, meeting 4",
        "valid_until": "",
        **fields,
    }


def test_an_administrator_records_and_publishes_a_vetting(client, alice, unvetted):
    client.force_login(alice)
    page = client.get(f"/partnerships/enterprises/{unvetted.pk}/").content.decode()
    assert "Not vetted yet" in page
    assert f"/partnerships/enterprises/{unvetted.pk}/vettings/new/" in page

    response = client.post(
        f"/partnerships/enterprises/{unvetted.pk}/vettings/new/", _form(publish="on")
    )
    assert response.status_code == 302
    vetting = EnterpriseVetting.objects.get(enterprise=unvetted)
    today = timezone.localdate()
    assert vetting.recorded_by == alice
    assert vetting.published_on == today
    assert vetting.valid_until > today + datetime.timedelta(days=360)  # a year by default
    assert unvetted in internship_units()
    page = client.get(f"/partnerships/enterprises/{unvetted.pk}/").content.decode()
    assert "王老师 Wang" in page and "Published" in page


def test_an_approved_vetting_is_published_later_from_the_enterprise_page(client, alice, unvetted):
    client.force_login(alice)
    client.post(f"/partnerships/enterprises/{unvetted.pk}/vettings/new/", _form())
    vetting = EnterpriseVetting.objects.get(enterprise=unvetted)
    assert vetting.published_on is None and unvetted not in internship_units()
    page = client.get(f"/partnerships/enterprises/{unvetted.pk}/").content.decode()
    assert f"/partnerships/vettings/{vetting.pk}/publish/" in page
    client.post(f"/partnerships/vettings/{vetting.pk}/publish/")
    assert unvetted in internship_units()


def test_bad_dates_and_publishing_a_refusal_are_explained_and_save_nothing(client, alice, unvetted):
    client.force_login(alice)
    today = timezone.localdate()
    response = client.post(
        f"/partnerships/enterprises/{unvetted.pk}/vettings/new/",
        _form(valid_until=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 200
    assert "cannot expire before the inspection" in response.content.decode()
    response = client.post(
        f"/partnerships/enterprises/{unvetted.pk}/vettings/new/",
        _form(decision="rejected", publish="on"),
    )
    assert response.status_code == 200
    assert "Only an approved enterprise is published" in response.content.decode()
    assert not EnterpriseVetting.objects.filter(enterprise=unvetted).exists()

    refused = VettingFactory(enterprise=unvetted, decision="rejected", published_on=None)
    response = client.post(f"/partnerships/vettings/{refused.pk}/publish/", follow=True)
    assert "Only an approved enterprise is published" in response.content.decode()
    refused.refresh_from_db()
    assert refused.published_on is None


def test_a_teacher_sees_the_vettings_but_cannot_record_one(client, tom, unvetted):
    VettingFactory(enterprise=unvetted, inspector="Zhao Gang")
    client.force_login(tom)
    page = client.get(f"/partnerships/enterprises/{unvetted.pk}/").content.decode()
    assert "Zhao Gang" in page
    assert "vettings/new/" not in page
    assert client.get(f"/partnerships/enterprises/{unvetted.pk}/vettings/new/").status_code == 403
    vetting = EnterpriseVetting.objects.get(enterprise=unvetted)
    assert client.post(f"/partnerships/vettings/{vetting.pk}/publish/").status_code == 403

from datetime import timedelta

import pytest
from django.utils import timezone

from partnerships.models import AnnualReview, CooperationAgreement
from tests.partnerships.factories import (
    AgreementFactory,
    EnterpriseContactFactory,
    EnterpriseFactory,
    MajorFactory,
    VettingFactory,
    WorkstationFactory,
)

pytestmark = pytest.mark.django_db
S = CooperationAgreement.Status
TODAY = timezone.localdate()


@pytest.fixture
def admin_client(client, alice):
    client.force_login(alice)
    return client


def test_the_list_filters_sorts_and_paginates(admin_client):
    AgreementFactory.create_batch(30, modes=["employment"])
    deep = AgreementFactory(title="Robotics order class", status=S.ACTIVE, modes=["order_training"])
    soon = AgreementFactory(
        title="Logistics base",
        status=S.ACTIVE,
        modes=["curriculum"],
        ends_on=TODAY + timedelta(days=20),
    )
    html = admin_client.get("/partnerships/agreements/").content.decode()
    assert "32 rows" in html and "Page 1 of 2" in html
    html = admin_client.get("/partnerships/agreements/?depth=deep").content.decode()
    assert "Robotics order class" in html and "1 row" in html
    html = admin_client.get("/partnerships/agreements/?expiring_within_days=90").content.decode()
    assert "Logistics base" in html and "Robotics order class" not in html
    html = admin_client.get(
        "/partnerships/agreements/?status=active&search=robotics"
    ).content.decode()
    assert "Robotics order class" in html and "1 row" in html
    html = admin_client.get("/partnerships/agreements/?sort=ends_on&status=active").content.decode()
    assert html.index(soon.number) < html.index(deep.number)
    # Unknown values are ignored, never a server error.
    assert (
        admin_client.get("/partnerships/agreements/?status=x&sort=password&page=z").status_code
        == 200
    )


def test_the_list_costs_the_same_queries_for_5_and_100_rows(
    admin_client, alice, django_assert_num_queries
):
    enterprise = EnterpriseFactory()
    majors = MajorFactory.create_batch(2)
    AgreementFactory.create_batch(5, enterprise=enterprise, owner=alice, majors=majors)
    # session, user, groups, unread notifications, count, page (enterprise
    # joined), majors, the majors of the filter's select (the session, renewed
    # within the minute, is not written)
    with django_assert_num_queries(8):
        admin_client.get("/partnerships/agreements/?page_size=100")
    AgreementFactory.create_batch(95, enterprise=enterprise, owner=alice, majors=majors)
    with django_assert_num_queries(8):
        admin_client.get("/partnerships/agreements/?page_size=100")


def test_an_administrator_creates_edits_and_activates_an_agreement(admin_client, alice, enterprise):
    major = MajorFactory()
    response = admin_client.post(
        "/partnerships/agreements/new/",
        {
            "title": "New energy vehicle apprenticeship",
            "enterprise": enterprise.pk,
            "majors": [major.pk],
            "modes": ["apprenticeship", "employment"],
            "starts_on": str(TODAY),
            "ends_on": str(TODAY + timedelta(days=3 * 365)),
            "school_investment": "0",
            "enterprise_investment": "300000",
        },
    )
    agreement = CooperationAgreement.objects.get()
    assert response["Location"] == f"/partnerships/agreements/{agreement.pk}/"
    assert agreement.depth == "deep" and agreement.owner == alice
    page = admin_client.get(f"/partnerships/agreements/{agreement.pk}/").content.decode()
    assert "Activate" in page and "Delete draft" in page and "Terminate" not in page
    # Activation without a signature is refused with the service's message.
    follow = admin_client.post(f"/partnerships/agreements/{agreement.pk}/activate/", follow=True)
    assert "Record the signing date" in follow.content.decode()
    edit = admin_client.get(f"/partnerships/agreements/{agreement.pk}/edit/")
    assert edit.status_code == 200
    admin_client.post(
        f"/partnerships/agreements/{agreement.pk}/edit/",
        {
            "title": agreement.title,
            "enterprise": enterprise.pk,
            "majors": [major.pk],
            "modes": ["apprenticeship"],
            "starts_on": str(TODAY),
            "ends_on": str(agreement.ends_on),
            "signed_on": str(TODAY),
            "school_investment": "0",
            "enterprise_investment": "300000",
        },
    )
    admin_client.post(f"/partnerships/agreements/{agreement.pk}/activate/")
    agreement.refresh_from_db()
    assert agreement.status == S.ACTIVE
    page = admin_client.get(f"/partnerships/agreements/{agreement.pk}/").content.decode()
    assert "Terminate" in page and "Renew" in page and "Activate</button>" not in page
    assert "Activated" in page  # the history
    assert str(agreement.reviews.get().year) in page


def test_the_form_shows_a_date_error_next_to_the_field(admin_client, enterprise):
    response = admin_client.post(
        "/partnerships/agreements/new/",
        {
            "title": "Backwards",
            "enterprise": enterprise.pk,
            "starts_on": str(TODAY),
            "ends_on": str(TODAY - timedelta(days=1)),
            "school_investment": "0",
            "enterprise_investment": "0",
        },
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not CooperationAgreement.objects.exists()


def test_terminate_and_renew_pages(admin_client):
    active = AgreementFactory(status=S.ACTIVE)
    assert admin_client.get(f"/partnerships/agreements/{active.pk}/terminate/").status_code == 200
    empty = admin_client.post(f"/partnerships/agreements/{active.pk}/terminate/", {"reason": ""})
    assert empty.status_code == 200
    renew = admin_client.post(
        f"/partnerships/agreements/{active.pk}/renew/",
        {"ends_on": str(active.ends_on + timedelta(days=365))},
    )
    renewal = CooperationAgreement.objects.get(renews=active)
    assert renew["Location"] == f"/partnerships/agreements/{renewal.pk}/"
    admin_client.post(f"/partnerships/agreements/{active.pk}/terminate/", {"reason": "Moved away"})
    active.refresh_from_db()
    assert active.status == S.TERMINATED
    page = admin_client.get(f"/partnerships/agreements/{active.pk}/").content.decode()
    assert "Moved away" in page and renewal.number in page


def test_the_review_form_saves_submits_and_approves(admin_client):
    review = AgreementFactory(status=S.ACTIVE).reviews.get()
    url = f"/partnerships/reviews/{review.pk}/"
    scores = {
        "talent_training": 4,
        "teaching_resources": 4,
        "research": 3,
        "employment": 5,
        "student_satisfaction": 4,
        "employer_satisfaction": 5,
    }
    figures = {
        "order_class_students": 35,
        "courses_developed": 2,
        "textbooks_developed": 1,
        "part_time_teachers": 4,
        "equipment_donated": "0",
        "equipment_provided": "80000",
        "service_income": "15000",
        "training_person_days": 120,
    }
    partial = admin_client.post(url, {"research": 3, "submit": "1", **figures})
    assert "Give every score" in partial.content.decode()
    bad = admin_client.post(url, {**scores, "research": 9, **figures})
    assert bad.status_code == 200
    admin_client.post(url, {**scores, **figures, "decision": "continue", "submit": "1"})
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.SUBMITTED and review.order_class_students == 35
    page = admin_client.get(url).content.decode()
    assert "Approve" in page
    admin_client.post(f"/partnerships/reviews/{review.pk}/approve/")
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.APPROVED


def test_a_teacher_reads_pages_but_cannot_change_anything(client, tom):
    active = AgreementFactory(status=S.ACTIVE)
    review = active.reviews.get()
    client.force_login(tom)
    page = client.get(f"/partnerships/agreements/{active.pk}/").content.decode()
    assert active.number in page and "Terminate" not in page
    review_page = client.get(f"/partnerships/reviews/{review.pk}/").content.decode()
    assert "Save and submit" not in review_page
    assert client.post(f"/partnerships/reviews/{review.pk}/", {"research": 3}).status_code == 403
    assert client.post(f"/partnerships/agreements/{active.pk}/activate/").status_code == 403
    assert client.get("/partnerships/agreements/new/").status_code == 403
    assert client.get(f"/partnerships/agreements/{active.pk}/terminate/").status_code == 403


def test_liaisons_and_reporters_do_not_get_the_staff_pages(client, lily, rita, enterprise):
    own = AgreementFactory(enterprise=enterprise)
    for user in (lily, rita):
        client.force_login(user)
        assert client.get("/partnerships/agreements/").status_code == 403
        assert client.get(f"/partnerships/agreements/{own.pk}/").status_code == 403
        assert client.get("/partnerships/majors/").status_code == 403


def test_an_unknown_agreement_is_a_404(admin_client):
    assert admin_client.get("/partnerships/agreements/999999/").status_code == 404


def test_activate_needs_a_post(admin_client):
    draft = AgreementFactory()
    assert admin_client.get(f"/partnerships/agreements/{draft.pk}/activate/").status_code == 405


def test_the_majors_page_flags_majors_without_a_deep_partner(admin_client):
    covered, uncovered = MajorFactory(name="Robotics"), MajorFactory(name="Accounting")
    AgreementFactory(status=S.ACTIVE, modes=["order_training"], majors=[covered])
    AgreementFactory(status=S.ACTIVE, modes=["employment"], majors=[uncovered])
    html = admin_client.get("/partnerships/majors/").content.decode()
    assert "1 major has no deep partner" in html
    only = admin_client.get("/partnerships/majors/?without_deep_partner=true").content.decode()
    assert "Accounting" in only and "Robotics" not in only


def test_the_majors_page_costs_the_same_queries_for_few_and_many(
    admin_client, django_assert_num_queries
):
    majors = MajorFactory.create_batch(3)
    AgreementFactory(status=S.ACTIVE, majors=majors)
    # session, user, groups, unread notifications, majors with their counts
    with django_assert_num_queries(5):
        admin_client.get("/partnerships/majors/")
    more = MajorFactory.create_batch(40)
    AgreementFactory.create_batch(3, status=S.ACTIVE, majors=more)
    with django_assert_num_queries(5):
        admin_client.get("/partnerships/majors/")


def test_the_enterprise_page_shows_contacts_agreements_placements_and_workstations(
    admin_client, enterprise
):
    EnterpriseContactFactory(enterprise=enterprise, name="Zhang Wei", is_primary=True)
    agreement = AgreementFactory(enterprise=enterprise, status=S.ACTIVE, modes=["workstation"])
    WorkstationFactory(agreement=agreement, name="Robot master studio")
    html = admin_client.get(f"/partnerships/enterprises/{enterprise.pk}/").content.decode()
    assert "Zhang Wei" in html and agreement.number in html and "Robot master studio" in html
    assert 'data-testid="placements-count">0<' in html


def test_the_enterprise_page_costs_the_same_queries_for_few_and_many(
    admin_client, enterprise, django_assert_num_queries
):
    AgreementFactory(enterprise=enterprise, status=S.ACTIVE)
    WorkstationFactory(agreement=AgreementFactory(enterprise=enterprise, status=S.ACTIVE))
    # session, user, groups, enterprise, the placement figures (one query for
    # both), unread notifications, contacts, agreements, majors, modes,
    # workstations, vettings, the audit history; the cooperation records'
    # figures (11) and block (classes, bases, part-time teachers, an 8-source
    # timeline: 11)
    with django_assert_num_queries(35):
        admin_client.get(f"/partnerships/enterprises/{enterprise.pk}/")
    AgreementFactory.create_batch(10, enterprise=enterprise, status=S.ACTIVE)
    WorkstationFactory.create_batch(
        5, agreement=AgreementFactory(enterprise=enterprise, status=S.ACTIVE)
    )
    EnterpriseContactFactory.create_batch(5, enterprise=enterprise)
    VettingFactory.create_batch(3, enterprise=enterprise)
    with django_assert_num_queries(35):
        admin_client.get(f"/partnerships/enterprises/{enterprise.pk}/")


def test_the_agreement_page_costs_the_same_queries_for_few_and_many(
    admin_client, alice, django_assert_num_queries
):
    agreement = AgreementFactory(status=S.ACTIVE)
    # session, user, groups, agreement (enterprise and owner joined), majors,
    # modes, unread notifications, renewals, history, reviews, documents,
    # workstations, audit history
    with django_assert_num_queries(13):
        admin_client.get(f"/partnerships/agreements/{agreement.pk}/")
    for _ in range(5):
        services_update(agreement, alice)
    with django_assert_num_queries(13):
        admin_client.get(f"/partnerships/agreements/{agreement.pk}/")


def services_update(agreement, actor):
    from partnerships import services

    services.agreement_update(agreement=agreement, actor=actor, title=agreement.title + "!")


def test_the_list_filters_by_major_and_due_review(admin_client):
    major = MajorFactory()
    listed = AgreementFactory(title="Listed", majors=[major])
    AgreementFactory(title="Other")
    html = admin_client.get(f"/partnerships/agreements/?major={major.pk}").content.decode()
    assert listed.number in html and "1 row" in html
    start = TODAY - timedelta(days=350)  # first anniversary in 15 days
    due = AgreementFactory(status=S.ACTIVE, starts_on=start, title="Due soon")
    AgreementFactory(status=S.ACTIVE, title="Not due")
    html = admin_client.get("/partnerships/agreements/?review_due=true").content.decode()
    assert due.number in html and "1 row" in html


def test_the_dashboard_shows_agreement_cards(admin_client):
    AgreementFactory(status=S.ACTIVE, ends_on=TODAY + timedelta(days=30))
    html = admin_client.get("/").content.decode()
    assert "Active agreements" in html and "expiring within 90 days" in html
    assert "Annual reviews due" in html


def test_the_new_agreement_form_preselects_the_enterprise(admin_client, enterprise):
    page = admin_client.get(f"/partnerships/agreements/new/?enterprise={enterprise.pk}")
    assert page.status_code == 200
    assert f'value="{enterprise.pk}" selected' in page.content.decode()


def test_documents_are_uploaded_from_the_agreement_page(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    agreement = AgreementFactory(status=S.ACTIVE)
    url = f"/partnerships/agreements/{agreement.pk}/documents/new/"
    assert admin_client.get(url).status_code == 200
    bad = admin_client.post(
        url, {"kind": "signed_scan", "file": SimpleUploadedFile("x.pdf", b"GIF89a not a pdf")}
    )
    assert bad.status_code == 200 and "does not match" in bad.content.decode()
    good = admin_client.post(
        url, {"kind": "signed_scan", "file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 ok")}
    )
    assert good["Location"] == f"/partnerships/agreements/{agreement.pk}/"
    document = agreement.documents.get()
    page = admin_client.get(good["Location"]).content.decode()
    assert f"/partnerships/documents/{document.pk}/download/" in page


def test_a_workstation_is_created_from_the_enterprise_page(admin_client, tom, enterprise):
    agreement = AgreementFactory(enterprise=enterprise, status=S.ACTIVE, modes=["workstation"])
    url = f"/partnerships/enterprises/{enterprise.pk}/workstations/new/"
    assert admin_client.get(url).status_code == 200
    data = {
        "name": "数控技能大师工作站",
        "agreement": agreement.pk,
        "enterprise_leader_name": "",
        "school_leader": tom.pk,
    }
    missing = admin_client.post(url, data)
    assert missing.status_code == 200 and "This field is required" in missing.content.decode()
    assert not enterprise.workstations.exists()
    done = admin_client.post(url, {**data, "enterprise_leader_name": "刘建华"})
    assert done["Location"] == f"/partnerships/enterprises/{enterprise.pk}/"
    station = enterprise.workstations.get()
    edit = f"/partnerships/enterprises/{enterprise.pk}/workstations/{station.pk}/edit/"
    admin_client.post(edit, {**data, "enterprise_leader_name": "刘建华", "activities": "竞赛"})
    station.refresh_from_db()
    assert station.activities == "竞赛"


def test_save_and_submit_in_the_browser_saves_nothing_when_the_submit_is_refused(admin_client):
    review = AgreementFactory(status=S.ACTIVE).reviews.get()
    url = f"/partnerships/reviews/{review.pk}/"
    scores = dict.fromkeys(
        [
            "talent_training",
            "teaching_resources",
            "research",
            "employment",
            "student_satisfaction",
            "employer_satisfaction",
        ],
        4,
    )
    figures = {
        "order_class_students": 12,
        "courses_developed": 0,
        "textbooks_developed": 0,
        "part_time_teachers": 0,
        "equipment_donated": "0",
        "equipment_provided": "0",
        "service_income": "0",
        "training_person_days": 0,
    }
    # No decision: the form is valid, the submit is refused.
    page = admin_client.post(url, {**scores, **figures, "summary": "Draft text", "submit": "1"})
    assert "Choose a decision before submitting." in page.content.decode()
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.PENDING
    assert review.research is None and review.summary == ""
    assert review.order_class_students == 0
    # "Save" alone keeps the same values.
    admin_client.post(url, {**scores, **figures, "summary": "Draft text"})
    review.refresh_from_db()
    assert review.research == 4 and review.summary == "Draft text"
    assert review.order_class_students == 12

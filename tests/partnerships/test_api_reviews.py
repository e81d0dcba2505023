import pytest

from partnerships.models import AnnualReview, CooperationAgreement
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db
S = CooperationAgreement.Status
FIELDS = {
    "id",
    "agreement",
    "year",
    "due_on",
    "status",
    "scores",
    "decision",
    "summary",
    "next_year_plan",
    "figures",
}
SCORES = {
    "talent_training": 4,
    "teaching_resources": 5,
    "research": 3,
    "employment": 4,
    "student_satisfaction": 5,
    "employer_satisfaction": 4,
}


@pytest.fixture
def review(db):
    return AgreementFactory(status=S.ACTIVE).reviews.get()


def test_a_review_is_filled_submitted_and_approved(api, alice, review):
    client = api.as_(alice)
    url = f"/api/v1/reviews/{review.pk}/"
    data = client.get(url).json()
    assert set(data) == FIELDS
    assert data["scores"] == dict.fromkeys(SCORES)
    assert data["status"] == "pending" and data["due_on"] == str(review.due_on)

    early = client.post(url + "submit/")
    assert early.status_code == 400 and early.json()["code"] == "scores_incomplete"
    patched = client.patch(
        url,
        {
            "scores": SCORES,
            "decision": "improve",
            "summary": "Forty students in the order class.",
            "figures": {"order_class_students": 40, "equipment_donated": "250000.00"},
        },
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["scores"] == SCORES
    assert patched.json()["figures"]["order_class_students"] == 40
    assert patched.json()["figures"]["equipment_donated"] == "250000.00"
    assert client.post(url + "approve/").json()["code"] == "invalid_transition"
    submitted = client.post(url + "submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    locked = client.patch(url, {"summary": "changed"})
    assert locked.status_code == 400 and locked.json()["code"] == "review_locked"
    approved = client.post(url + "approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


@pytest.mark.parametrize(
    "payload",
    [
        {"scores": {"research": 6}},
        {"scores": {"research": 0}},
        {"scores": {"research": "four"}},
        {"scores": {"research": "9"}},
        {"scores": {"research": 4.5}},
        {"scores": {"research": True}},
        {"scores": {"charisma": 3}},
        {"scores": [1, 2, 3]},
        {"decision": "maybe"},
        {"figures": {"order_class_students": -1}},
        {"figures": {"service_income": "lots"}},
        {"figures": {"training_person_days": 10**12}},
    ],
)
def test_bad_review_input_is_a_400(api, alice, review, payload):
    response = api.as_(alice).patch(f"/api/v1/reviews/{review.pk}/", payload)
    assert response.status_code == 400, response.content
    review.refresh_from_db()
    assert review.research is None and review.order_class_students == 0


def test_reviews_cannot_be_created_or_deleted_by_hand(api, alice, review):
    client = api.as_(alice)
    assert client.post("/api/v1/reviews/", {"agreement": review.agreement_id}).status_code == 405
    assert client.delete(f"/api/v1/reviews/{review.pk}/").status_code == 405


def test_filters(api, alice, review):
    other = AgreementFactory(status=S.ACTIVE).reviews.get()
    client = api.as_(alice)
    got = client.get(f"/api/v1/reviews/?agreement={review.agreement_id}").json()["results"]
    assert [r["id"] for r in got] == [review.pk]
    assert client.get("/api/v1/reviews/?status=pending").json()["count"] == 2
    assert client.get(f"/api/v1/reviews/?year={other.year}").json()["count"] == 2
    assert client.get("/api/v1/reviews/?status=lost").status_code == 400
    assert client.get("/api/v1/reviews/?year=abc").status_code == 400


def test_teacher_and_liaison_cannot_change_reviews(api, tom, lily, enterprise):
    own = AgreementFactory(enterprise=enterprise, status=S.ACTIVE).reviews.get()
    for user in (tom, lily):
        client = api.as_(user)
        assert client.get(f"/api/v1/reviews/{own.pk}/").status_code == 200
        assert client.patch(f"/api/v1/reviews/{own.pk}/", {"summary": "x"}).status_code == 403
        assert client.post(f"/api/v1/reviews/{own.pk}/submit/").status_code == 403
    assert AnnualReview.objects.get(pk=own.pk).summary == ""


def test_the_list_costs_the_same_queries_for_5_and_200_rows(api, alice, django_assert_num_queries):
    client = api.as_(alice)
    AgreementFactory.create_batch(5, status=S.ACTIVE)
    # token + user, groups, count, page
    with django_assert_num_queries(4):
        assert client.get("/api/v1/reviews/?page_size=200").status_code == 200
    AgreementFactory.create_batch(195, status=S.ACTIVE)
    with django_assert_num_queries(4):
        assert len(client.get("/api/v1/reviews/?page_size=200").json()["results"]) == 200


def test_save_and_submit_saves_nothing_when_the_submit_is_refused(api, alice, review):
    client = api.as_(alice)
    url = f"/api/v1/reviews/{review.pk}/submit/"
    # Every score but no decision: the values are valid, the submit is not.
    refused = client.post(
        url,
        {"scores": SCORES, "summary": "Half done", "figures": {"order_class_students": 12}},
        format="json",
    )
    assert refused.status_code == 400 and refused.json()["code"] == "decision_required"
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.PENDING
    assert review.scores == dict.fromkeys(SCORES)
    assert review.summary == "" and review.order_class_students == 0

    done = client.post(url, {"scores": SCORES, "decision": "continue"}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "submitted" and done.json()["scores"] == SCORES

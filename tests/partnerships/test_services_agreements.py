"""Each transition from the same setup: the legal move and the illegal ones."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError
from django.utils import timezone

from common.exceptions import RuleError
from notifications.models import Notification
from partnerships import selectors, services
from partnerships.models import AgreementEvent, AnnualReview, CooperationAgreement, depth_of
from tests.partnerships.factories import AgreementFactory, MajorFactory

pytestmark = pytest.mark.django_db
S = CooperationAgreement.Status
TODAY = timezone.localdate()


def make(status=S.DRAFT, **kwargs):
    return AgreementFactory(status=status, **kwargs)


def test_depth_follows_the_modes():
    assert depth_of(["employment", "apprenticeship"]) == "deep"
    assert depth_of(["curriculum", "internship_base"]) == "middle"
    assert depth_of(["internship_base", "employment"]) == "shallow"
    assert depth_of([]) == "shallow"


def test_numbers_are_generated_per_year(alice, enterprise):
    first = services.agreement_create(
        actor=alice,
        title="A",
        enterprise=enterprise,
        starts_on=TODAY,
        ends_on=TODAY,
        today=date(2026, 3, 1),
    )
    second = services.agreement_create(
        actor=alice,
        title="B",
        enterprise=enterprise,
        starts_on=TODAY,
        ends_on=TODAY,
        today=date(2026, 5, 1),
    )
    next_year = services.agreement_create(
        actor=alice,
        title="C",
        enterprise=enterprise,
        starts_on=TODAY,
        ends_on=TODAY,
        today=date(2027, 1, 2),
    )
    assert [first.number, second.number, next_year.number] == [
        "HZ-2026-0001",
        "HZ-2026-0002",
        "HZ-2027-0001",
    ]
    assert first.owner == alice  # the creator when no owner is given


def test_create_derives_depth_and_refuses_bad_input(alice, tom, rita, enterprise):
    agreement = services.agreement_create(
        actor=alice,
        title="Joint R&D",
        enterprise=enterprise,
        starts_on=TODAY,
        ends_on=TODAY + timedelta(days=365),
        modes=["joint_rnd", "curriculum"],
        owner=tom,
    )
    assert agreement.depth == "deep"
    assert agreement.mode_codes == ["curriculum", "joint_rnd"]
    assert agreement.events.get().kind == AgreementEvent.Kind.CREATED
    with pytest.raises(RuleError) as err:
        services.agreement_create(
            actor=alice,
            title="X",
            enterprise=enterprise,
            starts_on=TODAY,
            ends_on=TODAY - timedelta(days=1),
        )
    assert err.value.code == "ends_before_start"
    with pytest.raises(RuleError) as err:
        services.agreement_create(
            actor=alice,
            title="X",
            enterprise=enterprise,
            starts_on=TODAY,
            ends_on=TODAY,
            owner=rita,
        )
    assert err.value.code == "owner_not_staff"


def test_the_database_refuses_an_end_before_the_start(alice, enterprise):
    agreement = make()
    with pytest.raises(IntegrityError):
        CooperationAgreement.objects.filter(pk=agreement.pk).update(
            ends_on=agreement.starts_on - timedelta(days=1)
        )


def test_update_changes_modes_and_depth_and_locks_the_term_once_active(alice):
    draft = make()
    updated = services.agreement_update(
        agreement=draft,
        actor=alice,
        modes=["curriculum"],
        ends_on=draft.ends_on + timedelta(days=1),
    )
    assert updated.depth == "middle"
    active = make(S.ACTIVE)
    services.agreement_update(agreement=active, actor=alice, title="Renamed", modes=["workstation"])
    active.refresh_from_db()
    assert (active.title, active.depth) == ("Renamed", "deep")
    with pytest.raises(RuleError) as err:
        services.agreement_update(
            agreement=active, actor=alice, ends_on=active.ends_on + timedelta(days=9)
        )
    assert err.value.code == "field_locked"
    for status in (S.EXPIRED, S.TERMINATED):
        with pytest.raises(RuleError) as err:
            services.agreement_update(agreement=make(status), actor=alice, title="No")
        assert err.value.code == "agreement_closed"


def test_activation_needs_a_signature_and_creates_the_first_review(alice):
    draft = make(signed_on=None, starts_on=TODAY - timedelta(days=10))
    with pytest.raises(RuleError) as err:
        services.agreement_activate(agreement=draft, actor=alice)
    assert err.value.code == "signed_on_required"
    services.agreement_update(agreement=draft, actor=alice, signed_on=TODAY)
    active = services.agreement_activate(agreement=draft, actor=alice)
    assert active.status == S.ACTIVE
    review = active.reviews.get()
    assert review.status == AnnualReview.Status.PENDING
    assert review.due_on == draft.starts_on.replace(year=draft.starts_on.year + 1)
    assert review.year == review.due_on.year


@pytest.mark.parametrize("status", [S.ACTIVE, S.EXPIRED, S.TERMINATED])
def test_only_a_draft_can_be_activated(alice, status):
    with pytest.raises(RuleError) as err:
        services.agreement_activate(agreement=make(status), actor=alice)
    assert err.value.code == "invalid_transition"


def test_an_ended_draft_cannot_be_activated(alice):
    draft = make(starts_on=TODAY - timedelta(days=400), ends_on=TODAY - timedelta(days=1))
    with pytest.raises(RuleError) as err:
        services.agreement_activate(agreement=draft, actor=alice)
    assert err.value.code == "agreement_ended"


def test_terminate_needs_an_active_agreement_and_a_reason(alice):
    active = make(S.ACTIVE)
    with pytest.raises(RuleError) as err:
        services.agreement_terminate(agreement=active, actor=alice, reason="  ")
    assert err.value.code == "reason_required"
    done = services.agreement_terminate(agreement=active, actor=alice, reason="Bankrupt")
    assert (done.status, done.termination_reason) == (S.TERMINATED, "Bankrupt")
    for status in (S.DRAFT, S.EXPIRED, S.TERMINATED):
        with pytest.raises(RuleError) as err:
            services.agreement_terminate(agreement=make(status), actor=alice, reason="x")
        assert err.value.code == "invalid_transition"


def test_renewal_is_a_linked_draft_from_the_day_after(alice):
    major = MajorFactory()
    active = make(S.ACTIVE, majors=[major], modes=["apprenticeship", "employment"])
    renewal = services.agreement_renew(
        agreement=active, actor=alice, ends_on=active.ends_on + timedelta(days=3 * 365)
    )
    assert renewal.status == S.DRAFT
    assert renewal.renews == active
    assert renewal.starts_on == active.ends_on + timedelta(days=1)
    assert list(renewal.majors.all()) == [major]
    assert renewal.mode_codes == ["apprenticeship", "employment"]
    assert renewal.number != active.number
    with pytest.raises(RuleError) as err:
        services.agreement_renew(agreement=active, actor=alice, ends_on=renewal.ends_on)
    assert err.value.code == "already_renewed"
    expired = make(S.EXPIRED)
    with pytest.raises(RuleError) as err:
        services.agreement_renew(agreement=expired, actor=alice, ends_on=expired.ends_on)
    assert err.value.code == "ends_before_start"
    assert (
        services.agreement_renew(
            agreement=expired, actor=alice, ends_on=expired.ends_on + timedelta(days=30)
        ).renews
        == expired
    )
    for status in (S.DRAFT, S.TERMINATED):
        with pytest.raises(RuleError) as err:
            services.agreement_renew(agreement=make(status), actor=alice, ends_on=TODAY)
        assert err.value.code == "invalid_transition"


def test_a_renewal_after_a_lapse_starts_today(alice):
    lapsed = make(S.EXPIRED)
    later = lapsed.ends_on + timedelta(days=200)
    renewal = services.agreement_renew(
        agreement=lapsed, actor=alice, ends_on=later + timedelta(days=365), today=later
    )
    assert renewal.starts_on == later


def test_expire_due_expires_only_active_agreements_past_their_end(alice):
    ending = make(
        S.ACTIVE, ends_on=TODAY - timedelta(days=1), starts_on=TODAY - timedelta(days=300)
    )
    running = make(S.ACTIVE)
    draft = make(ends_on=TODAY - timedelta(days=1), starts_on=TODAY - timedelta(days=300))
    assert services.agreement_expire_due(today=TODAY) == 1
    assert services.agreement_expire_due(today=TODAY) == 0  # idempotent
    statuses = dict(CooperationAgreement.objects.values_list("pk", "status"))
    assert statuses == {ending.pk: S.EXPIRED, running.pk: S.ACTIVE, draft.pk: S.DRAFT}
    assert ending.events.filter(kind=AgreementEvent.Kind.EXPIRED).count() == 1


def test_expiring_means_active_and_ending_within_the_window():
    soon = make(S.ACTIVE, ends_on=TODAY + timedelta(days=60))
    make(S.ACTIVE, ends_on=TODAY + timedelta(days=200))
    make(S.DRAFT, ends_on=TODAY + timedelta(days=10))
    assert list(CooperationAgreement.objects.expiring(within_days=90)) == [soon]
    assert CooperationAgreement.objects.expiring(within_days=300).count() == 2


def test_pending_reviews_are_created_30_days_ahead_once_per_year():
    start = TODAY - timedelta(days=365 * 2 + 10)
    agreement = make(S.ACTIVE, starts_on=start, ends_on=start + timedelta(days=365 * 4))
    assert agreement.reviews.count() == 1  # activation made the first one
    # The second anniversary is 10 days ago, the third ~355 days ahead.
    assert services.review_create_pending(today=TODAY) == 1
    assert services.review_create_pending(today=TODAY) == 0
    assert agreement.reviews.count() == 2
    third = services.anniversary(start, 3)
    assert services.review_create_pending(today=third - timedelta(days=31)) == 0
    assert services.review_create_pending(today=third - timedelta(days=30)) == 1
    assert sorted(agreement.reviews.values_list("due_on", flat=True))[-1] == third


def test_pending_reviews_skip_drafts_and_years_outside_the_term():
    make(S.DRAFT, starts_on=TODAY - timedelta(days=400))
    start = TODAY - timedelta(days=500)
    short = make(S.ACTIVE, starts_on=start, ends_on=start + timedelta(days=300))
    # A one-year term has one review, created at activation.
    assert services.review_create_pending(today=TODAY) == 0
    assert short.reviews.count() == 1


def test_a_review_cannot_exist_twice_for_one_year():
    agreement = make(S.ACTIVE)
    review = agreement.reviews.get()
    with pytest.raises(IntegrityError):
        AnnualReview.objects.create(agreement=agreement, year=review.year, due_on=review.due_on)


def test_anniversaries_of_29_february():
    assert services.anniversary(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert services.anniversary(date(2024, 2, 29), 4) == date(2028, 2, 29)


SCORES = {
    "talent_training": 4,
    "teaching_resources": 5,
    "research": 3,
    "employment": 4,
    "student_satisfaction": 5,
    "employer_satisfaction": 4,
}


def test_review_submit_needs_every_score_and_a_decision(alice):
    review = make(S.ACTIVE).reviews.get()
    services.review_update(review=review, scores={"research": 3})
    with pytest.raises(RuleError) as err:
        services.review_submit(review=review)
    assert err.value.code == "scores_incomplete"
    services.review_update(review=review, scores=SCORES)
    with pytest.raises(RuleError) as err:
        services.review_submit(review=review)
    assert err.value.code == "decision_required"
    services.review_update(
        review=review,
        decision="continue",
        order_class_students=40,
        service_income=Decimal("120000.00"),
    )
    submitted = services.review_submit(review=review)
    assert submitted.status == AnnualReview.Status.SUBMITTED
    assert submitted.order_class_students == 40
    with pytest.raises(RuleError) as err:
        services.review_submit(review=review)
    assert err.value.code == "invalid_transition"
    with pytest.raises(RuleError) as err:
        services.review_update(review=review, summary="late edit")
    assert err.value.code == "review_locked"


def test_save_and_submit_is_all_or_nothing(alice):
    review = make(S.ACTIVE).reviews.get()
    with pytest.raises(RuleError) as err:
        services.review_save_and_submit(
            review=review, scores=SCORES, summary="Almost", order_class_students=7
        )
    assert err.value.code == "decision_required"
    review.refresh_from_db()
    assert review.status == AnnualReview.Status.PENDING
    assert review.research is None and review.summary == "" and review.order_class_students == 0
    submitted = services.review_save_and_submit(
        review=review, scores=SCORES, decision="continue", order_class_students=7
    )
    assert submitted.status == AnnualReview.Status.SUBMITTED
    assert submitted.research == 3 and submitted.order_class_students == 7


@pytest.mark.parametrize("value", [0, 6, -1])
def test_review_scores_are_1_to_5(alice, value):
    review = make(S.ACTIVE).reviews.get()
    with pytest.raises(RuleError) as err:
        services.review_update(review=review, scores={"research": value})
    assert err.value.code == "score_out_of_range"


def _submitted(alice, decision):
    review = make(S.ACTIVE).reviews.get()
    services.review_update(review=review, scores=SCORES, decision=decision)
    return services.review_submit(review=review)


def test_approve_needs_a_submitted_review(alice):
    review = make(S.ACTIVE).reviews.get()
    with pytest.raises(RuleError) as err:
        services.review_approve(review=review, actor=alice)
    assert err.value.code == "invalid_transition"
    approved = services.review_approve(review=_submitted(alice, "continue"), actor=alice)
    assert approved.status == AnnualReview.Status.APPROVED
    assert not approved.agreement.flagged_for_owner
    with pytest.raises(RuleError):
        services.review_approve(review=approved, actor=alice)


def test_a_terminate_decision_flags_the_agreement_and_notifies_its_owner(
    alice, django_capture_on_commit_callbacks, mailoutbox
):
    review = _submitted(alice, "terminate")
    with django_capture_on_commit_callbacks(execute=True):
        services.review_approve(review=review, actor=alice)
    agreement = CooperationAgreement.objects.get(pk=review.agreement_id)
    assert agreement.flagged_for_owner
    assert str(review.year) in agreement.flag_reason
    assert agreement.status == S.ACTIVE  # the owner decides; nothing is terminated
    note = Notification.objects.get(recipient=agreement.owner)
    assert note.kind == "agreement_flagged" and agreement.number in note.subject
    assert len(mailoutbox) == 1


def test_majors_without_a_deep_partner(alice):
    covered, shallow_only, draft_only, none = MajorFactory.create_batch(4)
    make(S.ACTIVE, majors=[covered], modes=["order_training"])
    make(S.ACTIVE, majors=[shallow_only], modes=["employment"])
    make(S.DRAFT, majors=[draft_only], modes=["apprenticeship"])
    assert set(selectors.majors_without_deep_partner(alice)) == {shallow_only, draft_only, none}
    coverage = {m.pk: m.deep_partners for m in selectors.major_coverage(alice)}
    assert coverage[covered.pk] == 1 and coverage[none.pk] == 0


def test_workstations_need_both_leaders_and_the_agreements_enterprise(alice, tom, rita):
    active = make(S.ACTIVE)
    other = make(S.ACTIVE)
    base = {"agreement": active, "name": "Robot studio", "enterprise_leader_name": "Wang Qiang"}
    with pytest.raises(RuleError) as err:
        services.workstation_create(**{**base, "enterprise_leader_name": " "}, school_leader=tom)
    assert err.value.code == "enterprise_leader_required"
    with pytest.raises(RuleError) as err:
        services.workstation_create(**base, school_leader=rita)
    assert err.value.code == "school_leader_required"
    with pytest.raises(RuleError) as err:
        services.workstation_create(**base, school_leader=tom, enterprise=other.enterprise)
    assert err.value.code == "agreement_enterprise_mismatch"
    station = services.workstation_create(**base, school_leader=tom)
    assert station.enterprise == active.enterprise


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_never_share_a_number():
    import threading

    from django.db import connection

    from accounts.access import Role
    from tests.accounts.factories import UserFactory
    from tests.partnerships.factories import EnterpriseFactory

    owner = UserFactory(role=Role.ADMINISTRATOR)
    enterprise = EnterpriseFactory()
    numbers, errors = [], []
    barrier = threading.Barrier(4)

    def create():
        try:
            barrier.wait()
            numbers.append(
                services.agreement_create(
                    actor=owner, title="Race", enterprise=enterprise, starts_on=TODAY, ends_on=TODAY
                ).number
            )
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(numbers)) == 4

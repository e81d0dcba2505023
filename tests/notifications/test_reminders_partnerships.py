"""Annual reviews and expiring agreements: the owner is reminded at each stage, once."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from accounts.access import Role
from notifications.models import Notification
from partnerships.models import AnnualReview, CooperationAgreement
from partnerships.services import anniversary
from tests.accounts.factories import UserFactory
from tests.notifications.conftest import TODAY
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db

day = dt.timedelta(days=1)


@pytest.fixture
def owner(db):
    return UserFactory(username="zhang", role=Role.TEACHER)


def review_due_in(days: int, owner, **kwargs) -> AnnualReview:
    """An active agreement whose first annual review is due ``days`` from TODAY."""
    due = TODAY + dt.timedelta(days=days)
    agreement = AgreementFactory(
        owner=owner,
        starts_on=anniversary(due, -1),
        ends_on=anniversary(due, 2),
        status=CooperationAgreement.Status.ACTIVE,
        **kwargs,
    )
    review = agreement.reviews.get(due_on=due)
    assert review.status == AnnualReview.Status.PENDING
    return review


def stages(user, kind):
    return [
        n.subject
        for n in Notification.objects.filter(recipient=user, kind=kind).order_by("created_at", "id")
    ]


def test_a_review_reminds_its_owner_at_30_7_0_days_and_overdue_once_each(run, owner, alice):
    review = review_due_in(30, owner)
    for offset in range(35):
        run(TODAY + offset * day, kinds=["review_due"])
    title = review.agreement.title
    assert stages(owner, "review_due") == [
        f"Annual review due in 30 days: {title}",
        f"Annual review due in 7 days: {title}",
        f"Annual review due today: {title}",
        f"Overdue annual review: {title}",
    ]
    assert stages(alice, "review_due") == []
    assert [m.to for m in mail.outbox] == [[owner.email]] * 4
    assert Notification.objects.filter(kind="review_due").first().url == (
        f"/partnerships/reviews/{review.pk}/"
    )


def test_after_missed_days_only_the_latest_stage_goes_out(run, owner):
    review = review_due_in(3, owner)
    run(kinds=["review_due"])  # 30d was never sent: the job did not run then
    run(TODAY + 10 * day, kinds=["review_due"])  # 0d missed too
    title = review.agreement.title
    assert stages(owner, "review_due") == [
        f"Annual review due in 3 days: {title}",
        f"Overdue annual review: {title}",
    ]


def test_a_submitted_review_and_one_due_in_31_days_are_not_reminded(run, owner):
    review_due_in(31, owner)
    submitted = review_due_in(5, owner)
    AnnualReview.objects.filter(pk=submitted.pk).update(status=AnnualReview.Status.SUBMITTED)
    run(kinds=["review_due"])
    assert stages(owner, "review_due") == []


def test_an_agreement_reminds_its_owner_90_and_30_days_before_it_ends(run, owner):
    agreement = AgreementFactory(
        owner=owner,
        starts_on=TODAY - 200 * day,
        ends_on=TODAY + 90 * day,
        status=CooperationAgreement.Status.ACTIVE,
    )
    for offset in range(0, 95, 5):
        run(TODAY + offset * day, kinds=["agreement_expiring"])
    assert stages(owner, "agreement_expiring") == [
        f"Agreement expires in 90 days: {agreement.title}",
        f"Agreement expires in 30 days: {agreement.title}",
    ]


def test_drafts_and_agreements_ending_in_91_days_are_not_reminded(run, owner):
    AgreementFactory(owner=owner, starts_on=TODAY, ends_on=TODAY + 20 * day)  # a draft
    AgreementFactory(
        owner=owner,
        starts_on=TODAY - 200 * day,
        ends_on=TODAY + 91 * day,
        status=CooperationAgreement.Status.ACTIVE,
    )
    run(kinds=["agreement_expiring"])
    assert stages(owner, "agreement_expiring") == []


def test_roll_statuses_expires_agreements_and_creates_the_pending_reviews(owner):
    ended = AgreementFactory(
        owner=owner,
        starts_on=TODAY - 400 * day,
        ends_on=TODAY - day,
        status=CooperationAgreement.Status.ACTIVE,
    )
    running = AgreementFactory(
        owner=owner,
        starts_on=anniversary(TODAY + 20 * day, -2),
        ends_on=anniversary(TODAY, 2),
        status=CooperationAgreement.Status.ACTIVE,
    )
    AnnualReview.objects.filter(agreement=running).delete()
    out = StringIO()
    call_command("roll_statuses", "--date", TODAY.isoformat(), stdout=out)
    assert "agreement_expire_due: 1" in out.getvalue()
    ended.refresh_from_db()
    assert ended.status == CooperationAgreement.Status.EXPIRED
    # Both years so far, the second due in 20 days.
    assert sorted(running.reviews.values_list("due_on", flat=True)) == [
        anniversary(TODAY + 20 * day, -1),
        TODAY + 20 * day,
    ]
    out = StringIO()
    call_command("roll_statuses", "--date", TODAY.isoformat(), stdout=out)
    assert "agreement_expire_due: 0" in out.getvalue()
    assert "review_create_pending: 0" in out.getvalue()


def test_an_agreement_extended_after_its_reminder_is_reminded_before_the_new_end(run, owner):
    agreement = AgreementFactory(
        owner=owner,
        starts_on=TODAY - 200 * day,
        ends_on=TODAY + 20 * day,
        status=CooperationAgreement.Status.ACTIVE,
    )
    run(kinds=["agreement_expiring"])
    CooperationAgreement.objects.filter(pk=agreement.pk).update(ends_on=TODAY + 60 * day)
    run(TODAY + day, kinds=["agreement_expiring"])
    run(TODAY + 2 * day, kinds=["agreement_expiring"])
    assert stages(owner, "agreement_expiring") == [
        f"Agreement expires in 20 days: {agreement.title}",
        f"Agreement expires in 59 days: {agreement.title}",
    ]

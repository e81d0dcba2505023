"""Allocation rounds from the database: ranking, the run, publishing.

The run is checked against an independent optimum (brute force over every
assignment of a small round, with the rules worked out here, not by the
policy) and against every rule the placement service applies.
"""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone

from allocation import services, solver
from allocation.models import Adjustment, AllocationRound, Application
from common.exceptions import RuleError
from internships.models import Placement, Position
from notifications.models import Notification
from tests.allocation.factories import make_plan, make_round, world
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory
from tests.partnerships.factories import EnterpriseFactory, MajorFactory
from tests.practice.factories import student_user

pytestmark = pytest.mark.django_db


def rank(round_, student, *positions):
    return services.applications_rank(round_=round_, student=student, positions=list(positions))


def close_and_run(round_):
    services.round_close(round_=round_)
    return services.round_run(round_=round_)


def brute_force(students, capacities, ranks, allowed):
    """(placed, sum of ranks) of the best assignment, by trying them all."""
    best = (0, 0)
    options = [
        [None] + [p for p in capacities if (s, p) in ranks and allowed(s, p)] for s in students
    ]
    for combo in itertools.product(*options):
        used = {}
        for p in combo:
            if p is not None:
                used[p] = used.get(p, 0) + 1
        if any(n > capacities[p] for p, n in used.items()):
            continue
        placed = sum(1 for p in combo if p is not None)
        score = sum(ranks[(s, p)] for s, p in zip(students, combo, strict=True) if p is not None)
        if (placed, -score) > (best[0], -best[1]):
            best = (placed, score)
    return best


def test_colliding_preferences_get_the_optimum_and_keep_every_rule():
    major = MajorFactory(code="460101")
    plan = make_plan(major=major)
    adult = datetime.date(2004, 1, 1)
    minor = datetime.date(2009, 1, 1)  # 17 in 2026
    students = [
        StudentFactory(major=major, date_of_birth=adult, sex="male"),
        StudentFactory(major=major, date_of_birth=adult, sex="female"),
        StudentFactory(major=major, date_of_birth=minor, sex="male"),
        StudentFactory(major=major, date_of_birth=adult, sex="male"),
        StudentFactory(major=major, date_of_birth=adult, sex="female"),
    ]
    heavy = PositionFactory(capacity=1, forbidden_to_women=True)
    chemical = PositionFactory(capacity=1, forbidden_to_minors=True)
    office = PositionFactory(capacity=2)
    positions = [heavy, chemical, office]
    round_ = make_round(positions=positions, plan=plan)
    prefs = {
        students[0]: [heavy, office, chemical],
        students[1]: [heavy, chemical],
        students[2]: [chemical, heavy, office],
        students[3]: [office, heavy],
        students[4]: [office, chemical],
    }
    for student, choice in prefs.items():
        rank(round_, student, *choice)
    # The enterprise of the office rejects the fourth student.
    Application.objects.filter(round=round_, student=students[3], position=office).update(
        enterprise_decision="rejected"
    )
    round_ = close_and_run(round_)
    preview = round_.preview

    def allowed(s, p):
        student = next(x for x in students if x.pk == s)
        position = next(x for x in positions if x.pk == p)
        if position.forbidden_to_women and student.sex == "female":
            return False
        if position.forbidden_to_minors and student.date_of_birth == minor:
            return False
        return not (student == students[3] and position == office)

    ranks = {(s.pk, p.pk): i for s, choice in prefs.items() for i, p in enumerate(choice, start=1)}
    best = brute_force(
        [s.pk for s in students], {p.pk: p.capacity for p in positions}, ranks, allowed
    )
    assert (preview["placed"], preview["score"]) == best
    for item in preview["assigned"]:
        assert allowed(item["student"], item["position"])
        assert ranks[(item["student"], item["position"])] == item["rank"]
    reasons = {u["student"]: {r["code"] for r in u["reasons"]} for u in preview["unplaced"]}
    if students[1].pk in reasons:
        assert "female_forbidden_work" in reasons[students[1].pk]
    assert sum(preview["rank_counts"].values()) == preview["placed"]
    # Publishing makes those placements through the service (every rule again).
    services.round_publish(round_=round_)
    made = set(Placement.objects.filter(plan=plan).values_list("student_id", "position_id"))
    assert made == {(a["student"], a["position"]) for a in preview["assigned"]}


def test_capacity_and_existing_placements_count():
    plan, students, positions = world(n_students=3, capacities=(2,))
    (position,) = positions
    PlacementFactory(position=position)  # one of the two places is taken
    round_ = make_round(positions=positions, plan=plan)
    for s in students:
        rank(round_, s, position)
    round_ = close_and_run(round_)
    assert round_.preview["placed"] == 1
    codes = {r["code"] for u in round_.preview["unplaced"] for r in u["reasons"]}
    assert codes == {solver.POSITION_FULL}


def test_the_post_share_and_the_enterprise_share_are_respected():
    enterprise = EnterpriseFactory(workforce=20)  # 10 % -> 2 post interns
    major = MajorFactory()
    students = StudentFactory.create_batch(4, major=major, cohort=2024)
    posts = [
        PositionFactory(
            enterprise=enterprise,
            kind=Position.Kind.POST,
            capacity=5,
            post_headcount=10,
            starts_on=datetime.date(2026, 3, 2),
        )
        for _ in range(2)
    ]
    round_ = make_round(positions=posts, plan=make_plan(major=major))
    for s in students:
        rank(round_, s, *posts)
    round_ = close_and_run(round_)
    assert round_.preview["placed"] == 2
    services.round_publish(round_=round_)
    assert Placement.objects.filter(enterprise=enterprise).count() == 2


def test_first_year_students_and_overlaps_are_blocked_with_their_codes():
    major = MajorFactory()
    freshman = StudentFactory(major=major, cohort=2025)
    busy = StudentFactory(major=major, cohort=2024)
    post = PositionFactory(kind=Position.Kind.POST, capacity=3, starts_on=datetime.date(2026, 3, 2))
    PlacementFactory(student=busy, position=PositionFactory(capacity=1))
    round_ = make_round(positions=[post], plan=make_plan(major=major))
    rank(round_, freshman, post)
    rank(round_, busy, post)
    round_ = close_and_run(round_)
    reasons = {u["student"]: u["reasons"][0]["code"] for u in round_.preview["unplaced"]}
    assert reasons == {freshman.pk: "first_year_student", busy.pk: "overlapping_placement"}


def test_students_who_rank_nothing_are_unplaced_with_no_choices():
    plan, students, positions = world(n_students=2, capacities=(2,))
    round_ = make_round(positions=positions, plan=plan)
    rank(round_, students[0], positions[0])
    round_ = close_and_run(round_)
    assert round_.preview["unplaced"] == [
        {"student": students[1].pk, "reasons": [{"position": None, "code": "no_choices"}]}
    ]


def test_pins_and_exclusions_change_the_next_run():
    plan, students, positions = world(n_students=2, capacities=(1, 1))
    a, b = positions
    round_ = make_round(positions=positions, plan=plan)
    rank(round_, students[0], a, b)
    rank(round_, students[1], a, b)
    round_ = close_and_run(round_)
    first = {x["student"]: x["position"] for x in round_.preview["assigned"]}
    # Pin the other way round and run again.
    for student in students:
        other = b if first[student.pk] == a.pk else a
        services.adjustment_set(round_=round_, student=student, position=other, kind="pin")
    round_ = services.round_run(round_=round_)
    second = {x["student"]: x["position"] for x in round_.preview["assigned"]}
    assert second != first and set(second) == set(first)
    # Exclude one pair: that student goes unplaced, excluded.
    Adjustment.objects.filter(round=round_).delete()
    services.adjustment_set(round_=round_, student=students[0], position=a, kind="exclude")
    services.adjustment_set(round_=round_, student=students[0], position=b, kind="exclude")
    round_ = services.round_run(round_=round_)
    (unplaced,) = round_.preview["unplaced"]
    assert {r["code"] for r in unplaced["reasons"]} == {solver.EXCLUDED}


def test_a_pin_the_rules_refuse_is_a_409():
    plan, students, positions = world(n_students=1, capacities=(1,))
    woman = students[0]
    woman.sex = "female"
    woman.save()
    heavy = PositionFactory(forbidden_to_women=True)
    round_ = make_round(positions=[positions[0], heavy], plan=plan)
    rank(round_, woman, heavy)
    services.round_close(round_=round_)
    services.adjustment_set(round_=round_, student=woman, position=heavy, kind="pin")
    with pytest.raises(RuleError) as error:
        services.round_run(round_=round_)
    assert error.value.code == "pin_refused" and error.value.status == 409


def test_publishing_twice_is_refused():
    plan, students, positions = world(n_students=1, capacities=(1,))
    round_ = make_round(positions=positions, plan=plan)
    rank(round_, students[0], positions[0])
    round_ = close_and_run(round_)
    services.round_publish(round_=round_)
    with pytest.raises(RuleError) as error:
        services.round_publish(round_=round_)
    assert error.value.code == "round_published" and error.value.status == 409
    assert Placement.objects.count() == 1


def test_a_place_filled_by_hand_meanwhile_publishes_nothing():
    plan, students, positions = world(n_students=3, capacities=(1, 1, 1))
    round_ = make_round(positions=positions, plan=plan)
    for s, p in zip(students, positions, strict=True):
        rank(round_, s, p)
    round_ = close_and_run(round_)
    assert round_.preview["placed"] == 3
    PlacementFactory(position=positions[2])  # by hand, after the run
    with pytest.raises(services.PublishError) as error:
        services.round_publish(round_=round_)
    assert error.value.code == "capacity_full"
    assert error.value.as_dict()["assignment"] == {
        "student": students[2].pk,
        "position": positions[2].pk,
    }
    assert Placement.objects.filter(student__in=students).count() == 0
    round_.refresh_from_db()
    assert round_.status == AllocationRound.Status.PREVIEWED


def test_publishing_notifies_students_and_liaisons(lily, enterprise):
    user = student_user("ming")
    major = user.student_record.major
    other = StudentFactory(major=major)
    position = PositionFactory(enterprise=enterprise, capacity=1)
    round_ = make_round(positions=[position], plan=make_plan(major=major))
    rank(round_, user.student_record, position)
    other_user = student_user("hong", student=other)
    rank(round_, other, position)
    round_ = close_and_run(round_)
    services.round_publish(round_=round_)
    kinds = Notification.objects.filter(kind="allocation_result")
    # The placed student, the unplaced one and the enterprise's liaison.
    assert set(kinds.values_list("recipient__username", flat=True)) == {"ming", "hong", "lily"}
    assert other_user.notifications.count() == 1


def test_a_second_round_offers_what_is_left_to_the_unplaced():
    plan, students, positions = world(n_students=3, capacities=(1, 2))
    a, b = positions
    round_ = make_round(positions=positions, plan=plan)
    for s in students:
        rank(round_, s, a)
    round_ = close_and_run(round_)
    services.round_publish(round_=round_)
    now = timezone.now()
    second = services.round_second(
        round_=round_, opens_at=now, closes_at=now + datetime.timedelta(days=3)
    )
    assert list(second.positions.all()) == [b]
    assert set(second.students.all()) == set(students) - {Placement.objects.get(position=a).student}
    assert second.previous == round_ and second.status == AllocationRound.Status.DRAFT


class TestBadInput:
    def setup_method(self):
        self.plan, self.students, self.positions = world(n_students=2, capacities=(1, 1, 1))
        self.round = make_round(positions=self.positions[:2], plan=self.plan, max_choices=2)
        self.student = self.students[0]

    def code(self, **kwargs):
        data = {"round_": self.round, "student": self.student, **kwargs}
        with pytest.raises(RuleError) as error:
            services.application_create(**data)
        return error.value.code

    def test_a_position_outside_the_round(self):
        assert self.code(position=self.positions[2], rank=1) == "position_not_in_round"

    def test_ranked_twice(self):
        services.application_create(
            round_=self.round, student=self.student, position=self.positions[0], rank=1
        )
        assert self.code(position=self.positions[0], rank=2) == "position_ranked_twice"
        assert self.code(position=self.positions[1], rank=1) == "rank_taken"

    def test_more_choices_than_allowed(self):
        assert self.code(position=self.positions[0], rank=3) == "too_many_choices"
        with pytest.raises(RuleError) as error:
            rank(self.round, self.student, *self.positions)
        assert error.value.code == "too_many_choices"

    def test_after_close_and_before_open(self):
        services.round_close(round_=self.round)
        assert self.code(position=self.positions[0], rank=1) == "round_closed"
        draft = make_round(positions=self.positions[:1], plan=self.plan, status="draft")
        self.round = draft
        assert self.code(position=self.positions[0], rank=1) == "round_not_open"

    def test_a_window_that_has_passed(self):
        AllocationRound.objects.filter(pk=self.round.pk).update(
            closes_at=timezone.now() - datetime.timedelta(minutes=1),
            opens_at=timezone.now() - datetime.timedelta(days=2),
        )
        self.round.refresh_from_db()
        assert self.code(position=self.positions[0], rank=1) == "round_closed"

    def test_a_student_outside_the_round(self):
        stranger = StudentFactory()
        self.student = stranger
        assert self.code(position=self.positions[0], rank=1) == "student_not_in_round"

    def test_an_unvetted_enterprise_cannot_be_offered(self):
        unvetted = PositionFactory(enterprise=EnterpriseFactory(vetting=None))
        with pytest.raises(RuleError) as error:
            make_round(positions=[unvetted], plan=self.plan)
        assert error.value.code == "enterprise_not_vetted"

    def test_running_an_open_round_is_refused(self):
        with pytest.raises(RuleError) as error:
            services.round_run(round_=self.round)
        assert error.value.code == "round_not_closed"


def test_the_database_refuses_a_rank_twice():
    from django.db import IntegrityError, transaction

    plan, students, positions = world(n_students=1, capacities=(1, 1))
    round_ = make_round(positions=positions, plan=plan)
    Application.objects.create(round=round_, student=students[0], position=positions[0], rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(round=round_, student=students[0], position=positions[1], rank=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(round=round_, student=students[0], position=positions[0], rank=2)

"""A whole round through the API, its published assignment checked against
an optimum computed here by brute force with the scoring of
docs/allocation.md, and against every rule; then the bad requests of a round's
life, each a 400 or 409 with its code and message, never a 500."""

from __future__ import annotations

import datetime
import itertools
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from allocation.models import Application
from internships.models import Placement
from tests.accounts.factories import UserFactory
from tests.allocation.factories import make_plan
from tests.internships.factories import PlacementFactory, PositionFactory, StudentFactory
from tests.partnerships.factories import EnterpriseFactory, MajorFactory

pytestmark = pytest.mark.django_db

POSTED = ("shadow", "post")
SECOND_YEAR = datetime.date(2025, 9, 1)  # a 2024 cohort's second year starts here


def _round_body(plan, positions, *, opens=-1, closes=48, max_choices=3):
    now = timezone.now()
    return {
        "plan": plan.pk,
        "opens_at": (now + datetime.timedelta(hours=opens)).isoformat(),
        "closes_at": (now + datetime.timedelta(hours=closes)).isoformat(),
        "positions": [p.pk for p in positions],
        "max_choices": max_choices,
    }


def _refused(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code
    messages = [m for v in body.values() if isinstance(v, list) for m in v]
    assert messages and all(len(m) > 15 for m in messages), body


# -- an independent model of the rules and the scoring --------------------------


def _eligible(student, position) -> bool:
    """The student-level rules this round exercises, from the records alone."""
    # First year: a follow-post or post internship from 1 September of cohort + 1.
    if position.kind in POSTED and datetime.date(student.cohort + 1, 9, 1) > position.starts_on:
        return False
    return not (position.forbidden_to_women and student.sex == "female")


def _places(position, existing: int) -> int:
    room = position.capacity - existing
    if position.kind in POSTED:
        share = int(Decimal("0.20") * position.post_headcount) - existing
        room = min(room, share)
    return max(room, 0)


def brute_force(students, positions, choices, rejected, existing, existing_by_enterprise):
    """The best assignment by exhaustive search: the most students placed, then
    the least sum of ranks, then the enterprises' ranks (an unranked applicant
    counts as the worst rank given), as docs/allocation.md orders them."""
    by_id = {p.pk: p for p in positions}
    max_erank = max((e or 0 for (_r, e) in choices.values()), default=0)
    options = []
    for s in students:
        mine = [
            pid
            for (sid, pid) in choices
            if sid == s.pk and (sid, pid) not in rejected and _eligible(s, by_id[pid])
        ]
        options.append([None, *mine])
    # An enterprise with a posted position offered: its workforce share room is
    # shared by all its offered positions (docs/allocation.md).
    share_room = {}
    for p in positions:
        if p.kind in POSTED:
            e = p.enterprise
            share_room[e.pk] = max(
                int(Decimal("0.10") * e.workforce) - existing_by_enterprise.get(e.pk, 0), 0
            )
    best, best_key = None, None
    for combo in itertools.product(*options):
        taken = {}
        for pid in combo:
            if pid is not None:
                taken[pid] = taken.get(pid, 0) + 1
        if any(n > _places(by_id[pid], existing.get(pid, 0)) for pid, n in taken.items()):
            continue
        at_enterprise = {}
        for pid, n in taken.items():
            eid = by_id[pid].enterprise_id
            at_enterprise[eid] = at_enterprise.get(eid, 0) + n
        if any(n > share_room[eid] for eid, n in at_enterprise.items() if eid in share_room):
            continue
        placed = [(s.pk, pid) for s, pid in zip(students, combo, strict=True) if pid is not None]
        rank_sum = sum(choices[pair][0] for pair in placed)
        erank_sum = sum(choices[pair][1] or max_erank for pair in placed)
        key = (len(placed), -rank_sum, -erank_sum)
        if best_key is None or key > best_key:
            best, best_key = dict(placed), key
    return best, best_key


def test_a_colliding_round_publishes_the_optimum_and_keeps_every_rule(api, alice):
    major = MajorFactory()
    plan = make_plan(major=major)
    small = EnterpriseFactory(workforce=10)  # one follow-post or post intern
    liaison = UserFactory(role="liaison", role__enterprise=(popular := EnterpriseFactory()))
    p_popular = PositionFactory(enterprise=popular, capacity=1, title="Robot programming")
    p_two = PositionFactory(capacity=3, title="Quality inspection")
    p_post = PositionFactory(kind="post", capacity=4, post_headcount=10, title="Welding")
    p_shadow = PositionFactory(enterprise=small, kind="shadow", capacity=3, title="Maintenance")
    p_heavy = PositionFactory(capacity=1, forbidden_to_women=True, title="Forging")
    positions = [p_popular, p_two, p_post, p_shadow, p_heavy]
    # Places already taken by hand: two of Quality inspection's three, and one
    # of Welding's two post-share places (20 % of 10).
    outsider = MajorFactory()
    PlacementFactory(position=p_two, student=StudentFactory(major=outsider))
    PlacementFactory(position=p_two, student=StudentFactory(major=outsider))
    PlacementFactory(position=p_post, student=StudentFactory(major=outsider))
    existing = {p_two.pk: 2, p_post.pk: 1}
    existing_by_enterprise = {p_post.enterprise_id: 1}

    students = [StudentFactory(major=major) for _ in range(6)]
    students.append(StudentFactory(major=major, cohort=2025))  # first year in 2026
    students.append(StudentFactory(major=major, sex="female"))
    s = students
    prefs = {
        s[0]: [p_popular, p_two, p_post],
        s[1]: [p_popular, p_post, p_shadow],
        s[2]: [p_popular, p_shadow, p_heavy],
        s[3]: [p_post, p_popular, p_two],
        s[4]: [p_post, p_shadow],
        s[5]: [p_shadow, p_two, p_popular],
        s[6]: [p_post, p_shadow, p_popular],  # first year: only the cognitive one
        s[7]: [p_heavy, p_popular],  # forbidden to women: only p_popular
    }

    admin = api.as_(alice)
    created = admin.post("/api/v1/allocation-rounds/", _round_body(plan, positions), format="json")
    assert created.status_code == 201, created.content
    rid = created.json()["id"]
    assert admin.post(f"/api/v1/allocation-rounds/{rid}/open/").status_code == 200
    apps = {}
    for student, ranked in prefs.items():
        for rank, position in enumerate(ranked, start=1):
            made = admin.post(
                "/api/v1/applications/",
                {"round": rid, "student": student.pk, "position": position.pk, "rank": rank},
                format="json",
            )
            assert made.status_code == 201, made.content
            apps[(student.pk, position.pk)] = made.json()["id"]

    # The popular enterprise rejects s[0] and ranks s[2] above s[1].
    lil = api.as_(liaison)
    assert (
        lil.post(f"/api/v1/applications/{apps[(s[0].pk, p_popular.pk)]}/reject/").status_code == 200
    )
    for student, erank in ((s[2], 1), (s[1], 2)):
        decided = lil.post(
            f"/api/v1/applications/{apps[(student.pk, p_popular.pk)]}/accept/",
            {"enterprise_rank": erank},
            format="json",
        )
        assert decided.status_code == 200, decided.content
    rejected = {(s[0].pk, p_popular.pk)}
    eranks = {(s[2].pk, p_popular.pk): 1, (s[1].pk, p_popular.pk): 2}

    admin = api.as_(alice)
    assert admin.post(f"/api/v1/allocation-rounds/{rid}/close/").status_code == 200
    run = admin.post(f"/api/v1/allocation-rounds/{rid}/run/")
    assert run.status_code == 200, run.content
    preview = run.json()
    published = admin.post(f"/api/v1/allocation-rounds/{rid}/publish/")
    assert published.status_code == 200, published.content
    assert published.json()["status"] == "published"

    choices = {
        (st.pk, p.pk): (rank, eranks.get((st.pk, p.pk)))
        for st, ranked in prefs.items()
        for rank, p in enumerate(ranked, start=1)
    }
    best, best_key = brute_force(
        students, positions, choices, rejected, existing, existing_by_enterprise
    )
    got = {a["student"]: a["position"] for a in preview["assigned"]}
    max_erank = max(e or 0 for _r, e in choices.values())
    got_key = (
        len(got),
        -sum(choices[(sid, pid)][0] for sid, pid in got.items()),
        -sum(choices[(sid, pid)][1] or max_erank for sid, pid in got.items()),
    )
    assert got_key == best_key, (got, best)
    assert preview["score"] == -best_key[1]
    for a in preview["assigned"]:
        assert a["rank"] == choices[(a["student"], a["position"])][0]

    # The published placements are exactly the preview's.
    round_students = {st.pk for st in students}
    made = {
        p.student_id: p.position_id for p in Placement.objects.filter(student_id__in=round_students)
    }
    assert made == got
    assert all(
        p.status == "planned" and p.plan_id == plan.pk
        for p in Placement.objects.filter(student_id__in=round_students)
    )
    # Every rule holds over all current placements, the hand-made ones included.
    by_id = {p.pk: p for p in positions}
    for position in positions:
        here = Placement.objects.current().filter(position=position).count()
        assert here <= position.capacity
        if position.kind in POSTED:
            assert here <= Decimal("0.20") * position.post_headcount
    for enterprise in {p.enterprise for p in positions if p.kind in POSTED}:
        posted = (
            Placement.objects.current()
            .filter(enterprise=enterprise, position__kind__in=POSTED)
            .count()
        )
        assert posted <= Decimal("0.10") * enterprise.workforce
    student_by_id = {st.pk: st for st in students}
    for sid, pid in got.items():
        assert (sid, pid) in choices and (sid, pid) not in rejected
        assert _eligible(student_by_id[sid], by_id[pid])
    # Why the unplaced are out, choice by choice.
    reasons = {
        u["student"]: {r["position"]: r["code"] for r in u["reasons"]} for u in preview["unplaced"]
    }
    assert set(reasons) == round_students - set(got)
    for sid, codes in reasons.items():
        assert set(codes) == {pid for (st, pid) in choices if st == sid}
        if sid == s[0].pk:
            assert codes[p_popular.pk] == "rejected_by_enterprise"
        if sid == s[6].pk:
            assert codes[p_post.pk] == "first_year_student"
        if sid == s[7].pk:
            assert codes[p_heavy.pk] == "female_forbidden_work"


def test_a_rounds_bad_requests_are_refused_with_a_code_never_a_500(api, alice):
    major = MajorFactory()
    plan = make_plan(major=major)
    student = StudentFactory(major=major)
    positions = [PositionFactory() for _ in range(4)]
    admin = api.as_(alice)
    rid = admin.post(
        "/api/v1/allocation-rounds/", _round_body(plan, positions), format="json"
    ).json()["id"]
    url = f"/api/v1/allocation-rounds/{rid}"
    for bad in (0, 21):
        _refused(
            admin.post(
                "/api/v1/allocation-rounds/",
                _round_body(plan, positions, max_choices=bad),
                format="json",
            ),
            400,
            "max_choices_invalid",
        )

    def rank(position, n, round_id=rid):
        return admin.post(
            "/api/v1/applications/",
            {"round": round_id, "student": student.pk, "position": position.pk, "rank": n},
            format="json",
        )

    _refused(admin.post(f"{url}/close/"), 409, "round_not_open")  # a draft
    _refused(admin.post(f"{url}/publish/"), 409, "round_not_previewed")
    _refused(admin.post(f"{url}/run/"), 409, "round_not_closed")
    _refused(rank(positions[0], 1), 409, "round_not_open")  # ranking in a draft
    assert admin.post(f"{url}/open/").status_code == 200
    _refused(admin.post(f"{url}/open/"), 409, "round_not_draft")
    _refused(admin.post(f"{url}/publish/"), 409, "round_not_previewed")
    for n in (1, 2, 3):
        assert rank(positions[n - 1], n).status_code == 201
    _refused(rank(positions[3], 4), 400, "too_many_choices")
    # Beyond the largest number a round may allow: the same code, not a bare 400.
    _refused(rank(positions[3], 25), 400, "too_many_choices")
    application = Application.objects.get(round_id=rid, student=student, rank=1)
    patched = admin.patch(f"/api/v1/applications/{application.pk}/", {"rank": 30}, format="json")
    _refused(patched, 400, "too_many_choices")
    outsider = StudentFactory()  # another major: not in the round
    _refused(
        admin.post(f"{url}/pin/", {"student": outsider.pk, "position": positions[0].pk}),
        400,
        "student_not_in_round",
    )
    _refused(rank(positions[3], 3), 400, "rank_taken")
    _refused(rank(positions[0], 3), 400, "position_ranked_twice")
    assert admin.post(f"{url}/close/").status_code == 200
    _refused(admin.post(f"{url}/publish/"), 409, "round_not_previewed")
    _refused(rank(positions[3], 3), 409, "round_closed")

    # Outside the window of an open round: before it opens, after it closes.
    later = admin.post(
        "/api/v1/allocation-rounds/", _round_body(plan, positions, opens=24), format="json"
    ).json()["id"]
    assert admin.post(f"/api/v1/allocation-rounds/{later}/open/").status_code == 200
    _refused(rank(positions[0], 1, later), 409, "round_not_open")
    past = admin.post(
        "/api/v1/allocation-rounds/",
        _round_body(plan, positions, opens=-48, closes=-1),
        format="json",
    )
    assert past.status_code == 201, past.content
    past_id = past.json()["id"]
    assert admin.post(f"/api/v1/allocation-rounds/{past_id}/open/").status_code == 200
    _refused(rank(positions[0], 1, past_id), 409, "round_closed")


@pytest.mark.parametrize("seed", range(12))
def test_random_rounds_reach_the_brute_force_optimum(seed):
    """Random small rounds (mixed kinds, shares, places taken by hand, first-year
    and female students, rejections and enterprise ranks), run by the service
    and published: the run's assignment scores as the brute-force optimum."""
    from allocation import services
    from tests.allocation.factories import make_round

    rng = random.Random(seed)
    major = MajorFactory()
    plan = make_plan(major=major)
    enterprises = [EnterpriseFactory(workforce=rng.choice([10, 20, 30, 500])) for _ in range(3)]
    positions = [
        PositionFactory(
            enterprise=rng.choice(enterprises),
            kind=rng.choice(["cognitive", "shadow", "post"]),
            capacity=rng.randint(1, 3),
            post_headcount=rng.choice([5, 10, 15, 100]),
            forbidden_to_women=rng.random() < 0.2,
        )
        for _ in range(rng.randint(3, 5))
    ]
    existing, existing_by_enterprise = {}, {}
    outsider = MajorFactory()
    for p in positions:
        if rng.random() < 0.3 and _places(p, existing.get(p.pk, 0)) > 0:
            room = int(Decimal("0.10") * p.enterprise.workforce)
            if p.kind in POSTED and existing_by_enterprise.get(p.enterprise_id, 0) >= room:
                continue
            PlacementFactory(position=p, student=StudentFactory(major=outsider))
            existing[p.pk] = existing.get(p.pk, 0) + 1
            if p.kind in POSTED:
                existing_by_enterprise[p.enterprise_id] = (
                    existing_by_enterprise.get(p.enterprise_id, 0) + 1
                )
    students = [
        StudentFactory(
            major=major,
            cohort=rng.choice([2024, 2024, 2025]),
            sex=rng.choice(["male", "female", ""]),
        )
        for _ in range(rng.randint(5, 7))
    ]
    round_ = make_round(positions=positions, plan=plan, max_choices=3)
    choices, rejected = {}, set()
    for student in students:
        for rank, position in enumerate(rng.sample(positions, rng.randint(0, 3)), start=1):
            application = services.application_create(
                round_=round_, student=student, position=position, rank=rank
            )
            erank = None
            if rng.random() < 0.15:
                application.enterprise_decision = "rejected"
                rejected.add((student.pk, position.pk))
            else:
                erank = rng.choice([None, 1, 2, 3])
                application.enterprise_rank = erank
            application.save()
            choices[(student.pk, position.pk)] = (rank, erank)
    round_ = services.round_run(round_=services.round_close(round_=round_))
    got = {a["student"]: a["position"] for a in round_.preview["assigned"]}
    best, best_key = brute_force(
        students, positions, choices, rejected, existing, existing_by_enterprise
    )
    max_erank = max((e or 0 for _r, e in choices.values()), default=0)
    got_key = (
        len(got),
        -sum(choices[pair][0] for pair in got.items()),
        -sum(choices[pair][1] or max_erank for pair in got.items()),
    )
    assert got_key == best_key, (got, best)
    services.round_publish(round_=round_)
    assert {
        p.student_id: p.position_id for p in Placement.objects.filter(student__in=students)
    } == got

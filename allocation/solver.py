"""The allocation run's optimisation: who goes where, and why the rest do not.

The problem is a min-cost flow (OR-tools' network simplex, not a loop of
ours): one unit of flow per student from the source, through one of the
positions the student ranked and the rules allow, through the position's
enterprise, to the sink; or straight to the sink as "unplaced".

    source -1-> student -rank cost-> position -places-> enterprise -share-> sink
                student ---------------- unplaced (cost M) --------------> sink

- A position's arc carries its places left: the vacancies not taken by
  planned or active placements, and never more than the post share allows.
- An enterprise's arc carries what its workforce share leaves.
- The costs make the objective lexicographic: first place as many students
  as possible (``M`` outweighs any sum of rank costs), then make the sum of
  the ranks the students got as small as possible, and only then prefer the
  applicants the enterprises ranked higher.

The module knows nothing of Django: the caller (``allocation.services``)
checks every student-level rule and passes the refusals in as ``blocked``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ortools.graph.python import min_cost_flow

# Why a ranked choice did not become the student's place.
POSITION_FULL = "position_full"
ENTERPRISE_SHARE_FULL = "enterprise_share_full"
POST_SHARE_FULL = "post_share_full"
REJECTED = "rejected_by_enterprise"
EXCLUDED = "excluded_by_administrator"
NO_CHOICES = "no_choices"


@dataclass(frozen=True)
class Choice:
    student: int
    position: int
    rank: int  # 1 = the student's first choice
    enterprise_rank: int | None = None  # 1 = the enterprise's favourite applicant


@dataclass(frozen=True)
class Position:
    id: int
    enterprise: int
    vacancies: int  # places left before the share rule
    post_share_room: int | None = None  # places the post share leaves; None: no limit

    @property
    def places(self) -> int:
        room = (
            self.vacancies
            if self.post_share_room is None
            else min(self.vacancies, self.post_share_room)
        )
        return max(room, 0)


@dataclass
class Problem:
    students: list[int]
    positions: list[Position]
    choices: list[Choice]
    # Room an enterprise's workforce share leaves; missing: no limit.
    enterprise_room: dict[int, int] = field(default_factory=dict)
    # (student, position) -> the reason the pair is not allowed (a rule code,
    # REJECTED or EXCLUDED). Such choices take no part in the flow.
    blocked: dict[tuple[int, int], str] = field(default_factory=dict)
    # student -> position the administrator fixed; they take their place first.
    pinned: dict[int, int] = field(default_factory=dict)


@dataclass
class Result:
    assigned: dict[int, tuple[int, int]]  # student -> (position, rank)
    unplaced: dict[int, list[tuple[int | None, str]]]  # student -> [(position, reason)]
    score: int  # the sum of the ranks of the assigned (lower is better)

    def rank_counts(self) -> dict[int, int]:
        """How many students got their first, second, ... choice."""
        return dict(sorted(Counter(rank for _, rank in self.assigned.values()).items()))


class PinError(ValueError):
    """A pinned assignment the rules or the places do not allow."""

    def __init__(self, student: int, position: int, reason: str):
        super().__init__(f"student {student} cannot be pinned to position {position}: {reason}")
        self.student, self.position, self.reason = student, position, reason


def solve(problem: Problem) -> Result:
    positions = {p.id: p for p in problem.positions}
    places = {p.id: p.places for p in problem.positions}
    enterprise_room = dict(problem.enterprise_room)
    ranks = {(c.student, c.position): c.rank for c in problem.choices}

    assigned: dict[int, tuple[int, int]] = {}
    for student, position_id in problem.pinned.items():
        reason = problem.blocked.get((student, position_id))
        position = positions.get(position_id)
        if position is None:
            reason = reason or POSITION_FULL
        elif reason is None and places[position_id] <= 0:
            reason = POSITION_FULL
        elif reason is None and enterprise_room.get(position.enterprise, 1) <= 0:
            reason = ENTERPRISE_SHARE_FULL
        if reason:
            raise PinError(student, position_id, reason)
        places[position_id] -= 1
        if position.enterprise in enterprise_room:
            enterprise_room[position.enterprise] -= 1
        assigned[student] = (position_id, ranks.get((student, position_id), 0))

    free = [s for s in dict.fromkeys(problem.students) if s not in assigned]
    open_choices = [
        c
        for c in problem.choices
        if c.student not in assigned
        and (c.student, c.position) not in problem.blocked
        and c.position in positions
    ]
    flow_assigned = _min_cost_flow(free, open_choices, positions, places, enterprise_room)
    assigned.update(flow_assigned)

    unplaced = {
        s: _reasons(s, problem, positions, places, enterprise_room, flow_assigned)
        for s in free
        if s not in assigned
    }
    score = sum(rank for _, rank in assigned.values())
    return Result(assigned=assigned, unplaced=unplaced, score=score)


def _min_cost_flow(students, choices, positions, places, enterprise_room):
    if not students:
        return {}
    max_rank = max((c.rank for c in choices), default=1)
    max_erank = max((c.enterprise_rank or 0 for c in choices), default=0)
    n = len(students)
    # Lexicographic weights: one rank step outweighs every enterprise-rank
    # difference, one more student placed outweighs every rank difference.
    rank_weight = n * (max_erank + 1) + 1
    unplaced_cost = n * (max_rank * rank_weight + max_erank) + 1

    index: dict[tuple[str, int], int] = {}

    def node(kind: str, key: int) -> int:
        return index.setdefault((kind, key), len(index))

    source, sink = node("source", 0), node("sink", 0)
    tails, heads, caps, costs = [], [], [], []

    def arc(tail: int, head: int, cap: int, cost: int) -> int:
        tails.append(tail)
        heads.append(head)
        caps.append(cap)
        costs.append(cost)
        return len(tails) - 1

    choice_arcs = []
    for s in students:
        arc(source, node("student", s), 1, 0)
        arc(node("student", s), sink, 1, unplaced_cost)
    for c in choices:
        cost = c.rank * rank_weight + (c.enterprise_rank or max_erank)
        student, position = node("student", c.student), node("position", c.position)
        choice_arcs.append((arc(student, position, 1, cost), c))
    used_positions = {c.position for c in choices}
    for pid in used_positions:
        enterprise = positions[pid].enterprise
        arc(node("position", pid), node("enterprise", enterprise), max(places[pid], 0), 0)
    for enterprise in {positions[pid].enterprise for pid in used_positions}:
        room = enterprise_room.get(enterprise, n)
        arc(node("enterprise", enterprise), sink, max(room, 0), 0)

    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    supplies = [0] * len(index)
    supplies[source], supplies[sink] = len(students), -len(students)
    flow.set_nodes_supplies(list(range(len(index))), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:  # cannot happen: the "unplaced" arcs always carry it
        raise RuntimeError(f"the allocation flow did not solve (status {status})")
    return {c.student: (c.position, c.rank) for a, c in choice_arcs if flow.flow(a)}


def _reasons(student, problem, positions, places, enterprise_room, flow_assigned):
    """Each of an unplaced student's choices, with what kept them out of it."""
    taken = Counter(position for position, _ in flow_assigned.values())
    taken_by_enterprise = Counter(positions[p].enterprise for p, _ in flow_assigned.values())
    reasons = []
    mine = sorted((c for c in problem.choices if c.student == student), key=lambda c: c.rank)
    for c in mine:
        blocked = problem.blocked.get((student, c.position))
        position = positions.get(c.position)
        if blocked:
            reasons.append((c.position, blocked))
        elif position is None:
            reasons.append((c.position, POSITION_FULL))
        elif (
            position.enterprise in enterprise_room
            and taken_by_enterprise[position.enterprise] >= enterprise_room[position.enterprise]
        ):
            reasons.append((c.position, ENTERPRISE_SHARE_FULL))
        elif (
            position.post_share_room is not None
            and position.post_share_room < position.vacancies
            and taken[c.position] >= places[c.position]
        ):
            reasons.append((c.position, POST_SHARE_FULL))
        else:
            reasons.append((c.position, POSITION_FULL))
    return reasons or [(None, NO_CHOICES)]


def first_come_first_served(problem: Problem, order: list[int]) -> Result:
    """The greedy allocation peers use, for comparison: students in ``order``
    (the order they applied) each take their best choice with a place left."""
    positions = {p.id: p for p in problem.positions}
    places = {p.id: p.places for p in problem.positions}
    room = dict(problem.enterprise_room)
    by_student: dict[int, list[Choice]] = {}
    for c in sorted(problem.choices, key=lambda c: c.rank):
        if (c.student, c.position) not in problem.blocked and c.position in positions:
            by_student.setdefault(c.student, []).append(c)
    assigned = {}
    for student in order:
        for c in by_student.get(student, []):
            enterprise = positions[c.position].enterprise
            if places[c.position] > 0 and room.get(enterprise, 1) > 0:
                places[c.position] -= 1
                if enterprise in room:
                    room[enterprise] -= 1
                assigned[student] = (c.position, c.rank)
                break
    unplaced = {s: [(None, POSITION_FULL)] for s in order if s not in assigned}
    return Result(assigned, unplaced, sum(rank for _, rank in assigned.values()))

"""The allocation run's optimisation, checked against an independent optimum.

networkx's max_flow_min_cost (its own network simplex, a different
implementation from OR-tools') gives the most students placed and, among
those assignments, the smallest sum of ranks: the objective the solver
promises. Every assignment is also checked against capacity, the shares,
the blocked pairs and the pins.
"""

import itertools
import random
from collections import Counter

import networkx as nx
import pytest

from allocation.solver import (
    ENTERPRISE_SHARE_FULL,
    EXCLUDED,
    NO_CHOICES,
    POSITION_FULL,
    POST_SHARE_FULL,
    REJECTED,
    Choice,
    PinError,
    Position,
    Problem,
    first_come_first_served,
    solve,
)


def independent_optimum(problem: Problem) -> tuple[int, int]:
    """(students placed, sum of their ranks) of an optimal assignment."""
    graph = nx.DiGraph()
    for s in problem.students:
        graph.add_edge("src", ("s", s), capacity=1, weight=0)
    for c in problem.choices:
        if (c.student, c.position) not in problem.blocked:
            graph.add_edge(("s", c.student), ("p", c.position), capacity=1, weight=c.rank)
    for p in problem.positions:
        graph.add_edge(("p", p.id), ("e", p.enterprise), capacity=p.places, weight=0)
        room = problem.enterprise_room.get(p.enterprise, len(problem.students))
        graph.add_edge(("e", p.enterprise), "sink", capacity=room, weight=0)
    flow = nx.max_flow_min_cost(graph, "src", "sink")
    placed = sum(flow["src"].values())
    cost = nx.cost_of_flow(graph, flow)
    return placed, cost


def assert_feasible(problem: Problem, result) -> None:
    positions = {p.id: p for p in problem.positions}
    ranks = {(c.student, c.position): c.rank for c in problem.choices}
    per_position = Counter(p for p, _ in result.assigned.values())
    per_enterprise = Counter(positions[p].enterprise for p, _ in result.assigned.values())
    for student, (position, rank) in result.assigned.items():
        assert (student, position) in ranks, "assigned to a position the student did not rank"
        assert ranks[(student, position)] == rank
        assert (student, position) not in problem.blocked
    for position, n in per_position.items():
        assert n <= positions[position].places
    for enterprise, n in per_enterprise.items():
        assert n <= problem.enterprise_room.get(enterprise, n)
    assert set(result.assigned) | set(result.unplaced) == set(problem.students)
    assert not set(result.assigned) & set(result.unplaced)


def random_problem(seed: int, students=12, positions=5, k=3) -> Problem:
    rng = random.Random(seed)
    ps = [
        Position(i, i % 3, rng.randint(0, 3), rng.choice([None, rng.randint(0, 3)]))
        for i in range(positions)
    ]
    choices = []
    for s in range(students):
        for r, p in enumerate(rng.sample(range(positions), k), 1):
            choices.append(Choice(s, p, r))
    blocked = {(c.student, c.position): "too_young" for c in choices if rng.random() < 0.15}
    room = {e: rng.randint(1, 5) for e in range(3) if rng.random() < 0.7}
    return Problem(list(range(students)), ps, choices, room, blocked)


@pytest.mark.parametrize("seed", range(40))
def test_the_assignment_is_optimal_and_lawful(seed):
    problem = random_problem(seed)
    result = solve(problem)
    assert_feasible(problem, result)
    assert (len(result.assigned), result.score) == independent_optimum(problem)


def test_collisions_are_resolved_for_the_whole_not_for_whoever_came_first():
    # Both want A first; only Bo can also go to B. The optimum sends Bo to B.
    a, b = Position(1, 10, 1), Position(2, 20, 1)
    problem = Problem(
        [1, 2],
        [a, b],
        [Choice(1, 1, 1), Choice(2, 1, 1), Choice(2, 2, 2)],
    )
    result = solve(problem)
    assert result.assigned == {1: (1, 1), 2: (2, 2)}
    greedy = first_come_first_served(problem, order=[2, 1])
    assert len(greedy.assigned) == 1  # student 2 took A, student 1 is left out


def test_enterprise_rankings_break_ties_only():
    p = Position(1, 10, 1)
    problem = Problem(
        [1, 2], [p], [Choice(1, 1, 1, enterprise_rank=2), Choice(2, 1, 1, enterprise_rank=1)]
    )
    assert solve(problem).assigned == {2: (1, 1)}
    # A better rank for the students outweighs the enterprise's preference.
    q = Position(2, 20, 1)
    problem = Problem(
        [1, 2],
        [p, q],
        [
            Choice(1, 1, 1, enterprise_rank=2),
            Choice(2, 1, 2, enterprise_rank=1),
            Choice(2, 2, 1),
        ],
    )
    assert solve(problem).assigned == {1: (1, 1), 2: (2, 1)}


def test_unplaced_students_are_told_why():
    full = Position(1, 10, 1)
    shared = Position(2, 20, 5, post_share_room=1)
    capped = Position(3, 30, 5)
    problem = Problem(
        students=[1, 2, 3, 4, 5],
        positions=[full, shared, capped],
        choices=[
            Choice(1, 1, 1),
            Choice(1, 2, 2),
            Choice(1, 3, 3),
            Choice(2, 1, 1),
            Choice(2, 2, 2),
            Choice(2, 3, 3),
            Choice(3, 3, 1),
            Choice(3, 1, 2),
            Choice(3, 2, 3),
            Choice(5, 1, 1),
            Choice(5, 2, 2),
        ],
        enterprise_room={30: 1},
        blocked={(2, 3): "outside_major", (1, 3): REJECTED, (3, 1): EXCLUDED},
    )
    result = solve(problem)
    assert_feasible(problem, result)
    assert len(result.assigned) == 3
    assert result.unplaced[4] == [(None, NO_CHOICES)]
    # Students 1, 2 and 5 compete for positions 1 and 2; whoever lost is told why.
    (loser,) = {1, 2, 5} - set(result.assigned)
    reasons = dict(result.unplaced[loser])
    assert reasons[1] == POSITION_FULL
    assert reasons[2] == POST_SHARE_FULL
    assert reasons.get(3) in {None, REJECTED, "outside_major"}
    # Student 3 got position 3, so the enterprise's share is used up.
    assert result.assigned[3] == (3, 1)


def test_enterprise_share_is_named_when_it_binds():
    problem = Problem(
        [1, 2],
        [Position(1, 10, 5)],
        [Choice(1, 1, 1), Choice(2, 1, 1)],
        enterprise_room={10: 1},
    )
    result = solve(problem)
    (unplaced,) = result.unplaced
    assert result.unplaced[unplaced] == [(1, ENTERPRISE_SHARE_FULL)]


def test_pins_take_their_place_first_and_bad_pins_are_refused():
    problem = Problem(
        [1, 2],
        [Position(1, 10, 1), Position(2, 20, 1)],
        [Choice(1, 1, 1), Choice(2, 1, 1), Choice(2, 2, 2), Choice(1, 2, 2)],
        pinned={2: 1},
    )
    result = solve(problem)
    assert result.assigned == {2: (1, 1), 1: (2, 2)}
    problem.pinned = {1: 1, 2: 1}
    with pytest.raises(PinError) as refused:
        solve(problem)
    assert refused.value.reason == POSITION_FULL
    problem.pinned = {1: 2}
    problem.blocked = {(1, 2): "too_young"}
    with pytest.raises(PinError):
        solve(problem)


def test_brute_force_agrees_on_tiny_problems():
    for seed in range(15):
        problem = random_problem(seed, students=5, positions=3, k=2)
        result = solve(problem)
        best = (0, 0)
        options = {
            s: [None]
            + [
                c
                for c in problem.choices
                if c.student == s and (s, c.position) not in problem.blocked
            ]
            for s in problem.students
        }
        positions = {p.id: p for p in problem.positions}
        for combo in itertools.product(*options.values()):
            picked = [c for c in combo if c]
            per_p = Counter(c.position for c in picked)
            per_e = Counter(positions[c.position].enterprise for c in picked)
            if any(n > positions[p].places for p, n in per_p.items()):
                continue
            if any(n > problem.enterprise_room.get(e, n) for e, n in per_e.items()):
                continue
            key = (len(picked), -sum(c.rank for c in picked))
            best = max(best, key)
        assert (len(result.assigned), -result.score) == best

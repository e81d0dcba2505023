"""Evaluations of a placement by the school and the enterprise."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.access import Role, enterprise_id_of, role_of
from common.exceptions import RuleError
from internships.models import Evaluation, Placement

SIDE_OF_ROLE = {Role.LIAISON: Evaluation.Side.ENTERPRISE, Role.TEACHER: Evaluation.Side.SCHOOL}


def _clean_scores(scores: dict) -> dict[str, int]:
    if not isinstance(scores, dict) or set(scores) != set(Evaluation.CRITERIA):
        raise RuleError(
            "scores_invalid",
            _("Give a score for each of: %(names)s.") % {"names": ", ".join(Evaluation.CRITERIA)},
            field="scores",
        )
    clean = {}
    for name in Evaluation.CRITERIA:
        value = scores[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
            raise RuleError(
                "scores_invalid",
                _("Each score is a whole number from 0 to 100 (%(name)s).") % {"name": name},
                field="scores",
            )
        clean[name] = value
    return clean


@transaction.atomic
def evaluation_save(
    *,
    placement: Placement,
    side: str,
    scores: dict,
    comment: str = "",
    author: User | None = None,
    evaluation: Evaluation | None = None,
) -> Evaluation:
    """Create or replace one side's evaluation of a placement.

    The liaison writes the enterprise side, the supervising teacher the
    school side; administrators either.
    """
    role = role_of(author) if author is not None else Role.ADMINISTRATOR
    if role != Role.ADMINISTRATOR and SIDE_OF_ROLE.get(role) != side:
        raise RuleError(
            "evaluation_side_not_allowed",
            _("You may only write the %(side)s side's evaluation.")
            % {"side": SIDE_OF_ROLE[role].label if role in SIDE_OF_ROLE else "-"},
            field="side",
            status=403,
        )
    if (role == Role.TEACHER and placement.supervisor_id != author.pk) or (
        role == Role.LIAISON and enterprise_id_of(author) != placement.enterprise_id
    ):
        raise RuleError(
            "evaluation_side_not_allowed",
            _("Only the supervising teacher and the enterprise's liaison evaluate a placement."),
            field="placement",
            status=403,
        )
    if side not in Evaluation.Side.values:
        raise RuleError("side_invalid", _("Unknown side."), field="side")
    if placement.status == Placement.Status.PLANNED:
        raise RuleError(
            "placement_not_started",
            _("A placement is evaluated once it has started."),
            field="placement",
        )
    clean = _clean_scores(scores)
    # Locking the placement serialises two first evaluations of one side.
    Placement.objects.select_for_update().filter(pk=placement.pk).first()
    same = Evaluation.objects.filter(placement=placement, side=side)
    if evaluation is None:
        if same.exists():
            raise RuleError(
                "evaluation_exists",
                _("This side has already evaluated this placement; edit that evaluation."),
                field="side",
            )
        evaluation = Evaluation(placement=placement, side=side)
    elif same.exclude(pk=evaluation.pk).exists():
        raise RuleError(
            "evaluation_exists",
            _("This side has already evaluated this placement; edit that evaluation."),
            field="side",
        )
    evaluation.placement, evaluation.side = placement, side
    for name, value in clean.items():
        setattr(evaluation, name, value)
    evaluation.comment = comment or ""
    evaluation.author = author
    evaluation.save()
    return evaluation

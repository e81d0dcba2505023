"""What activation asks of a placement's paperwork (registered with
internships/hooks.py): a follow-post or post placement needs its internship
agreement signed by every party, and no amendment waiting when it starts; an
organised post internship also its informed-consent form. A cognitive
placement needs neither.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from contracts.models import DocumentKind, InternshipAgreement
from internships.models import Placement, Position
from internships.policy import AGREEMENT_UNSIGNED, Failure

# The same code as internships.policy.CONSENT_MISSING, whose ARTICLES name its article.
CONSENT_MISSING = "consent_missing"


def paperwork_failures(placement: Placement) -> list[Failure]:
    kind = placement.position.kind
    if kind == Position.Kind.COGNITIVE:
        return []
    documents = list(
        InternshipAgreement.objects.filter(placement_id=placement.pk)
        .exclude(status=InternshipAgreement.Status.VOID)
        .values_list("kind", "status")
    )
    signed = {k for k, status in documents if status == InternshipAgreement.Status.SIGNED}
    waiting = {k for k, status in documents if status != InternshipAgreement.Status.SIGNED}
    failures = []
    if DocumentKind.INTERNSHIP_AGREEMENT not in signed:
        failures.append(
            Failure(
                AGREEMENT_UNSIGNED,
                _(
                    "The tripartite agreement (school, enterprise, student) must be signed "
                    "by every party."
                ),
            )
        )
    elif DocumentKind.AMENDMENT in waiting and placement.status == Placement.Status.PLANNED:
        failures.append(
            Failure(
                AGREEMENT_UNSIGNED,
                _("The amendment to the agreement must be signed by every party."),
            )
        )
    if kind == Position.Kind.POST and DocumentKind.INFORMED_CONSENT not in signed:
        failures.append(
            Failure(
                CONSENT_MISSING,
                _(
                    "A post internship needs the informed-consent form signed by the student "
                    "and the guardian."
                ),
            )
        )
    return failures

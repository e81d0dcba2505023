"""Helpers more than one section uses: the agreement's event log, a year's review row."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User

from partnerships.models import (
    AgreementEvent,
    AnnualReview,
    CooperationAgreement,
)


def _log(
    agreement: CooperationAgreement,
    kind: str,
    *,
    actor: User | None = None,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
) -> None:
    AgreementEvent.objects.create(
        agreement=agreement,
        kind=kind,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )


def _review_for(agreement: CooperationAgreement, due_on: date) -> tuple[AnnualReview, bool]:
    return AnnualReview.objects.get_or_create(
        agreement=agreement, year=due_on.year, defaults={"due_on": due_on}
    )

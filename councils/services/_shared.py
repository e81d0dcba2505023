"""Helpers more than one section uses: locking a committee."""

from __future__ import annotations

from councils.models import Committee


def _lock_committee(committee: Committee) -> Committee:
    return Committee.objects.select_for_update().get(pk=committee.pk)

"""Celery entry points: each takes ids (or a date), loads rows and calls one service."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(acks_late=True)
def statuses_roll_task(date: str | None = None) -> dict:
    """The daily beat job that rolls the agreement and review statuses."""
    from partnerships.services import statuses_roll

    today = dt.date.fromisoformat(date) if date else timezone.localdate()
    return statuses_roll(today=today)

"""The student's part of the home page: a way to today's card (registered in apps.py)."""

from __future__ import annotations

from accounts.access import Role

ROLES = (Role.STUDENT,)


def student_part(user) -> dict:
    return {"blocks": ["practice/home_student_block.html"]}

"""Campus integration in the demo: the staff numbers (工号) of the college's people.

With them, single sign-on and the WeCom/DingTalk links work for the demo
teachers as soon as a college's identity service or channel is configured;
students are matched by their student numbers already.
"""

from __future__ import annotations

from accounts.models import Profile

STAFF_NUMBERS = {"admin": "T0001", "teacher": "T0102", "teacher2": "T0103"}


def seed(rng, context) -> dict:
    users = context["users"]
    for key, number in STAFF_NUMBERS.items():
        Profile.objects.filter(user=users[key]).update(staff_number=number)
    return {}

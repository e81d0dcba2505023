"""Fill an empty database with a realistic demo college.

Each area has its part in ``demo/<area>.py``, all drawing names from
``demo/vocabulary.py``; this command runs them in dependency order and prints
the demo logins.
"""

from __future__ import annotations

import random

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import override_settings

from accounts.access import Role
from accounts.services import user_create
from demo import (
    allocation,
    campus,
    compliance,
    contracts,
    councils,
    groups,
    internships,
    partnerships,
    practice,
    records,
    vetting,
)
from demo.vocabulary import STAFF_LOGINS
from partnerships.models import Enterprise

DEMO_PASSWORD = "demo-pass-2026"
# In dependency order: internships need the enterprises and users, the
# councils and groups draw on both.
AREAS = [
    ("partnerships", partnerships),
    ("vetting", vetting),
    ("internships", internships),
    ("compliance", compliance),
    ("councils", councils),
    ("groups", groups),
    ("practice", practice),
    ("campus", campus),
    ("records", records),
    ("contracts", contracts),
    ("allocation", allocation),
]


class Command(BaseCommand):
    help = "Load demo data (a college, its partners, councils, groups, internships)."

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=150)
        parser.add_argument("--seed", type=int, default=2026, help="random seed")

    def handle(self, *args, **options):
        if Enterprise.objects.exists():
            self.stdout.write("Demo data is already present; nothing loaded.")
        else:
            self._load(options)
        self._print_logins()

    # Demo notifications are kept in the app; their e-mails are not printed.
    @override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
    @transaction.atomic
    def _load(self, options):
        rng = random.Random(options["seed"])
        context: dict = {"rng": rng, "password": DEMO_PASSWORD}
        for area, module in AREAS:
            if module is partnerships:
                context.update(module.seed(rng, enterprises=options["enterprises"]))
                context["users"] = self._users(context)
                # Agreements need their owners, so they follow the users.
                context.update(module.seed_agreements(rng, context) or {})
            else:
                context.update(module.seed(rng, context) or {})
            self.stdout.write(f"  {area}: loaded")

    def _users(self, context) -> dict[str, User]:
        active = [e for e in context["enterprises"] if e.status == "active"]
        users = {
            "admin": user_create(
                username="admin",
                password=DEMO_PASSWORD,
                role=Role.ADMINISTRATOR,
                email="admin@example.com",
                first_name=STAFF_LOGINS["admin"][0],
                last_name=STAFF_LOGINS["admin"][1],
            ),
            "teacher": user_create(
                username="teacher",
                password=DEMO_PASSWORD,
                role=Role.TEACHER,
                email="teacher@example.com",
                first_name=STAFF_LOGINS["teacher"][0],
                last_name=STAFF_LOGINS["teacher"][1],
            ),
            "teacher2": user_create(
                username="teacher2",
                password=DEMO_PASSWORD,
                role=Role.TEACHER,
                email="teacher2@example.com",
                first_name=STAFF_LOGINS["teacher2"][0],
                last_name=STAFF_LOGINS["teacher2"][1],
            ),
            "liaison": user_create(
                username="liaison",
                password=DEMO_PASSWORD,
                role=Role.LIAISON,
                email="liaison@example.com",
                enterprise=active[0],
            ),
            "liaison2": user_create(
                username="liaison2",
                password=DEMO_PASSWORD,
                role=Role.LIAISON,
                email="liaison2@example.com",
                enterprise=active[1],
            ),
            "reporter": user_create(
                username="reporter",
                password=DEMO_PASSWORD,
                role=Role.REPORTER,
                email="reporter@example.com",
            ),
        }
        return users

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for username, label in [
            ("admin", "administrator"),
            ("teacher", "teacher"),
            ("liaison", "enterprise liaison"),
            ("reporter", "reporter (API)"),
            ("student", "student (phone pages at /practice/me/)"),
        ]:
            self.stdout.write(f"  {username:<9} {label}")
        self.stdout.write("Open http://127.0.0.1:8000/ and sign in.")

"""Benchmark of the daily reminder job over a college-sized database.

Builds, in a scratch database of its own (``<DATABASE_URL name>_bench``,
dropped at the end), 10,000 active cooperation agreements with their pending
annual reviews, 200 committees with 2,000 members and 2,000 meetings (plus
2,000 action items), and 20,000 placements; then runs the daily job for one
day, in one process, exactly as the worker does (``reminders_send``), and
reports its time and query count. The e-mails are queued, not sent (a real
run hands them to the broker); their cost per e-mail is measured on a
sample afterwards. A second run of the same day shows the cost of a job that
finds everything already sent.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/partnership \\
        python bench/reminders.py [--scale 1.0]

``--scale 0.1`` builds a tenth of everything: comparing the two runs shows
that queries grow only with chunks of claims (CLAIM_CHUNK reminders per
insert), not with items. Results are in bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

TODAY = dt.date(2026, 12, 1)


def build(scale: float, rng: random.Random) -> dict[str, int]:
    from django.contrib.auth.models import Group, User
    from django.utils import timezone

    from accounts.access import Role
    from accounts.models import Profile
    from councils.models import ActionItem, Committee, Meeting, Membership
    from internships.models import Placement, Position, Student
    from partnerships.models import (
        AnnualReview,
        CooperationAgreement,
        Department,
        Enterprise,
        Major,
    )

    def n(count: int) -> int:
        return max(1, int(count * scale))

    day = dt.timedelta(days=1)
    groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    users = User.objects.bulk_create(
        [User(username=f"bench{i}", email=f"bench{i}@example.edu.cn") for i in range(n(1200))]
    )
    admins, staff, liaisons = users[:10], users[10:210], users[210:]
    Profile.objects.bulk_create([Profile(user=u) for u in users[:210]])
    through = User.groups.through
    through.objects.bulk_create(
        [through(user=u, group=groups[Role.ADMINISTRATOR]) for u in admins]
        + [through(user=u, group=groups[Role.TEACHER]) for u in staff]
        + [through(user=u, group=groups[Role.LIAISON]) for u in liaisons]
    )
    department = Department.objects.create(code="BENCH", name="Bench department")
    majors = Major.objects.bulk_create(
        [Major(code=f"B{i:04d}", name=f"Major {i}", department=department) for i in range(n(200))]
    )
    enterprises = Enterprise.objects.bulk_create(
        [Enterprise(name=f"Bench enterprise {i}", status="active") for i in range(n(1000))]
    )
    Profile.objects.bulk_create(
        [
            Profile(user=u, enterprise=enterprises[i % len(enterprises)])
            for i, u in enumerate(liaisons)
        ]
    )

    # Agreements end evenly over the next 4 years; reviews fall due evenly
    # over the year, some already overdue.
    agreements = CooperationAgreement.objects.bulk_create(
        [
            CooperationAgreement(
                number=f"B{i:06d}",
                title=f"Cooperation {i}",
                enterprise=enterprises[i % len(enterprises)],
                owner=staff[i % len(staff)],
                starts_on=TODAY - 400 * day,
                ends_on=TODAY + rng.randint(0, 4 * 365) * day,
                signed_on=TODAY - 400 * day,
                status="active",
            )
            for i in range(n(10_000))
        ],
        batch_size=2000,
    )
    AnnualReview.objects.bulk_create(
        [
            AnnualReview(agreement=a, year=2026, due_on=TODAY + rng.randint(-40, 365) * day)
            for a in agreements
        ],
        batch_size=2000,
    )

    committees = Committee.objects.bulk_create(
        [
            Committee(
                kind="steering",
                name=f"Steering committee {i}",
                major=majors[i % len(majors)],
                established_on=dt.date(2020, 9, 1),
            )
            for i in range(len(majors))
        ]
    )
    Membership.objects.bulk_create(
        [
            Membership(
                committee=c,
                name=f"Member {i}",
                affiliation="school",
                category="backbone_teacher",
                user=staff[(i * 7 + j) % len(staff)],
                term_start=dt.date(2024, 1, 1),
            )
            for i, c in enumerate(committees)
            for j in range(10)
        ],
        batch_size=2000,
    )
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(TODAY, dt.time(9), tzinfo=tz)
    meetings = Meeting.objects.bulk_create(
        [
            Meeting(
                # A tenth of the committees never meet: they are idle.
                committee=committees[i % (len(committees) - len(committees) // 10)],
                scheduled_at=start + rng.randint(-500, 60) * day,
                status="planned",
                location="Room 301",
            )
            for i in range(n(2000))
        ],
        batch_size=2000,
    )
    Meeting.objects.filter(scheduled_at__lt=start).update(status="held")
    ActionItem.objects.bulk_create(
        [
            ActionItem(
                meeting=meetings[i % len(meetings)],
                description=f"Follow-up {i}",
                owner=staff[i % len(staff)],
                due_on=TODAY + rng.randint(-60, 60) * day,
            )
            for i in range(n(2000))
        ],
        batch_size=2000,
    )

    positions = Position.objects.bulk_create(
        [
            Position(
                enterprise=enterprises[i % len(enterprises)],
                title=f"Post {i}",
                kind="post",
                capacity=1000,
                starts_on=TODAY - 400 * day,
                ends_on=TODAY + 400 * day,
            )
            for i in range(n(1000))
        ]
    )
    students = Student.objects.bulk_create(
        [
            Student(
                student_number=f"B{i:08d}",
                name=f"Student {i}",
                major=majors[i % len(majors)],
                cohort=2023,
                date_of_birth=dt.date(2005, 1, 1),
            )
            for i in range(n(20_000))
        ],
        batch_size=5000,
    )
    placements = []
    for i, student in enumerate(students):
        position = positions[i % len(positions)]
        starts = TODAY + rng.randint(-200, 100) * day
        ends = starts + rng.randint(60, 180) * day
        status = "planned" if starts > TODAY else ("active" if ends >= TODAY else "completed")
        insured = rng.random() < 0.7
        placements.append(
            Placement(
                student=student,
                position=position,
                enterprise_id=position.enterprise_id,
                supervisor=staff[i % len(staff)],
                starts_on=starts,
                ends_on=ends,
                status=status,
                agreement_signed=rng.random() < 0.8,
                insurance_policy="PICC" if insured else "",
                insurance_expires_on=ends if insured else None,
            )
        )
    Placement.objects.bulk_create(placements, batch_size=5000)
    return {
        "agreements": len(agreements),
        "reviews": len(agreements),
        "committees": len(committees),
        "meetings": len(meetings),
        "action items": n(2000),
        "placements": len(placements),
        "users": len(users),
    }


def measure(label: str) -> tuple[dict[str, int], float, list[dict]]:
    from notifications import services

    queued: list[int] = []
    with mock.patch.object(services, "_queue_reminder_emails", queued.extend):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            claimed = services.reminders_send(today=TODAY)
            elapsed = time.perf_counter() - started
    total = sum(claimed.values())
    print(f"\n{label}: {total} reminders claimed in {elapsed:.1f} s, {len(queries)} queries")
    for code, count in claimed.items():
        print(f"  {code:24} {count:7}")
    kinds = Counter(q["sql"].split()[0].upper() for q in queries.captured_queries)
    inserts = sum(
        1
        for q in queries.captured_queries
        if q["sql"].startswith("INSERT") and "notifications_reminderdelivery" in q["sql"][:80]
    )
    print(
        f"  statements: {dict(kinds)}; delivery inserts: {inserts}; e-mails queued: {len(queued)}"
    )
    return claimed, elapsed, queries.captured_queries


def measure_roll() -> None:
    from partnerships import services

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        done = services.statuses_roll(today=TODAY)
        elapsed = time.perf_counter() - started
    print(f"\nstatus roll: {done} in {elapsed:.1f} s, {len(queries)} queries")


def measure_emails(sample: int) -> None:
    from notifications import services
    from notifications.models import ReminderDelivery

    ids = list(
        ReminderDelivery.objects.filter(status="claimed").values_list("pk", flat=True)[:sample]
    )
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        for pk in ids:
            services.reminder_email_send(delivery_id=pk)
        elapsed = time.perf_counter() - started
    print(
        f"\ne-mails: {len(ids)} sent (locmem backend) in {elapsed:.1f} s, "
        f"{elapsed / max(1, len(ids)) * 1000:.1f} ms and {len(queries) / max(1, len(ids)):.1f} "
        "queries each"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--emails", type=int, default=500, help="e-mails to send as a sample")
    args = parser.parse_args()
    db = settings.DATABASES["default"]
    db.setdefault("TEST", {})["NAME"] = f"{Path(str(db['NAME'])).stem}_bench"
    print(f"database: {connection.vendor}, scratch {db['TEST']['NAME']}")
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        sizes = build(args.scale, random.Random(2026))
        print(f"built {sizes} in {time.perf_counter() - started:.1f} s")
        measure_roll()
        measure("first run")
        measure("second run, same day")
        measure_emails(args.emails)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()

"""Benchmark of the summary and the annual report on a large data set.

    DATABASE_URL=postgres://.../reports_bench python bench/reports_bench.py
    python bench/reports_bench.py            # a SQLite file in /tmp

Builds 500 enterprises, 3,000 agreements, 50,000 students and 100,000
placements (plus reviews, committees, meetings and groups) with bulk inserts
into a dedicated, empty database, then measures in one run:

- the summary (``reports.summary.summary_for_year``) against hand-written SQL
  of the same figures on the same database (one statement for the scalar
  figures, one for the per-group figures), checking that both give the same
  numbers; target: the summary within 1.5 times the hand-written SQL;
- the annual report as XLSX for an administrator, with its 100,000 placement
  rows, in a separate process so its peak memory is its own; target: under 30
  seconds and 300 MB.

The database must be empty (the script refuses otherwise, so it never mixes
its rows into real data); ``--reuse`` measures again on data it built before.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "sqlite:////tmp/reports-bench.sqlite3"
YEAR = 2025
SIZES = {"enterprises": 500, "agreements": 3000, "students": 50_000, "placements": 100_000}


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()


def build(rng: random.Random) -> None:
    from django.contrib.auth.models import User

    from councils.models import Committee, Meeting
    from groups.models import (
        EducationGroup,
        GroupMember,
        GroupTarget,
        ResearchProject,
        SharedResource,
    )
    from internships.models import Placement, Position, Student
    from partnerships.models import (
        AnnualReview,
        CooperationAgreement,
        Department,
        Enterprise,
        Major,
    )

    D = datetime.date
    batch = 5000
    owner = User.objects.create_user("bench-owner", password=None, is_superuser=True)
    department = Department.objects.create(code="B01", name="基准学院")
    majors = Major.objects.bulk_create(
        Major(code=f"B{n:04d}", name=f"基准专业{n}", department=department) for n in range(60)
    )
    industries = ["装备制造", "物流", "信息技术", "化工", "汽车", "电子", "建筑", "旅游"]
    enterprises = Enterprise.objects.bulk_create(
        (
            Enterprise(
                name=f"基准企业{n:04d}有限公司",
                industry=rng.choice(industries),
                size=rng.choice(["large", "medium", "small", "micro"]),
                city="沈阳",
                workforce=rng.randint(50, 5000),
                status=rng.choice(["active"] * 4 + ["prospect", "dormant"]),
            )
            for n in range(SIZES["enterprises"])
        ),
        batch_size=batch,
    )
    statuses = ["active"] * 6 + ["expired"] * 2 + ["terminated", "draft"]
    agreements = []
    for n in range(SIZES["agreements"]):
        starts = D(rng.randint(2020, 2025), rng.randint(1, 12), rng.randint(1, 28))
        agreements.append(
            CooperationAgreement(
                number=f"BENCH-{n:05d}",
                title=f"基准协议{n}",
                enterprise=rng.choice(enterprises),
                depth=rng.choice(["deep", "middle", "middle", "shallow"]),
                starts_on=starts,
                ends_on=starts.replace(year=starts.year + 3),
                signed_on=starts,
                status=rng.choice(statuses),
                owner=owner,
                school_investment=Decimal(rng.randint(0, 500_000)),
                enterprise_investment=Decimal(rng.randint(0, 900_000)),
            )
        )
    agreements = CooperationAgreement.objects.bulk_create(agreements, batch_size=batch)
    through = CooperationAgreement.majors.through
    through.objects.bulk_create(
        (
            through(cooperationagreement_id=a.pk, major_id=m.pk)
            for a in agreements
            for m in rng.sample(majors, rng.randint(1, 2))
        ),
        batch_size=batch,
    )
    AnnualReview.objects.bulk_create(
        (
            AnnualReview(
                agreement=a,
                year=YEAR,
                due_on=D(YEAR, a.starts_on.month, a.starts_on.day),
                status=rng.choice(["pending", "submitted", "approved", "approved"]),
                talent_training=rng.randint(1, 5),
                research=rng.randint(1, 5),
                order_class_students=rng.randint(0, 40),
                courses_developed=rng.randint(0, 3),
                part_time_teachers=rng.randint(0, 8),
                service_income=Decimal(rng.randint(0, 100_000)),
                training_person_days=rng.randint(0, 300),
            )
            for a in agreements
            if a.status != "draft" and a.starts_on.year < YEAR
        ),
        batch_size=batch,
    )
    committees = [Committee(kind="council", name="基准理事会", established_on=D(2018, 1, 1))]
    committees += [
        Committee(kind="steering", name=f"专指委{m.code}", major=m, established_on=D(2019, 1, 1))
        for m in majors
    ]
    committees = Committee.objects.bulk_create(committees)
    tz = datetime.timezone(datetime.timedelta(hours=8))
    Meeting.objects.bulk_create(
        Meeting(
            committee=rng.choice(committees),
            kind="regular",
            scheduled_at=datetime.datetime(
                rng.choice([2024, 2025]), rng.randint(1, 12), rng.randint(1, 28), 9, tzinfo=tz
            ),
            status=rng.choice(["held", "held", "planned", "cancelled"]),
        )
        for _ in range(150)
    )
    groups = EducationGroup.objects.bulk_create(
        EducationGroup(
            name=f"基准职教集团{n}",
            founded_on=D(2015, 1, 1),
            internship_target=2000,
            employment_target=500,
        )
        for n in range(5)
    )
    GroupTarget.objects.bulk_create(
        GroupTarget(group=g, year=YEAR, internships=3000, employment=600) for g in groups[:3]
    )
    GroupMember.objects.bulk_create(
        GroupMember(
            group=g,
            kind="enterprise",
            enterprise=e,
            name=e.name,
            joined_on=D(rng.randint(2014, 2025), 3, 1),
            left_on=rng.choice([None, None, None, D(2025, 6, 30)]),
        )
        for g in groups
        for e in rng.sample(enterprises, 100)
    )
    SharedResource.objects.bulk_create(
        SharedResource(group=rng.choice(groups), kind="textbook", title=f"教材{n}", year=YEAR)
        for n in range(200)
    )
    ResearchProject.objects.bulk_create(
        ResearchProject(
            group=rng.choice(groups),
            title=f"课题{n}",
            started_on=D(YEAR, rng.randint(1, 12), 1),
            patents=rng.randint(0, 3),
            technical_improvements=rng.randint(0, 3),
            achievements=rng.randint(0, 2),
        )
        for n in range(50)
    )
    students = Student.objects.bulk_create(
        (
            Student(
                student_number=f"B{n:08d}",
                name=f"学生{n}",
                major=rng.choice(majors),
                cohort=rng.choice([2022, 2023, 2024]),
                date_of_birth=D(2004, 1, 1),
            )
            for n in range(SIZES["students"])
        ),
        batch_size=batch,
    )
    positions = Position.objects.bulk_create(
        Position(
            enterprise=e,
            title=f"岗位{e.pk}-{k}",
            kind=k,
            capacity=1000,
            starts_on=D(2024, 1, 1),
            ends_on=D(2026, 12, 31),
        )
        for e in enterprises
        for k in ("cognitive", "shadow", "post", "post")
    )
    placements = []
    for _ in range(SIZES["placements"]):
        position = rng.choice(positions)
        starts = D(YEAR, rng.randint(1, 12), rng.randint(1, 28))
        ends = starts + datetime.timedelta(days=rng.randint(14, 180))
        placements.append(
            Placement(
                student=rng.choice(students),
                position=position,
                enterprise_id=position.enterprise_id,
                starts_on=starts,
                ends_on=ends,
                status=rng.choice(["active", "completed", "completed", "planned", "terminated"]),
                hired=rng.choice(["yes", "no", "unknown"]),
            )
        )
    Placement.objects.bulk_create(placements, batch_size=batch)


SCALAR_SQL = """
SELECT
 (SELECT COUNT(*) FROM partnerships_enterprise WHERE status = 'active'),
 (SELECT COUNT(*) FROM partnerships_cooperationagreement a WHERE {in_force}),
 (SELECT COUNT(*) FROM partnerships_cooperationagreement a WHERE {in_force} AND a.depth = 'deep'),
 (SELECT COUNT(*) FROM partnerships_cooperationagreement a
   WHERE {in_force} AND a.depth = 'middle'),
 (SELECT COUNT(*) FROM partnerships_cooperationagreement a
   WHERE {in_force} AND a.depth = 'shallow'),
 (SELECT COUNT(*) FROM partnerships_major m WHERE NOT EXISTS (
   SELECT 1 FROM partnerships_cooperationagreement_majors am
   JOIN partnerships_cooperationagreement a ON a.id = am.cooperationagreement_id
   WHERE am.major_id = m.id AND a.depth = 'deep' AND {in_force})),
 (SELECT COUNT(*) FROM partnerships_annualreview WHERE year = %(year)s),
 (SELECT COUNT(*) FROM partnerships_annualreview WHERE year = %(year)s AND status = 'approved'),
 (SELECT COUNT(*) FROM councils_committee c WHERE c.status = 'active' AND NOT EXISTS (
   SELECT 1 FROM councils_meeting mt WHERE mt.committee_id = c.id AND mt.status = 'held'
   AND mt.scheduled_at >= %(start)s AND mt.scheduled_at < %(end)s)),
 (SELECT COUNT(DISTINCT p.student_id) FROM internships_placement p WHERE {placed}),
 (SELECT COUNT(*) FROM internships_placement p
   JOIN internships_position pos ON pos.id = p.position_id
   WHERE {placed} AND pos.kind = 'cognitive'),
 (SELECT COUNT(*) FROM internships_placement p
   JOIN internships_position pos ON pos.id = p.position_id
   WHERE {placed} AND pos.kind = 'shadow'),
 (SELECT COUNT(*) FROM internships_placement p
   JOIN internships_position pos ON pos.id = p.position_id
   WHERE {placed} AND pos.kind = 'post'),
 (SELECT COUNT(*) FROM internships_placement p WHERE {completed}),
 (SELECT COUNT(*) FROM internships_placement p WHERE {completed} AND p.hired = 'yes')
""".format(
    in_force="a.status IN ('active', 'expired') AND a.starts_on <= %(last)s "
    "AND a.ends_on >= %(first)s",
    placed="p.status IN ('active', 'completed') AND p.starts_on <= %(last)s "
    "AND p.ends_on >= %(first)s",
    completed="p.status = 'completed' AND p.ends_on >= %(first)s AND p.ends_on <= %(last)s",
)

GROUP_SQL = """
SELECT g.id,
 (SELECT COUNT(DISTINCT p.id) FROM groups_groupmember gm
   JOIN internships_placement p ON p.enterprise_id = gm.enterprise_id
   WHERE gm.group_id = g.id AND gm.kind = 'enterprise'
   AND p.status IN ('active', 'completed')
   AND p.starts_on >= %(first)s AND p.starts_on <= %(last)s
   AND p.starts_on >= gm.joined_on AND (gm.left_on IS NULL OR gm.left_on >= p.starts_on)),
 COALESCE((SELECT t.internships FROM groups_grouptarget t
   WHERE t.group_id = g.id AND t.year = %(year)s), g.internship_target),
 (SELECT COUNT(DISTINCT p.id) FROM groups_groupmember gm
   JOIN internships_placement p ON p.enterprise_id = gm.enterprise_id
   WHERE gm.group_id = g.id AND gm.kind = 'enterprise' AND p.hired = 'yes'
   AND p.ends_on >= %(first)s AND p.ends_on <= %(last)s
   AND p.ends_on >= gm.joined_on AND (gm.left_on IS NULL OR gm.left_on >= p.ends_on)),
 COALESCE((SELECT t.employment FROM groups_grouptarget t
   WHERE t.group_id = g.id AND t.year = %(year)s), g.employment_target),
 (SELECT COUNT(*) FROM groups_sharedresource r WHERE r.group_id = g.id AND r.year = %(year)s),
 (SELECT COALESCE(SUM(rp.patents), 0) FROM groups_researchproject rp
   WHERE rp.group_id = g.id AND rp.started_on >= %(first)s AND rp.started_on <= %(last)s),
 (SELECT COALESCE(SUM(rp.technical_improvements), 0) FROM groups_researchproject rp
   WHERE rp.group_id = g.id AND rp.started_on >= %(first)s AND rp.started_on <= %(last)s),
 (SELECT COALESCE(SUM(rp.achievements), 0) FROM groups_researchproject rp
   WHERE rp.group_id = g.id AND rp.started_on >= %(first)s AND rp.started_on <= %(last)s)
FROM groups_educationgroup g ORDER BY g.name, g.id
"""


def hand_written(year: int) -> dict:
    from django.db import connection
    from django.utils import timezone

    tz = timezone.get_current_timezone()
    params = {
        "year": year,
        "first": datetime.date(year, 1, 1),
        "last": datetime.date(year, 12, 31),
        "start": datetime.datetime(year, 1, 1, tzinfo=tz),
        "end": datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    }
    with connection.cursor() as cursor:
        cursor.execute(SCALAR_SQL, params)
        row = cursor.fetchone()
        cursor.execute(GROUP_SQL, params)
        groups = cursor.fetchall()
    keys = ["internships", "internship_target", "hires", "employment_target", "resources"]
    keys += ["patents", "technical_improvements", "achievements"]
    return {
        "enterprises_active": row[0],
        "agreements_active": row[1],
        "agreements_by_depth": {"deep": row[2], "middle": row[3], "shallow": row[4]},
        "majors_without_deep_partner": row[5],
        "reviews_due": row[6],
        "reviews_completed": row[7],
        "committees_without_meeting": row[8],
        "students_placed": row[9],
        "placements_by_kind": {"cognitive": row[10], "shadow": row[11], "post": row[12]},
        "placements_completed": row[13],
        "placements_hired": row[14],
        "groups": [dict(zip(["id", *keys], map(int, g), strict=True)) for g in groups],
    }


def timed(fn, runs: int) -> tuple[float, object]:
    fn()  # warm the caches once
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss survives exec on Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate_xlsx() -> None:
    """Child process: the annual XLSX for an administrator; prints time and peak memory."""
    from django.contrib.auth.models import User

    from reports.models import Report
    from reports.services import report_generate

    before = peak_memory_mb()
    user = User.objects.get(username="bench-owner")
    report = Report.objects.create(kind="annual", year=YEAR, format="xlsx", requested_by=user)
    start = time.perf_counter()
    report = report_generate(report_id=report.pk)
    seconds = time.perf_counter() - start
    peak = peak_memory_mb()
    print(
        json.dumps(
            {
                "status": report.status,
                "error": report.error,
                "seconds": round(seconds, 2),
                "peak_mb": round(peak, 1),
                "start_mb": round(before, 1),
                "bytes": report.file.size if report.file else 0,
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--reuse", action="store_true", help="measure again on built data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--xlsx-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    # Files go to a temporary media root, never the project's.
    os.environ.setdefault("MEDIA_ROOT", "/tmp/reports-bench-media")
    setup_django(args.database_url)
    if args.xlsx_child:
        generate_xlsx()
        return 0

    from django.core.management import call_command

    from partnerships.models import Enterprise
    from reports.summary import summary_for_year

    call_command("migrate", verbosity=0)
    if Enterprise.objects.exists() and not args.reuse:
        print("The database is not empty; give an empty one, or --reuse for built data.")
        return 2
    if not args.reuse:
        start = time.perf_counter()
        build(random.Random(2025))
        print(f"built the data set in {time.perf_counter() - start:.1f} s")
    # Fresh planner statistics, as a database in service has (autovacuum would
    # gather them a little later); without them both sides get poor plans.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    def ours():
        return summary_for_year(user=None, year=YEAR)

    summary_s, summary = timed(ours, args.runs)
    sql_s, expected = timed(lambda: hand_written(YEAR), args.runs)
    mismatches = {
        key: (summary[key], value)
        for key, value in expected.items()
        if key != "groups" and summary[key] != value
    }
    groups = [{k: g[k] for k in expected["groups"][0]} for g in summary["groups"]]
    if groups != expected["groups"]:
        mismatches["groups"] = "differ"
    ratio = summary_s / sql_s
    print(f"summary: {summary_s * 1000:.1f} ms, hand-written SQL: {sql_s * 1000:.1f} ms")
    print(f"ratio {ratio:.2f} (target <= 1.5) {'OK' if ratio <= 1.5 else 'OVER'}")
    print("figures agree" if not mismatches else f"figures DIFFER: {mismatches}")

    child = subprocess.run(
        [sys.executable, __file__, "--database-url", args.database_url, "--xlsx-child"],
        capture_output=True,
        text=True,
        check=False,
    )
    if child.returncode:
        print(child.stderr[-2000:])
        return 1
    xlsx = json.loads(child.stdout.strip().splitlines()[-1])
    ok = xlsx["status"] == "done" and xlsx["seconds"] < 30 and xlsx["peak_mb"] < 300
    print(
        f"annual XLSX: {xlsx['status']} in {xlsx['seconds']} s, peak {xlsx['peak_mb']} MB "
        f"(process start {xlsx['start_mb']} MB), {xlsx['bytes']} bytes "
        f"(targets < 30 s, < 300 MB) {'OK' if ok else 'OVER'}"
    )
    return 0 if ok and ratio <= 1.5 and not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())

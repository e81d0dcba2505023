"""The quality report's school-enterprise cooperation indicators (质量年报).

Figures only, computed from the cooperation records for an academic or a
calendar year; the headings and labels are the Chinese the annual quality
report uses, whatever the reader's language. docs/filings.md defines each.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils import timezone

from reports.periods import academic_name, period_range
from reports.summary import rate
from reports.tables import Column, ColumnType, Document, Share, Table

from .cooperation_table import to_wan

TXT, INT, DEC, PCT = ColumnType.TEXT, ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.PERCENT
CENT = Decimal("0.01")


def _average(total: Decimal, count: int) -> Decimal | None:
    return (Decimal(total) / count).quantize(CENT, ROUND_HALF_UP) if count else None


def graduation_year(year: int, academic: bool) -> int:
    """The graduates of an academic year leave in its second calendar year."""
    return year + 1 if academic else year


def indicators(year: int, academic: bool) -> dict:
    """Every indicator and the per-major rows, as plain values (hand-checkable)."""
    from partnerships.models import Major
    from records.models import (
        CertificatePass,
        Employment,
        OrderClass,
        PartTimeTeacher,
        Teacher,
        TrainingBase,
        TrainingBaseYear,
    )

    first, last = period_range(year, academic)
    if academic:
        terms = Q(academic_year=year)
    else:
        terms = Q(academic_year=year, term=PartTimeTeacher.Term.AUTUMN) | Q(
            academic_year=year - 1, term=PartTimeTeacher.Term.SPRING
        )
    part_time = list(
        PartTimeTeacher.objects.filter(terms).values_list(
            "enterprise_id", "name", "hours", "major_id"
        )
    )
    people = {(e, PartTimeTeacher.person(n)) for e, n, _h, _m in part_time}
    hours = sum(h for _e, _n, h, _m in part_time)

    equipment = TrainingBaseYear.objects.filter(
        year=year, base__location=TrainingBase.Location.ON_CAMPUS
    ).values_list("equipment_donated", "equipment_provided")
    donated = sum((d for d, _p in equipment), Decimal("0"))
    provided = sum((p for _d, p in equipment), Decimal("0"))

    teachers = list(Teacher.objects.values_list("dual_qualified", "certified_on"))
    dual = sum(1 for q, on in teachers if q and (on is None or on <= last))

    passes = CertificatePass.objects.filter(passed_on__range=(first, last))
    pass_rows = list(passes.values_list("certificate__code", "certificate__name", "student_id"))
    by_certificate: dict[tuple[str, str], set] = defaultdict(set)
    for code, name, student in pass_rows:
        by_certificate[(code, name)].add(student)

    apprentices = set(
        OrderClass.objects.filter(
            kind=OrderClass.Kind.APPRENTICESHIP,
            starts_on__lte=last,
            ends_on__gte=first,
            students__isnull=False,
        ).values_list("students", flat=True)
    )
    apprentice_classes = OrderClass.objects.filter(
        kind=OrderClass.Kind.APPRENTICESHIP, starts_on__lte=last, ends_on__gte=first
    ).count()

    graduates = list(
        Employment.objects.filter(graduation_year=graduation_year(year, academic)).values_list(
            "student__major_id", "employer_id", "employer_name", "starting_salary", "relevant"
        )
    )
    per_major: dict[int, dict] = defaultdict(
        lambda: {"graduates": 0, "employed": 0, "paid": 0, "pay": Decimal("0"), "relevant": 0}
    )
    for major, employer, employer_name, salary, relevant in graduates:
        row = per_major[major]
        row["graduates"] += 1
        if employer or (employer_name or "").strip():
            row["employed"] += 1
            row["relevant"] += 1 if relevant else 0
            if salary is not None:
                row["paid"] += 1
                row["pay"] += salary
    hours_by_major: dict[int | None, int] = defaultdict(int)
    for _e, _n, h, major in part_time:
        hours_by_major[major] += h
    total = {k: sum(r[k] for r in per_major.values()) for k in ("graduates", "employed", "paid")}
    total_pay = sum((r["pay"] for r in per_major.values()), Decimal("0"))
    total_relevant = sum(r["relevant"] for r in per_major.values())
    # A major is listed for its graduates or its part-time teachers' hours.
    listed = (set(per_major) | set(hours_by_major)) - {None}
    majors = {m.pk: m for m in Major.objects.filter(pk__in=listed)}
    return {
        "part_time_teachers": len(people),
        "part_time_hours": hours,
        "part_time_hours_average": _average(Decimal(hours), len(people)),
        "equipment_donated": to_wan(donated),
        "equipment_provided": to_wan(provided),
        "equipment_total": to_wan(donated + provided),
        "teachers": len(teachers),
        "dual_qualified": dual,
        "dual_qualified_share": rate(dual, len(teachers)),
        "certificates_passed": len(pass_rows),
        "certificate_students": len({s for _c, _n, s in pass_rows}),
        "certificates": sorted((code, name, len(s)) for (code, name), s in by_certificate.items()),
        "apprentices": len(apprentices),
        "apprentice_classes": apprentice_classes,
        "graduates": total["graduates"],
        "employed": total["employed"],
        "employment_rate": rate(total["employed"], total["graduates"]),
        "starting_pay": _average(total_pay, total["paid"]),
        "relevance": rate(total_relevant, total["employed"]),
        "majors": [
            (
                majors[m].name,
                r["graduates"],
                r["employed"],
                rate(r["employed"], r["graduates"]),
                _average(r["pay"], r["paid"]),
                rate(r["relevant"], r["employed"]),
                hours_by_major.get(m, 0),
            )
            for m, r in sorted(
                ((m, per_major[m]) for m in listed), key=lambda i: (majors[i[0]].code, i[0])
            )
        ],
    }


def quality_indicators_document(report) -> Document:
    found = indicators(report.year, report.academic)
    period = f"{academic_name(report.year)}学年" if report.academic else f"{report.year}年"
    value = [Column("indicator", "指标", TXT), Column("value", "数值", TXT)]

    def show(x):
        # Numbers stay numbers (a spreadsheet's cells, formatted by type); a
        # rate is a Share, shown as a percentage.
        if x is None:
            return "—"
        if isinstance(x, float):
            return Share(x)
        return x

    overview = Table(
        "indicators",
        "一、校企合作主要指标",
        value,
        [
            ("企业兼职教师数（人）", show(found["part_time_teachers"])),
            ("企业兼职教师年授课课时总数（课时）", show(found["part_time_hours"])),
            ("企业兼职教师人均年授课课时（课时）", show(found["part_time_hours_average"])),
            ("企业提供的校内实践教学设备值（万元）", show(found["equipment_total"])),
            ("　其中：捐赠（万元）", show(found["equipment_donated"])),
            ("　　　　准捐赠（万元）", show(found["equipment_provided"])),
            ("专任教师数（人）", show(found["teachers"])),
            ("双师型教师数（人）", show(found["dual_qualified"])),
            ("双师型教师比例", show(found["dual_qualified_share"])),
            ("1+X证书获取人次", show(found["certificates_passed"])),
            ("1+X证书获取学生数（人）", show(found["certificate_students"])),
            ("现代学徒制试点班数（个）", show(found["apprentice_classes"])),
            ("现代学徒制参与学生数（人）", show(found["apprentices"])),
            ("毕业生数（人）", show(found["graduates"])),
            ("就业人数（人）", show(found["employed"])),
            ("毕业去向落实率", show(found["employment_rate"])),
            ("毕业半年后月均起薪（元）", show(found["starting_pay"])),
            ("毕业半年后专业相关度", show(found["relevance"])),
        ],
    )
    certificates = Table(
        "certificates",
        "二、1+X职业技能等级证书获取情况",
        [
            Column("code", "证书代码", TXT),
            Column("name", "证书名称", TXT),
            Column("students", "获证人数（人）", INT),
        ],
        found["certificates"],
        chart="students",
    )
    majors = Table(
        "majors",
        "三、分专业就业质量",
        [
            Column("major", "专业", TXT),
            Column("graduates", "毕业生数（人）", INT),
            Column("employed", "就业人数（人）", INT),
            Column("rate", "毕业去向落实率", PCT),
            Column("pay", "月均起薪（元）", DEC),
            Column("relevance", "专业相关度", PCT),
            Column("hours", "兼职教师授课课时", INT),
        ],
        found["majors"],
        chart="rate",
    )
    return Document(
        title=f"{period}质量年度报告·校企合作指标",
        kind=report.kind,
        year=report.year,
        generated_at=timezone.localtime(),
        tables=[overview, certificates, majors],
        intro=[
            f"本节统计{period}（{period_range(report.year, report.academic)[0]:%Y年%m月%d日}至"
            f"{period_range(report.year, report.academic)[1]:%Y年%m月%d日}）校企合作相关指标，"
            "数据来自平台记录的合作台账。"
        ],
    )

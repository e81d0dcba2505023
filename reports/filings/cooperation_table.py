"""The 产学合作 table of the status-data collection, for an academic year.

Two layouts: the current data standard (one row per major × enterprise, with
the college code, the partner's credit code, the cooperation start, a stable
row id and the collection time) and the legacy per-major table (each major's
rows summed, with the equipment and training columns). The headers are the
official Chinese ones in the official order, whatever the reader's language.
docs/filings.md defines every column.

Every figure is computed from the cooperation records by ``collect``, which
also keeps, for each cell, the rows it counts: the drill-down page shows
exactly those, so a cell can always be traced back. A fixed number of queries
whatever the amount of data.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from reports.periods import academic_name, period_range
from reports.tables import Column, ColumnType, Document, Table

# Money is filed in 万元 (10,000 CNY), to two decimals as the platform takes it.
WAN = Decimal("10000")
WAN_PLACES = Decimal("0.01")

# The figures, in the order both layouts list them.
PEOPLE = ("order_class_students", "part_time_teachers", "interns_accepted", "graduates_employed")
ITEMS = ("courses_developed", "textbooks_developed")
MONEY = ("equipment_donated", "equipment_provided", "service_income")
SUMS = ("training_person_days",)
FIGURES = (
    "order_class_students",
    "courses_developed",
    "textbooks_developed",
    "part_time_teachers",
    "interns_accepted",
    "graduates_employed",
    "equipment_donated",
    "equipment_provided",
    "service_income",
    "training_person_days",
)

INT, DEC, TXT = ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.TEXT

# The current data standard: per major × enterprise.
STANDARD_COLUMNS = (
    Column("college_code", "学校代码", TXT),
    Column("major_code", "专业代码", TXT),
    Column("major_name", "专业名称", TXT),
    Column("credit_code", "合作企业统一社会信用代码", TXT),
    Column("enterprise_name", "合作企业名称", TXT),
    Column("started", "合作开始年月", TXT),
    Column("order_class_students", "订单培养数（人）", INT),
    Column("courses_developed", "共同开发课程数（门）", INT),
    Column("textbooks_developed", "共同开发教材数（种）", INT),
    Column("part_time_teachers", "支持兼职教师数（人）", INT),
    Column("interns_accepted", "接受顶岗实习学生数（人）", INT),
    Column("graduates_employed", "接受毕业生就业数（人）", INT),
    Column("service_income", "学校为企业技术服务年收入（万元）", DEC),
    Column("row_id", "唯一标识", TXT),
    Column("collected_at", "采集时间", TXT),
)

# The legacy table: per major, the enterprises counted.
LEGACY_COLUMNS = (
    Column("major_code", "专业代码", TXT),
    Column("major_name", "专业名称", TXT),
    Column("enterprises", "合作企业总数（个）", INT),
    Column("order_class_students", "订单培养数（人）", INT),
    Column("courses_developed", "共同开发课程数（门）", INT),
    Column("textbooks_developed", "共同开发教材数（种）", INT),
    Column("part_time_teachers", "支持兼职教师数（人）", INT),
    Column("interns_accepted", "接受顶岗实习学生数（人）", INT),
    Column("equipment_donated", "对学校捐赠设备总值（万元）", DEC),
    Column("equipment_provided", "对学校准捐赠设备总值（万元）", DEC),
    Column("graduates_employed", "接受毕业生就业数（人）", INT),
    Column("service_income", "学校为企业技术服务年收入（万元）", DEC),
    Column("training_person_days", "学校为企业年培训员工数（人日）", INT),
)

# Source kinds a cell counts (the drill-down's sections, and the fix links).
SOURCE_MODELS = {
    "order_class": ("records", "OrderClass"),
    "course": ("records", "CourseDevelopment"),
    "part_time_teacher": ("records", "PartTimeTeacher"),
    "placement": ("internships", "Placement"),
    "employment": ("records", "Employment"),
    "training_base_year": ("records", "TrainingBaseYear"),
    "service_contract": ("records", "ServiceContract"),
    "employee_training": ("records", "EmployeeTraining"),
}


@dataclass(frozen=True)
class Source:
    """One record a cell counts: its kind and id, who or what it counts, how much."""

    kind: str
    pk: int
    identity: object = None  # people and items count once per identity
    amount: Decimal | int = 0


@dataclass
class Attribution:
    """A record with no major, counted under its enterprise's lead major."""

    source: Source
    enterprise_id: int
    major_id: int | None  # None: the enterprise has no major in the year, not counted
    candidates: int


@dataclass
class CooperationData:
    year: int
    cells: dict[tuple[int, int], dict[str, list[Source]]]
    majors: dict[int, object]
    enterprises: dict[int, object]
    started: dict[tuple[int, int], object]
    attributions: list[Attribution] = field(default_factory=list)

    def value(self, key: tuple[int, int], figure: str):
        return figure_value(figure, self.cells.get(key, {}).get(figure, []))

    def rows_ordered(self) -> list[tuple[int, int]]:
        return sorted(
            self.cells,
            key=lambda k: (self.majors[k[0]].code, self.enterprises[k[1]].name, k),
        )


def to_wan(amount: Decimal) -> Decimal:
    """CNY to 万元 at the platform's precision (half up)."""
    return (Decimal(amount) / WAN).quantize(WAN_PLACES, ROUND_HALF_UP)


def figure_value(figure: str, sources: list[Source]):
    """A cell's value from the records it counts (money still in CNY)."""
    if figure in PEOPLE or figure in ITEMS:
        return len({s.identity for s in sources})
    if figure in MONEY:
        return sum((Decimal(s.amount) for s in sources), Decimal("0.00"))
    return sum(int(s.amount) for s in sources)


def collect(year: int, academic: bool = True) -> CooperationData:
    """Every cell of the year with the records behind it.

    The table is filed for an academic year; the enterprise annual report may
    also be asked for a calendar year (part-time teachers then count by the
    terms taught in it, graduates by the calendar year of graduation).
    """
    from internships.models import Placement, Position
    from partnerships.models import CooperationAgreement, Enterprise, Major
    from records.models import (
        CourseDevelopment,
        EmployeeTraining,
        Employment,
        OrderClass,
        PartTimeTeacher,
        ServiceContract,
        TrainingBaseYear,
    )

    first, last = period_range(year, academic)
    cells: dict = defaultdict(lambda: defaultdict(list))
    no_major: list[tuple[int, str, Source]] = []

    def add(major_id, enterprise_id, figure, source):
        if major_id is None:
            no_major.append((enterprise_id, figure, source))
        else:
            cells[(major_id, enterprise_id)][figure].append(source)

    for class_id, ent, major, student in OrderClass.objects.filter(
        starts_on__lte=last, ends_on__gte=first, students__isnull=False
    ).values_list("pk", "enterprise_id", "major_id", "students"):
        add(major, ent, "order_class_students", Source("order_class", class_id, student))
    for pk, ent, major, kind in CourseDevelopment.objects.filter(
        completed_on__range=(first, last)
    ).values_list("pk", "enterprise_id", "major_id", "kind"):
        figure = "textbooks_developed" if kind == "textbook" else "courses_developed"
        add(major, ent, figure, Source("course", pk, pk))
    if academic:
        terms = Q(academic_year=year)
    else:
        terms = Q(academic_year=year, term=PartTimeTeacher.Term.AUTUMN) | Q(
            academic_year=year - 1, term=PartTimeTeacher.Term.SPRING
        )
    for pk, ent, major, name in PartTimeTeacher.objects.filter(terms).values_list(
        "pk", "enterprise_id", "major_id", "name"
    ):
        identity = (ent, PartTimeTeacher.person(name))
        add(major, ent, "part_time_teachers", Source("part_time_teacher", pk, identity))
    for pk, ent, major, student in Placement.objects.filter(
        status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
        starts_on__lte=last,
        ends_on__gte=first,
        position__kind__in=[Position.Kind.POST, Position.Kind.SHADOW],
    ).values_list("pk", "enterprise_id", "student__major_id", "student_id"):
        add(major, ent, "interns_accepted", Source("placement", pk, student))
    for pk, ent, major, student in Employment.objects.filter(
        graduation_year=year + 1 if academic else year, employer__isnull=False
    ).values_list("pk", "employer_id", "student__major_id", "student_id"):
        add(major, ent, "graduates_employed", Source("employment", pk, student))
    for pk, ent, major, donated, provided in TrainingBaseYear.objects.filter(year=year).values_list(
        "pk", "base__enterprise_id", "base__major_id", "equipment_donated", "equipment_provided"
    ):
        if donated:
            add(major, ent, "equipment_donated", Source("training_base_year", pk, pk, donated))
        if provided:
            add(major, ent, "equipment_provided", Source("training_base_year", pk, pk, provided))
    for pk, ent, received in (
        ServiceContract.objects.filter(
            Q(received_on__range=(first, last))
            | Q(received_on__isnull=True, signed_on__range=(first, last))
        )
        .filter(received__gt=0)
        .values_list("pk", "enterprise_id", "received")
    ):
        add(None, ent, "service_income", Source("service_contract", pk, pk, received))
    for pk, ent, days in EmployeeTraining.objects.filter(
        held_on__range=(first, last), person_days__gt=0
    ).values_list("pk", "enterprise_id", "person_days"):
        add(None, ent, "training_person_days", Source("employee_training", pk, pk, days))

    # Majors and enterprises cooperating in the year: agreements in force count
    # too, so a partner with nothing to report this year still has its row.
    in_force = CooperationAgreement.objects.filter(
        status__in=[CooperationAgreement.Status.ACTIVE, CooperationAgreement.Status.EXPIRED],
        starts_on__lte=last,
        ends_on__gte=first,
    )
    for ent, major in in_force.filter(majors__isnull=False).values_list("enterprise_id", "majors"):
        cells[(major, ent)]  # noqa: B018 - touching the defaultdict makes the row

    # A record without a major counts under its enterprise's lead major: the
    # only major it cooperates with in the year, else the lowest-coded one.
    major_ids = {m for m, _e in cells}
    majors = {m.pk: m for m in Major.objects.filter(pk__in=major_ids)}
    majors_of: dict[int, list[int]] = defaultdict(list)
    for m, e in cells:
        majors_of[e].append(m)
    attributions = []
    for ent, figure, source in no_major:
        candidates = sorted(majors_of.get(ent, []), key=lambda m: (majors[m].code, m))
        lead = candidates[0] if candidates else None
        if lead is not None:
            cells[(lead, ent)][figure].append(source)
        attributions.append(Attribution(source, ent, lead, len(candidates)))

    enterprise_ids = {e for _m, e in cells} | {a.enterprise_id for a in attributions}
    enterprises = {e.pk: e for e in Enterprise.objects.filter(pk__in=enterprise_ids)}
    started = {}
    agreements = CooperationAgreement.objects.exclude(
        status=CooperationAgreement.Status.DRAFT
    ).filter(enterprise_id__in=enterprise_ids)
    by_enterprise = dict(
        agreements.values("enterprise_id")
        .annotate(start=Min("starts_on"))
        .values_list("enterprise_id", "start")
    )
    by_pair = {
        (m, e): start
        for e, m, start in agreements.filter(majors__isnull=False)
        .values("enterprise_id", "majors")
        .annotate(start=Min("starts_on"))
        .values_list("enterprise_id", "majors", "start")
    }
    for key in cells:
        started[key] = by_pair.get(key) or by_enterprise.get(key[1])
    return CooperationData(
        year=year,
        cells={k: dict(v) for k, v in cells.items()},
        majors=majors,
        enterprises=enterprises,
        started=started,
        attributions=attributions,
    )


def college_code() -> str:
    return settings.FILING_COLLEGE_CODE


def row_id(year: int, major_id: int, enterprise_id: int) -> str:
    """The same id for the same major, enterprise and year in every file."""
    name = f"cooperation-table:{college_code()}:{year}:{major_id}:{enterprise_id}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).hex.upper()


def _cell(figure: str, value):
    return to_wan(value) if figure in MONEY else value


def standard_rows(data: CooperationData, collected_at: str) -> list[tuple]:
    rows = []
    for key in data.rows_ordered():
        major, enterprise = data.majors[key[0]], data.enterprises[key[1]]
        start = data.started.get(key)
        figures = {f: _cell(f, data.value(key, f)) for f in FIGURES}
        rows.append(
            (
                college_code(),
                major.code,
                major.name,
                enterprise.credit_code or "",
                enterprise.name,
                start.strftime("%Y-%m") if start else "",
                *(figures[c.key] for c in STANDARD_COLUMNS[6:13]),
                row_id(data.year, key[0], key[1]),
                collected_at,
            )
        )
    return rows


def legacy_rows(data: CooperationData) -> list[tuple]:
    """Per major: the sum of its rows (money summed in CNY, then in 万元)."""
    by_major: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key in data.rows_ordered():
        by_major[key[0]].append(key)
    rows = []
    for major_id in sorted(by_major, key=lambda m: (data.majors[m].code, m)):
        keys = by_major[major_id]
        major = data.majors[major_id]
        totals = {}
        for figure in FIGURES:
            total = sum(
                (data.value(k, figure) for k in keys), Decimal("0") if figure in MONEY else 0
            )
            totals[figure] = _cell(figure, total)
        rows.append(
            (
                major.code,
                major.name,
                len(keys),
                *(totals[c.key] for c in LEGACY_COLUMNS[3:]),
            )
        )
    return rows


def cooperation_table_document(report) -> Document:
    data = collect(report.year)
    now = timezone.localtime()
    name = academic_name(report.year)
    if report.layout == "legacy":
        table = Table(
            "cooperation_legacy", f"产学合作（{name}学年）", LEGACY_COLUMNS, legacy_rows(data)
        )
    else:
        table = Table(
            "cooperation_standard",
            f"产学合作（{name}学年）",
            STANDARD_COLUMNS,
            standard_rows(data, now.strftime("%Y-%m-%d")),
        )
    return Document(
        title=f"产学合作 {name}",
        kind=report.kind,
        year=report.year,
        generated_at=now,
        tables=[table],
        csv_header_first=True,
    )

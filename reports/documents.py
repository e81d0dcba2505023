"""Report row builders: each kind of report as a Document of plain tables.

The builders only read (aggregates computed by the database, a fixed number of
queries per table) and return rows of plain values; reports/writers.py turns
them into files. Figures are aggregates and enterprise names. The one table
with personal data (the placements list, students' names and numbers) is
only in administrators' reports; a reporter's report never contains it, nor
contact people or dates of birth.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Avg, Count, Exists, Min, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.access import is_administrator
from groups.selectors import group_figures_of_year
from internships.models import completed_in_q, placed_in_q
from reports.models import Report
from reports.summary import agreements_in_force, rate
from reports.tables import Column, ColumnType, Document, Table

TXT, INT, DEC, PCT, DATE = (
    ColumnType.TEXT,
    ColumnType.INTEGER,
    ColumnType.DECIMAL,
    ColumnType.PERCENT,
    ColumnType.DATE,
)
ZERO = Decimal("0")
YEARS_BACK = 4  # major, enterprise and group reports cover the year and the 4 before


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


# ---------------------------------------------------------------------------
# The yearly cooperation figures (AnnualReview) and interns / hires (Placement)
# ---------------------------------------------------------------------------


def figure_columns() -> list[Column]:
    """The 产学合作 table's figures, in its order."""
    return [
        Column("order_class_students", _("Order-class students"), INT),
        Column("courses_developed", _("Courses developed together"), INT),
        Column("textbooks_developed", _("Textbooks developed together"), INT),
        Column("part_time_teachers", _("Part-time teachers supplied"), INT),
        Column("interns_accepted", _("Interns accepted"), INT),
        Column("graduates_hired", _("Graduates hired"), INT),
        Column("service_income", _("Technical-service income (CNY)"), DEC),
        Column("equipment_donated", _("Equipment donated (CNY)"), DEC),
        Column("equipment_provided", _("Equipment provided without transfer (CNY)"), DEC),
        Column("training_person_days", _("Employee training person-days"), INT),
    ]


REVIEW_FIGURES = (
    "order_class_students",
    "courses_developed",
    "textbooks_developed",
    "part_time_teachers",
    "equipment_donated",
    "equipment_provided",
    "service_income",
    "training_person_days",
)
MONEY = {"equipment_donated", "equipment_provided", "service_income"}


def _review_sums(prefix: str = "") -> dict:
    return {name: Sum(f"{prefix}{name}") for name in REVIEW_FIGURES}


def _clean_figures(row: dict | None) -> dict:
    row = row or {}
    return {name: (row.get(name) or (ZERO if name in MONEY else 0)) for name in REVIEW_FIGURES}


def interns_accepted_q(year: int) -> Q:
    """Interns accepted in the year: active or completed placements overlapping it."""
    return placed_in_q(year)


def graduates_hired_q(year: int) -> Q:
    """Graduates hired: completed placements ending in the year with hired = yes."""
    from internships.models import Placement

    return completed_in_q(year) & Q(hired=Placement.Hired.YES)


# ---------------------------------------------------------------------------
# Annual report
# ---------------------------------------------------------------------------


def _overview(summary: dict) -> Table:
    rows = [
        (_("Active partner enterprises"), summary["enterprises_active"]),
        (_("Agreements in force"), summary["agreements_active"]),
        (_("Deep agreements"), summary["agreements_by_depth"]["deep"]),
        (_("Middle agreements"), summary["agreements_by_depth"]["middle"]),
        (_("Shallow agreements"), summary["agreements_by_depth"]["shallow"]),
        (_("Majors without a deep partner"), summary["majors_without_deep_partner"]),
        (_("Annual reviews due"), summary["reviews_due"]),
        (_("Annual reviews approved"), summary["reviews_completed"]),
        (_("Active committees"), summary["committees_active"]),
        (_("Committees without a meeting held"), summary["committees_without_meeting"]),
        (_("Students placed"), summary["students_placed"]),
        (_("Cognitive internships"), summary["placements_by_kind"]["cognitive"]),
        (_("Follow-post internships"), summary["placements_by_kind"]["shadow"]),
        (_("Post internships"), summary["placements_by_kind"]["post"]),
        (_("Completed placements ending in the year"), summary["placements_completed"]),
        (_("Hired after the internship"), summary["placements_hired"]),
    ]
    return Table(
        "overview",
        _("Key figures"),
        [Column("figure", _("Figure")), Column("value", _("Value"), INT)],
        rows,
        note=_("Hire rate: %(rate)s")
        % {"rate": "-" if summary["hire_rate"] is None else f"{summary['hire_rate'] * 100:.1f}%"},
    )


def _enterprise_tables(year: int) -> list[Table]:
    from partnerships.models import Depth, Enterprise

    active = Q(status=Enterprise.Status.ACTIVE)
    by_industry = (
        Enterprise.objects.values("industry")
        .annotate(total=Count("pk"), active=Count("pk", filter=active))
        .order_by("industry")
    )
    industry_rows = [
        (row["industry"] or _("(not given)"), row["total"], row["active"]) for row in by_industry
    ]
    sizes = {
        row["size"]: row
        for row in Enterprise.objects.values("size").annotate(
            total=Count("pk"), active=Count("pk", filter=active)
        )
    }
    size_rows = [
        (label, sizes.get(code, {}).get("total", 0), sizes.get(code, {}).get("active", 0))
        for code, label in Enterprise.Size.choices
    ]
    # An enterprise counts under the deepest of its agreements in force.
    in_force = agreements_in_force(year)
    deepest = {}
    order = {Depth.DEEP: 0, Depth.MIDDLE: 1, Depth.SHALLOW: 2}
    agreements_by_depth: dict[str, int] = defaultdict(int)
    for enterprise_id, depth, n in (
        in_force.values("enterprise_id", "depth")
        .annotate(n=Count("pk"))
        .values_list("enterprise_id", "depth", "n")
    ):
        agreements_by_depth[depth] += n
        if enterprise_id not in deepest or order[depth] < order[deepest[enterprise_id]]:
            deepest[enterprise_id] = depth
    depth_rows = [
        (
            label,
            sum(1 for d in deepest.values() if d == code),
            agreements_by_depth.get(code, 0),
        )
        for code, label in Depth.choices
    ]
    count_columns = [
        Column("enterprises", _("Enterprises"), INT),
        Column("active", _("Active"), INT),
    ]
    return [
        Table(
            "enterprises_by_industry",
            _("Enterprises by industry"),
            [Column("industry", _("Industry")), *count_columns],
            industry_rows,
        ),
        Table(
            "enterprises_by_size",
            _("Enterprises by size"),
            [Column("size", _("Size")), *count_columns],
            size_rows,
        ),
        Table(
            "enterprises_by_depth",
            _("Enterprises by depth"),
            [
                Column("depth", _("Depth")),
                Column("enterprises", _("Enterprises"), INT),
                Column("agreements", _("Agreements in force"), INT),
            ],
            depth_rows,
            note=_("An enterprise counts under the deepest of its agreements in force."),
        ),
    ]


def _agreement_table(year: int) -> Table:
    from partnerships.models import CooperationAgreement, Depth

    first, last = _year_range(year)
    status = CooperationAgreement.Status
    measures = [
        ("in_force", _("In force during the year"), agreements_in_force(year)),
        (
            "new",
            _("New (starting in the year)"),
            CooperationAgreement.objects.exclude(status=status.DRAFT).filter(
                starts_on__range=(first, last)
            ),
        ),
        (
            "expired",
            _("Expired in the year"),
            CooperationAgreement.objects.filter(
                status=status.EXPIRED, ends_on__range=(first, last)
            ),
        ),
        ("terminated", _("Terminated in the year"), terminated_in_year(year)),
    ]
    rows = []
    for _key, label, queryset in measures:
        figures = queryset.aggregate(
            total=Count("pk"),
            **{depth: Count("pk", filter=Q(depth=depth)) for depth in Depth.values},
            school=Sum("school_investment"),
            enterprise=Sum("enterprise_investment"),
        )
        rows.append(
            (
                label,
                figures["total"],
                figures["deep"],
                figures["middle"],
                figures["shallow"],
                figures["school"] or ZERO,
                figures["enterprise"] or ZERO,
            )
        )
    return Table(
        "agreements",
        _("Cooperation agreements"),
        [
            Column("measure", _("Agreements")),
            Column("total", _("Total"), INT),
            Column("deep", _("Deep"), INT),
            Column("middle", _("Middle"), INT),
            Column("shallow", _("Shallow"), INT),
            Column("school_investment", _("School investment (CNY)"), DEC),
            Column("enterprise_investment", _("Enterprise investment (CNY)"), DEC),
        ],
        rows,
    )


def terminated_in_year(year: int):
    """Agreements terminated in the year (the date of their termination event)."""
    from partnerships.models import AgreementEvent, CooperationAgreement

    first, last = _year_range(year)
    event = AgreementEvent.objects.filter(
        agreement=OuterRef("pk"),
        kind=AgreementEvent.Kind.TERMINATED,
        created_at__date__range=(first, last),
    )
    return CooperationAgreement.objects.filter(
        status=CooperationAgreement.Status.TERMINATED
    ).filter(Exists(event))


SCORE_FIELDS = (
    "talent_training",
    "teaching_resources",
    "research",
    "employment",
    "student_satisfaction",
    "employer_satisfaction",
)


def score_columns() -> list[Column]:
    return [
        Column("talent_training", _("Talent training (avg)"), DEC),
        Column("teaching_resources", _("Teaching resources (avg)"), DEC),
        Column("research", _("Research (avg)"), DEC),
        Column("employment", _("Employment (avg)"), DEC),
        Column("student_satisfaction", _("Student satisfaction (avg)"), DEC),
        Column("employer_satisfaction", _("Employer satisfaction (avg)"), DEC),
    ]


def _avg(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _review_table(year: int) -> Table:
    from partnerships.models import AnnualReview

    today = timezone.localdate()
    by_status = {
        row["status"]: row
        for row in AnnualReview.objects.filter(year=year)
        .values("status")
        .annotate(
            n=Count("pk"),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
            **{f"avg_{name}": Avg(name) for name in SCORE_FIELDS},
        )
    }
    totals = AnnualReview.objects.filter(year=year).aggregate(
        n=Count("pk"), **{f"avg_{name}": Avg(name) for name in SCORE_FIELDS}
    )
    rows = []
    for code, label in AnnualReview.Status.choices:
        row = by_status.get(code, {})
        rows.append(
            (
                label,
                row.get("n", 0),
                row.get("overdue", 0) if code == AnnualReview.Status.PENDING else 0,
                *[_avg(row.get(f"avg_{name}")) for name in SCORE_FIELDS],
            )
        )
    rows.append(
        (
            _("All reviews due in the year"),
            totals["n"],
            by_status.get(AnnualReview.Status.PENDING, {}).get("overdue", 0),
            *[_avg(totals[f"avg_{name}"]) for name in SCORE_FIELDS],
        )
    )
    return Table(
        "reviews",
        _("Annual reviews"),
        [
            Column("status", _("Status")),
            Column("reviews", _("Reviews"), INT),
            Column("overdue", _("Overdue"), INT),
            *score_columns(),
        ],
        rows,
        note=_("Scores are 1-5; averages over the reviews that have them."),
    )


def _major_table(year: int) -> Table:
    from partnerships.models import Depth, Major

    majors = list(Major.objects.select_related("department").order_by("code"))
    deep_partners: dict[int, set[str]] = defaultdict(set)
    agreements: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for major_id, depth, enterprise_name in agreements_in_force(year).values_list(
        "majors", "depth", "enterprise__name"
    ):
        if major_id is None:
            continue
        agreements[major_id][depth] += 1
        if depth == Depth.DEEP:
            deep_partners[major_id].add(enterprise_name)
    rows = []
    for major in majors:
        partners = sorted(deep_partners.get(major.pk, ()))
        n = len(partners)
        if n == 0:
            flag = _("No deep partner")
        elif n <= 2:
            flag = _("On target (1-2)")
        else:
            flag = _("Above target")
        rows.append(
            (
                major.code,
                major.name,
                major.department.name,
                n,
                "; ".join(partners),
                agreements[major.pk][Depth.DEEP],
                agreements[major.pk][Depth.MIDDLE],
                agreements[major.pk][Depth.SHALLOW],
                flag,
            )
        )
    return Table(
        "majors",
        _("Deep partners by major"),
        [
            Column("code", _("Major code")),
            Column("name", _("Major")),
            Column("department", _("Department")),
            Column("deep_partners", _("Deep partners"), INT),
            Column("deep_partner_names", _("Deep partner enterprises")),
            Column("deep_agreements", _("Deep agreements"), INT),
            Column("middle_agreements", _("Middle agreements"), INT),
            Column("shallow_agreements", _("Shallow agreements"), INT),
            Column("flag", _("Assessment")),
        ],
        rows,
        note=_("The goal is deep cooperation with 1-2 enterprises for every major."),
    )


def _committee_table(year: int) -> Table:
    from councils.models import Committee, Meeting

    status = Meeting.Status
    in_year = Q(meetings__scheduled_at__year=year)
    committees = (
        Committee.objects.filter(status=Committee.Status.ACTIVE)
        .select_related("major")
        .annotate(
            held=Count("meetings", filter=in_year & Q(meetings__status=status.HELD)),
            planned=Count("meetings", filter=in_year & Q(meetings__status=status.PLANNED)),
            cancelled=Count("meetings", filter=in_year & Q(meetings__status=status.CANCELLED)),
            annual_held=Count(
                "meetings",
                filter=in_year
                & Q(meetings__status=status.HELD, meetings__kind=Meeting.Kind.ANNUAL),
            ),
        )
        .order_by("kind", "name", "pk")
    )
    rows = []
    for committee in committees:
        rows.append(
            (
                committee.get_kind_display(),
                committee.name,
                committee.major.name if committee.major_id else "",
                committee.held,
                committee.planned,
                committee.cancelled,
                1,
                _("Yes") if committee.held >= 1 else _("No"),
                (_("Yes") if committee.annual_held else _("No"))
                if committee.kind == Committee.Kind.COUNCIL
                else "",
            )
        )
    return Table(
        "committees",
        _("Council and committee meetings"),
        [
            Column("kind", _("Kind")),
            Column("name", _("Committee")),
            Column("major", _("Major")),
            Column("held", _("Meetings held"), INT),
            Column("planned", _("Meetings planned"), INT),
            Column("cancelled", _("Meetings cancelled"), INT),
            Column("duty", _("Meetings required"), INT),
            Column("duty_met", _("Duty met")),
            Column("annual_meeting", _("Council annual meeting held")),
        ],
        rows,
        note=_("Each committee must meet at least once a year."),
    )


def _share(part, whole):
    return rate(part or 0, whole or 0)


def _group_table(year: int) -> Table:
    rows = [
        (
            g["name"],
            g["internships"],
            g["internship_target"],
            _share(g["internships"], g["internship_target"]),
            g["hires"],
            g["employment_target"],
            _share(g["hires"], g["employment_target"]),
            g["resources"],
            g["patents"],
            g["technical_improvements"],
            g["achievements"],
        )
        for g in group_figures_of_year(year)
    ]
    return Table(
        "groups",
        _("Education groups against targets"),
        [
            Column("group", _("Group")),
            Column("internships", _("Internship placements"), INT),
            Column("internship_target", _("Placement target"), INT),
            Column("internship_share", _("Placements of target"), PCT),
            Column("hires", _("Hires"), INT),
            Column("employment_target", _("Hiring target"), INT),
            Column("hire_share", _("Hires of target"), PCT),
            Column("resources", _("Shared resources"), INT),
            Column("patents", _("Patents"), INT),
            Column("technical_improvements", _("Technical improvements"), INT),
            Column("achievements", _("Scientific achievements"), INT),
        ],
        rows,
    )


def _placement_tables(year: int) -> list[Table]:
    from internships.models import Placement, Position

    placed, completed = placed_in_q(year), completed_in_q(year)
    hired = completed & Q(hired=Placement.Hired.YES)
    by_kind = {
        row["position__kind"]: row
        for row in Placement.objects.filter(placed | completed)
        .values("position__kind")
        .annotate(
            placements=Count("pk", filter=placed),
            students=Count("student", distinct=True, filter=placed),
            completed=Count("pk", filter=completed),
            hired=Count("pk", filter=hired),
        )
    }
    totals = Placement.objects.filter(placed | completed).aggregate(
        placements=Count("pk", filter=placed),
        students=Count("student", distinct=True, filter=placed),
        completed=Count("pk", filter=completed),
        hired=Count("pk", filter=hired),
    )
    kind_rows = []
    for code, label in [*Position.Kind.choices, (None, _("All kinds"))]:
        row = totals if code is None else by_kind.get(code, {})
        kind_rows.append(
            (
                label,
                row.get("placements", 0),
                row.get("students", 0),
                row.get("completed", 0),
                row.get("hired", 0),
                rate(row.get("hired", 0), row.get("completed", 0)),
            )
        )
    first, last = _year_range(year)
    months = dict(
        Placement.objects.filter(
            status__in=[Placement.Status.ACTIVE, Placement.Status.COMPLETED],
            starts_on__range=(first, last),
        )
        .annotate(month=ExtractMonth("starts_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    month_rows = [(f"{year}-{m:02d}", months.get(m, 0)) for m in range(1, 13)]
    return [
        Table(
            "placements_by_kind",
            _("Internships by kind"),
            [
                Column("kind", _("Kind")),
                Column("placements", _("Placements in the year"), INT),
                Column("students", _("Students placed"), INT),
                Column("completed", _("Completed in the year"), INT),
                Column("hired", _("Hired after the internship"), INT),
                Column("hire_rate", _("Hire rate"), PCT),
            ],
            kind_rows,
            note=_(
                "Placements: active or completed placements overlapping the year. Hire rate: "
                "of the placements completed in the year, the share hired afterwards."
            ),
        ),
        Table(
            "placements_by_month",
            _("Placements starting by month"),
            [Column("month", _("Month")), Column("placements", _("Placements"), INT)],
            month_rows,
        ),
    ]


def _outcome_table(year: int) -> Table:
    from groups.models import ResearchProject, SharedResource

    first, last = _year_range(year)
    research = ResearchProject.objects.filter(started_on__range=(first, last)).aggregate(
        projects=Count("pk"),
        patents=Sum("patents"),
        improvements=Sum("technical_improvements"),
        achievements=Sum("achievements"),
    )
    resources = dict(
        SharedResource.objects.filter(year=year)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    rows = [
        (_("Joint research projects started"), research["projects"]),
        (_("Patents"), research["patents"] or 0),
        (_("Technical improvements"), research["improvements"] or 0),
        (_("Scientific achievements"), research["achievements"] or 0),
        (_("Shared resources"), sum(resources.values())),
    ]
    rows += [
        (
            pgettext("shared resource kind", "Shared resources: %(kind)s") % {"kind": label},
            resources.get(code, 0),
        )
        for code, label in SharedResource.Kind.choices
    ]
    return Table(
        "outcomes",
        _("Outcomes"),
        [Column("outcome", _("Outcome")), Column("count", _("Count"), INT)],
        rows,
        note=_("Research outcomes of the projects started in the year; resources of the year."),
    )


def _investment_table(year: int) -> Table:
    from internships.models import Placement
    from partnerships.models import AnnualReview

    investment = agreements_in_force(year).aggregate(
        school=Sum("school_investment"), enterprise=Sum("enterprise_investment")
    )
    figures = _clean_figures(AnnualReview.objects.filter(year=year).aggregate(**_review_sums()))
    people = Placement.objects.aggregate(
        interns=Count("student", distinct=True, filter=interns_accepted_q(year)),
        hired=Count("pk", filter=graduates_hired_q(year)),
    )
    values = {
        **figures,
        "interns_accepted": people["interns"],
        "graduates_hired": people["hired"],
    }
    rows = [
        (_("School investment in agreements in force (CNY)"), investment["school"] or ZERO),
        (_("Enterprise investment in agreements in force (CNY)"), investment["enterprise"] or ZERO),
    ]
    rows += [(column.label, Decimal(values[column.key])) for column in figure_columns()]
    return Table(
        "investment",
        _("Investment and cooperation figures"),
        [Column("figure", _("Figure")), Column("value", _("Value"), DEC)],
        rows,
        note=_("Yearly figures are the sums over the annual reviews of the year."),
    )


def cooperation_rows(year: int, enterprise_ids: Iterable[int] | None = None) -> list[tuple]:
    """The 产学合作 table: one row per enterprise cooperating in the year.

    An enterprise is listed when it has an agreement in force in the year, or
    figures in a review of the year, or interns or hires in the year. Four
    queries: reviews' sums per enterprise, placements per enterprise, the
    enterprises in force, the enterprises with their first agreement's start.
    """
    from internships.models import Placement
    from partnerships.models import AnnualReview, CooperationAgreement, Enterprise

    reviews = AnnualReview.objects.filter(year=year)
    placements = Placement.objects.filter(interns_accepted_q(year) | graduates_hired_q(year))
    in_force = agreements_in_force(year)
    if enterprise_ids is not None:
        enterprise_ids = list(enterprise_ids)
        reviews = reviews.filter(agreement__enterprise_id__in=enterprise_ids)
        placements = placements.filter(enterprise_id__in=enterprise_ids)
        in_force = in_force.filter(enterprise_id__in=enterprise_ids)
    figures = {
        row["agreement__enterprise_id"]: row
        for row in reviews.values("agreement__enterprise_id").annotate(**_review_sums())
    }
    people = {
        row["enterprise_id"]: row
        for row in placements.values("enterprise_id").annotate(
            interns=Count("student", distinct=True, filter=interns_accepted_q(year)),
            hired=Count("pk", filter=graduates_hired_q(year)),
        )
    }
    ids = set(figures) | set(people) | set(in_force.values_list("enterprise_id", flat=True))
    enterprises = (
        Enterprise.objects.filter(pk__in=ids)
        .annotate(
            since=Min(
                "agreements__starts_on",
                filter=~Q(agreements__status=CooperationAgreement.Status.DRAFT),
            )
        )
        .order_by("name")
    )
    rows = []
    for enterprise in enterprises:
        f = _clean_figures(figures.get(enterprise.pk))
        p = people.get(enterprise.pk, {})
        rows.append(
            (
                enterprise.name,
                enterprise.credit_code or "",
                enterprise.since,
                f["order_class_students"],
                f["courses_developed"],
                f["textbooks_developed"],
                f["part_time_teachers"],
                p.get("interns", 0),
                p.get("hired", 0),
                f["service_income"],
                f["equipment_donated"],
                f["equipment_provided"],
                f["training_person_days"],
            )
        )
    return rows


def cooperation_columns() -> list[Column]:
    return [
        Column("enterprise", _("Enterprise")),
        Column("credit_code", _("Unified social credit code")),
        Column("since", _("Cooperating since"), DATE),
        *figure_columns(),
    ]


def _cooperation_table(year: int) -> Table:
    return Table(
        "cooperation",
        _("产学合作 (school-enterprise cooperation)"),
        cooperation_columns(),
        cooperation_rows(year),
        note=_(
            "The layout of the status-data collection's school-enterprise cooperation table; "
            "interns and hires come from the placements."
        ),
    )


def _placement_list(year: int) -> Table:
    """Every placement overlapping the year, any status, with its student.

    Administrators only: it is the one table with personal data.
    """
    from internships.models import Placement

    first, last = _year_range(year)
    rows = (
        Placement.objects.filter(starts_on__lte=last, ends_on__gte=first)
        .order_by("starts_on", "pk")
        .values_list(
            "student__student_number",
            "student__name",
            "student__major__name",
            "enterprise__name",
            "position__title",
            "position__kind",
            "starts_on",
            "ends_on",
            "status",
            "hired",
        )
    )
    # Labels translated once, not once per row.
    kinds = {code: str(label) for code, label in _kind_labels()}
    statuses = {code: str(label) for code, label in Placement.Status.choices}
    hired = {code: str(label) for code, label in Placement.Hired.choices}

    def stream():
        for row in rows.iterator(chunk_size=2000):
            yield (
                *row[:5],
                kinds.get(row[5], row[5]),
                row[6],
                row[7],
                statuses.get(row[8], row[8]),
                hired.get(row[9], row[9]),
            )

    return Table(
        "placements",
        _("Placements"),
        [
            Column("student_number", _("Student number")),
            Column("student", _("Student")),
            Column("major", _("Major")),
            Column("enterprise", _("Enterprise")),
            Column("position", _("Position")),
            Column("kind", _("Kind")),
            Column("starts_on", _("Starts on"), DATE),
            Column("ends_on", _("Ends on"), DATE),
            Column("status", _("Status")),
            Column("hired", _("Hired")),
        ],
        stream(),
        note=_("Contains personal data; only in administrators' reports."),
    )


def _kind_labels():
    from internships.models import Position

    return Position.Kind.choices


def annual_document(report: Report) -> Document:
    from reports.summary import summary_for_year

    year = report.year
    user = report.requested_by
    summary = summary_for_year(user=user, year=year)
    tables = [
        _overview(summary),
        *_enterprise_tables(year),
        _agreement_table(year),
        _review_table(year),
        _major_table(year),
        _committee_table(year),
        _group_table(year),
        *_placement_tables(year),
        _outcome_table(year),
        _investment_table(year),
        _cooperation_table(year),
    ]
    if is_administrator(user):
        tables.append(_placement_list(year))
    return Document(
        title=_("Annual school-enterprise cooperation report %(year)s") % {"year": year},
        kind=report.kind,
        year=year,
        generated_at=timezone.now(),
        tables=tables,
    )


# ---------------------------------------------------------------------------
# Major, enterprise and group reports: several years with year-on-year change
# ---------------------------------------------------------------------------


def _years(report: Report) -> list[int]:
    return list(range(report.year - YEARS_BACK, report.year + 1))


def yearly_tables(
    key: str, title: str, columns: Sequence[Column], by_year: dict[int, dict]
) -> list[Table]:
    """The figures of each year, then each figure's change on the year before."""
    years = sorted(by_year)
    year_column = Column("year", _("Year"), INT)
    figures = Table(
        key,
        title,
        [year_column, *columns],
        [(year, *[by_year[year][c.key] for c in columns]) for year in years],
    )
    change_rows = []
    for previous, year in zip(years, years[1:], strict=False):
        row = [year]
        for column in columns:
            now, before = by_year[year][column.key], by_year[previous][column.key]
            if column.type == ColumnType.PERCENT:
                row.append(None if now is None or before is None else round(now - before, 4))
            elif now is None or before is None:
                row.append(None)
            else:
                row.append(now - before)
        change_rows.append(tuple(row))
    change = Table(
        f"{key}_change",
        _("Change on the previous year"),
        [year_column, *columns],
        change_rows,
        note=_("Each figure minus the same figure a year earlier."),
    )
    return [figures, change]


def _enterprise_years(enterprise_ids: list[int] | None, years: list[int], majors=None) -> dict:
    """Cooperation figures per year for some enterprises (or agreements of some majors).

    Three queries whatever the number of years: review sums per year, placements
    (a conditional count per year), agreements in force (a conditional count per
    year).
    """
    from internships.models import Placement
    from partnerships.models import AnnualReview, CooperationAgreement, Depth

    reviews = AnnualReview.objects.filter(year__in=years)
    placements = Placement.objects.all()
    agreements = CooperationAgreement.objects.all()
    if enterprise_ids is not None:
        reviews = reviews.filter(agreement__enterprise_id__in=enterprise_ids)
        placements = placements.filter(enterprise_id__in=enterprise_ids)
        agreements = agreements.filter(enterprise_id__in=enterprise_ids)
    if majors is not None:
        reviews = reviews.filter(agreement__majors__in=majors)
        placements = placements.filter(student__major__in=majors)
        agreements = agreements.filter(majors__in=majors)
    figures = {row["year"]: row for row in reviews.values("year").annotate(**_review_sums())}
    people = placements.aggregate(
        **{
            f"interns_{y}": Count("student", distinct=True, filter=interns_accepted_q(y))
            for y in years
        },
        **{f"hired_{y}": Count("pk", filter=graduates_hired_q(y)) for y in years},
        **{f"completed_{y}": Count("pk", filter=completed_in_q(y)) for y in years},
    )
    in_force = {}
    for y in years:
        ids = agreements_in_force(y).values("pk")
        in_force[f"agreements_{y}"] = Count("pk", distinct=True, filter=Q(pk__in=ids))
        in_force[f"deep_{y}"] = Count("pk", distinct=True, filter=Q(pk__in=ids, depth=Depth.DEEP))
        in_force[f"school_{y}"] = Sum("school_investment", filter=Q(pk__in=ids))
        in_force[f"enterprise_{y}"] = Sum("enterprise_investment", filter=Q(pk__in=ids))
    if majors is not None:
        # Sums over a join with majors would repeat an agreement per major.
        agreements = CooperationAgreement.objects.filter(pk__in=agreements.values("pk"))
    counts = agreements.aggregate(**in_force)
    result = {}
    for y in years:
        result[y] = {
            "agreements": counts[f"agreements_{y}"] or 0,
            "deep_agreements": counts[f"deep_{y}"] or 0,
            "school_investment": counts[f"school_{y}"] or ZERO,
            "enterprise_investment": counts[f"enterprise_{y}"] or ZERO,
            **_clean_figures(figures.get(y)),
            "interns_accepted": people[f"interns_{y}"],
            "graduates_hired": people[f"hired_{y}"],
            "hire_rate": rate(people[f"hired_{y}"], people[f"completed_{y}"]),
        }
    return result


def _agreement_columns() -> list[Column]:
    return [
        Column("agreements", _("Agreements in force"), INT),
        Column("deep_agreements", _("Deep agreements"), INT),
        Column("school_investment", _("School investment (CNY)"), DEC),
        Column("enterprise_investment", _("Enterprise investment (CNY)"), DEC),
    ]


def enterprise_document(report: Report) -> Document:
    from partnerships.models import CooperationAgreement, Enterprise

    enterprise = Enterprise.objects.annotate(
        since=Min(
            "agreements__starts_on",
            filter=~Q(agreements__status=CooperationAgreement.Status.DRAFT),
        )
    ).get(pk=report.subject_id)
    years = _years(report)
    by_year = _enterprise_years([enterprise.pk], years)
    columns = [
        *_agreement_columns(),
        *figure_columns(),
        Column("hire_rate", _("Hire rate"), PCT),
    ]
    profile = Table(
        "enterprise",
        _("Enterprise"),
        [Column("field", _("Field")), Column("value", _("Value"))],
        [
            (_("Enterprise"), enterprise.name),
            (_("Unified social credit code"), enterprise.credit_code or ""),
            (_("Industry"), enterprise.industry),
            (_("Size"), enterprise.get_size_display()),
            (_("City"), enterprise.city),
            (_("Status"), enterprise.get_status_display()),
            (
                _("Cooperating since"),
                enterprise.since.isoformat() if enterprise.since else "",
            ),
        ],
    )
    return Document(
        title=_("Cooperation report of %(name)s, %(first)s-%(last)s")
        % {"name": enterprise.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=enterprise.name,
        generated_at=timezone.now(),
        tables=[
            profile,
            *yearly_tables("figures", _("Cooperation figures by year"), columns, by_year),
        ],
    )


def major_document(report: Report) -> Document:
    from internships.models import Student
    from partnerships.models import Depth, Major

    major = Major.objects.select_related("department").get(pk=report.subject_id)
    years = _years(report)
    by_year = _enterprise_years(None, years, majors=[major.pk])
    students = dict(
        Student.objects.filter(major=major, cohort__in=years)
        .values("cohort")
        .annotate(n=Count("pk"))
        .values_list("cohort", "n")
    )
    partners: dict[int, set[str]] = defaultdict(set)
    for y in years:
        for name in (
            agreements_in_force(y)
            .filter(majors=major, depth=Depth.DEEP)
            .values_list("enterprise__name", flat=True)
        ):
            partners[y].add(name)
    for y in years:
        by_year[y]["deep_partners"] = len(partners[y])
        by_year[y]["students_enrolled"] = students.get(y, 0)
    columns = [
        Column("students_enrolled", _("Students enrolled (cohort)"), INT),
        Column("deep_partners", _("Deep partners"), INT),
        *_agreement_columns(),
        *figure_columns(),
        Column("hire_rate", _("Hire rate"), PCT),
    ]
    partner_table = Table(
        "deep_partners",
        _("Deep partners by year"),
        [Column("year", _("Year"), INT), Column("enterprises", _("Deep partner enterprises"))],
        [(y, "; ".join(sorted(partners[y])) or _("None")) for y in years],
        note=_("An agreement covering several majors counts in full for each of them."),
    )
    return Document(
        title=_("Cooperation report of the major %(name)s, %(first)s-%(last)s")
        % {"name": major.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=str(major),
        generated_at=timezone.now(),
        tables=[
            *yearly_tables("figures", _("Cooperation figures by year"), columns, by_year),
            partner_table,
        ],
    )


def group_document(report: Report) -> Document:
    from groups.models import EducationGroup
    from groups.selectors import group_metrics_for_years

    group = EducationGroup.objects.get(pk=report.subject_id)
    years = _years(report)
    metrics = group_metrics_for_years(group=group, years=years)
    by_year = {}
    for y in years:
        m = metrics[y]
        by_year[y] = {
            **m,
            "internship_share": _share(m["internships"], m["internship_target"]),
            "hire_share": _share(m["hires"], m["employment_target"]),
        }
    columns = [
        Column("internships", _("Internship placements"), INT),
        Column("internship_target", _("Placement target"), INT),
        Column("internship_share", _("Placements of target"), PCT),
        Column("hires", _("Hires"), INT),
        Column("employment_target", _("Hiring target"), INT),
        Column("hire_share", _("Hires of target"), PCT),
        Column("resources", _("Shared resources"), INT),
        Column("patents", _("Patents"), INT),
        Column("technical_improvements", _("Technical improvements"), INT),
        Column("achievements", _("Scientific achievements"), INT),
    ]
    return Document(
        title=_("Report of the education group %(name)s, %(first)s-%(last)s")
        % {"name": group.name, "first": years[0], "last": years[-1]},
        kind=report.kind,
        year=report.year,
        subject=group.name,
        generated_at=timezone.now(),
        tables=yearly_tables("metrics", _("Group metrics by year"), columns, by_year),
    )


BUILDERS = {
    Report.Kind.ANNUAL: annual_document,
    Report.Kind.MAJOR: major_document,
    Report.Kind.ENTERPRISE: enterprise_document,
    Report.Kind.GROUP: group_document,
}


def build_document(report: Report) -> Document:
    return BUILDERS[report.kind](report)

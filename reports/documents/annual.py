"""The annual report.

The one table with personal data (the placements list, students' names and
numbers) is only in administrators' reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
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
from reports.tables import Column, Document, Table

from ._shared import _clean_figures, _review_sums, _share, _year_range
from .compliance import compliance_table, override_list
from .figures import (
    DATE,
    DEC,
    INT,
    PCT,
    ZERO,
    figure_columns,
    graduates_hired_q,
    interns_accepted_q,
)


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
        compliance_table(year),
    ]
    if is_administrator(user):
        tables.append(_placement_list(year))
        tables.append(override_list(year))
    return Document(
        title=_("Annual school-enterprise cooperation report %(year)s") % {"year": year},
        kind=report.kind,
        year=year,
        generated_at=timezone.now(),
        tables=tables,
    )

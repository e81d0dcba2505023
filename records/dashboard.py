"""The records' part of the home page and of an enterprise's page (registered in apps.py).

The home page gets the headline figures of the quality report: partners per
major (deep ones apart), the dual-qualified share, part-time teachers' hours,
interns and hires, with charts; an enterprise's page gets its whole story in
figures and a timeline.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.dashboard import dashboard_url as _url
from partnerships.enterprise_page import Figure
from records.models import (
    CourseDevelopment,
    EmployeeTraining,
    Employment,
    EnterpriseCertification,
    EnterpriseVisit,
    OrderClass,
    PartTimeTeacher,
    ServiceContract,
    Teacher,
    TeacherPractice,
    TrainingBase,
    TrainingBaseYear,
)

TIMELINE_LENGTH = 12


def headline(year: int) -> dict:
    """The year's headline figures; seven queries."""
    from internships.models import Placement, completed_in_q, placed_in_q
    from partnerships.models import CooperationAgreement, Depth, Major

    in_force = Q(
        agreements__status__in=[
            CooperationAgreement.Status.ACTIVE,
            CooperationAgreement.Status.EXPIRED,
        ],
        agreements__starts_on__lte=f"{year}-12-31",
        agreements__ends_on__gte=f"{year}-01-01",
    )
    majors = list(
        Major.objects.annotate(
            partners=Count("agreements__enterprise", filter=in_force, distinct=True),
            deep=Count(
                "agreements__enterprise",
                filter=in_force & Q(agreements__depth=Depth.DEEP),
                distinct=True,
            ),
        )
        .order_by("code")
        .values("code", "name", "partners", "deep")
    )
    deep_partners = (
        CooperationAgreement.objects.filter(
            depth=Depth.DEEP,
            status__in=[CooperationAgreement.Status.ACTIVE, CooperationAgreement.Status.EXPIRED],
            starts_on__lte=f"{year}-12-31",
            ends_on__gte=f"{year}-01-01",
        )
        .values("enterprise")
        .distinct()
        .count()
    )
    teachers = Teacher.objects.aggregate(
        total=Count("pk"), dual=Count("pk", filter=Q(dual_qualified=True))
    )
    # The academic year that ends in the year: its autumn term and spring term.
    part_time = PartTimeTeacher.objects.filter(
        Q(academic_year=year, term=PartTimeTeacher.Term.AUTUMN)
        | Q(academic_year=year - 1, term=PartTimeTeacher.Term.SPRING)
    ).aggregate(hours=Sum("hours"), people=Count("name", distinct=True))
    placed, completed = placed_in_q(year), completed_in_q(year)
    placements = Placement.objects.filter(placed | completed).aggregate(
        interns=Count("student", distinct=True, filter=placed),
        hires=Count("pk", filter=completed & Q(hired=Placement.Hired.YES)),
    )
    employed = Employment.objects.filter(graduation_year=year).aggregate(
        total=Count("pk"), at_partners=Count("pk", filter=Q(employer__isnull=False))
    )
    share = (
        None
        if not teachers["total"]
        else (Decimal(teachers["dual"] * 100) / teachers["total"]).quantize(Decimal("0.1"))
    )
    return {
        "majors": majors,
        "deep_partners": deep_partners,
        "teachers": teachers["total"],
        "dual_qualified": teachers["dual"],
        "dual_qualified_share": share,
        "part_time_hours": part_time["hours"] or 0,
        "part_time_people": part_time["people"] or 0,
        "interns": placements["interns"],
        "hires": placements["hires"],
        "graduates_employed": employed["total"],
        "employed_at_partners": employed["at_partners"],
    }


def staff_block(user) -> dict:
    year = timezone.localdate().year
    figures = headline(year)
    cards = [
        {
            "label": _("Deep partners in %(year)s") % {"year": year},
            "value": figures["deep_partners"],
            "url": _url("partnerships:agreement-list", "?depth=deep"),
        },
        {
            "label": _("Dual-qualified teachers"),
            "value": "–"
            if figures["dual_qualified_share"] is None
            else f"{figures['dual_qualified_share']}%",
            "url": _url("records:index"),
        },
        {
            "label": _("Part-time teachers' hours, %(year)s") % {"year": year},
            "value": figures["part_time_hours"],
            "url": None,
        },
    ]
    majors = figures["majors"]
    partner_chart = {
        "type": "bar",
        "data": {
            "labels": [m["name"] for m in majors],
            "datasets": [
                {
                    "label": str(gettext_lazy("Partners")),
                    "data": [m["partners"] for m in majors],
                    "backgroundColor": "#0d6efd",
                },
                {
                    "label": str(gettext_lazy("Deep partners")),
                    "data": [m["deep"] for m in majors],
                    "backgroundColor": "#198754",
                },
            ],
        },
        "options": {
            "maintainAspectRatio": False,
            "indexAxis": "y",
            "scales": {"x": {"beginAtZero": True, "ticks": {"precision": 0}}},
            "plugins": {"legend": {"position": "bottom"}},
        },
    }
    people_chart = {
        "type": "bar",
        "data": {
            "labels": [
                str(gettext_lazy("Interns")),
                str(gettext_lazy("Hires after internship")),
                str(gettext_lazy("Graduates employed")),
                str(gettext_lazy("Employed at partners")),
            ],
            "datasets": [
                {
                    "label": str(year),
                    "data": [
                        figures["interns"],
                        figures["hires"],
                        figures["graduates_employed"],
                        figures["employed_at_partners"],
                    ],
                    "backgroundColor": ["#6f42c1", "#20c997", "#fd7e14", "#198754"],
                }
            ],
        },
        "options": {
            "maintainAspectRatio": False,
            "scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}},
            "plugins": {"legend": {"display": False}},
        },
    }
    for card in cards:
        if card["url"] is None:
            card.pop("url")
    return {
        "cards": cards,
        "blocks": ["records/dashboard_block.html"],
        "records_year": year,
        "records_figures": figures,
        "records_partner_chart": partner_chart,
        "records_people_chart": people_chart,
        "records_url": _url("records:index"),
    }


def enterprise_figures(enterprise) -> list[Figure]:
    """An enterprise's records in figures (eleven queries)."""
    e = enterprise.pk
    contracts = ServiceContract.objects.filter(enterprise_id=e).aggregate(
        n=Count("pk"), received=Sum("received")
    )
    training = EmployeeTraining.objects.filter(enterprise_id=e).aggregate(
        days=Sum("person_days"), income=Sum("income")
    )
    equipment = TrainingBaseYear.objects.filter(base__enterprise_id=e).aggregate(
        donated=Sum("equipment_donated"), provided=Sum("equipment_provided")
    )
    classes = OrderClass.objects.filter(enterprise_id=e).aggregate(
        n=Count("pk", distinct=True), students=Count("students", distinct=True)
    )
    certification = (
        EnterpriseCertification.objects.filter(enterprise_id=e).order_by("-certified_on").first()
    )
    zero = Decimal("0.00")
    return [
        Figure(gettext_lazy("Order and apprenticeship classes"), classes["n"], "records-classes"),
        Figure(
            gettext_lazy("Students in those classes"), classes["students"], "records-class-students"
        ),
        Figure(
            gettext_lazy("Training bases"),
            TrainingBase.objects.filter(enterprise_id=e).count(),
            "records-bases",
        ),
        Figure(
            gettext_lazy("Equipment donated (CNY)"), equipment["donated"] or zero, "records-donated"
        ),
        Figure(
            gettext_lazy("Equipment provided without transfer (CNY)"),
            equipment["provided"] or zero,
            "records-provided",
        ),
        Figure(
            gettext_lazy("Part-time teachers"),
            len(
                {
                    PartTimeTeacher.person(name)
                    for name in PartTimeTeacher.objects.filter(enterprise_id=e).values_list(
                        "name", flat=True
                    )
                }
            ),
            "records-part-time",
        ),
        Figure(
            gettext_lazy("Teachers' practice stints"),
            TeacherPractice.objects.filter(enterprise_id=e).count(),
            "records-practice",
        ),
        Figure(
            gettext_lazy("Courses and textbooks developed together"),
            CourseDevelopment.objects.filter(enterprise_id=e).count(),
            "records-courses",
        ),
        Figure(gettext_lazy("Service contracts"), contracts["n"], "records-contracts"),
        Figure(
            gettext_lazy("Technical-service income received (CNY)"),
            contracts["received"] or zero,
            "records-income",
        ),
        Figure(
            gettext_lazy("Employee training person-days"), training["days"] or 0, "records-training"
        ),
        Figure(
            gettext_lazy("Visits to open up posts"),
            EnterpriseVisit.objects.filter(enterprise_id=e).count(),
            "records-visits",
        ),
        Figure(
            gettext_lazy("Graduates employed"),
            Employment.objects.filter(employer_id=e).count(),
            "records-hires",
        ),
        Figure(
            gettext_lazy("Industry-education integration certification"),
            f"{certification.get_level_display()} ({certification.certified_on})"
            if certification
            else "–",
            "records-certification",
        ),
    ]


def enterprise_block(enterprise) -> dict:
    """Its classes, bases and part-time teachers, and the timeline (nine queries)."""
    e = enterprise.pk
    return {
        "classes": list(
            OrderClass.objects.filter(enterprise_id=e)
            .select_related("major")
            .annotate(size=Count("students"))
            .order_by("-cohort", "name")[:20]
        ),
        "bases": list(TrainingBase.objects.filter(enterprise_id=e).order_by("name")[:20]),
        "part_time": list(
            PartTimeTeacher.objects.filter(enterprise_id=e).order_by(
                "-academic_year", "-term", "name"
            )[:20]
        ),
        "timeline": enterprise_timeline(enterprise),
        "records_url": _url("records:index"),
    }


def enterprise_timeline(enterprise, *, limit: int = TIMELINE_LENGTH) -> list[tuple]:
    """The enterprise's latest events, newest first: (date, what, title)."""
    from partnerships.models import AnnualReview, CooperationAgreement

    e = enterprise.pk
    events: list[tuple] = []
    sources = [
        (
            CooperationAgreement.objects.filter(enterprise_id=e),
            "starts_on",
            "title",
            gettext_lazy("Agreement"),
        ),
        (
            AnnualReview.objects.filter(agreement__enterprise_id=e),
            "due_on",
            "agreement__title",
            gettext_lazy("Annual review"),
        ),
        (OrderClass.objects.filter(enterprise_id=e), "starts_on", "name", gettext_lazy("Class")),
        (
            ServiceContract.objects.filter(enterprise_id=e),
            "signed_on",
            "title",
            gettext_lazy("Contract"),
        ),
        (
            EmployeeTraining.objects.filter(enterprise_id=e),
            "held_on",
            "title",
            gettext_lazy("Training"),
        ),
        (
            EnterpriseVisit.objects.filter(enterprise_id=e),
            "visited_on",
            "visitors",
            gettext_lazy("Visit"),
        ),
        (
            CourseDevelopment.objects.filter(enterprise_id=e),
            "completed_on",
            "title",
            gettext_lazy("Course or textbook"),
        ),
        (
            TrainingBase.objects.filter(enterprise_id=e),
            "opened_on",
            "name",
            gettext_lazy("Training base"),
        ),
    ]
    for queryset, date_field, title_field, what in sources:
        for day, title in queryset.order_by(f"-{date_field}").values_list(date_field, title_field)[
            :limit
        ]:
            events.append((day, what, title))
    events.sort(key=lambda event: event[0], reverse=True)
    return events[:limit]


def review_figures_link(review) -> tuple:
    """Where a review's figures are explained and corrected."""
    from django.urls import reverse

    return gettext_lazy("Figures from the records, and corrections"), reverse(
        "records:review-figures", args=[review.pk]
    )

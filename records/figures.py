"""The annual review's figures, derived from the cooperation records.

A review (agreement, calendar year Y) gets, for the agreement's enterprise:

- order-class students: the distinct students on the rosters of its order and
  apprenticeship classes of the agreement's majors that run during Y;
- courses / textbooks developed together: those of the agreement's majors
  completed in Y;
- part-time teachers supplied: the distinct people teaching a term in Y
  (an autumn term of academic year Y, a spring term of academic year Y-1),
  of the agreement's majors or of no major;
- equipment donated / provided without transfer of ownership: the year Y
  rows of its training bases of the agreement's majors or of no major;
- technical-service income: money received in Y on its service contracts;
- employee training person-days: its training held in Y.

When the enterprise has several agreements reviewed for Y, each record
counts once: on the review of the first agreement (the lowest id) that covers
its major, and a record of no major or of the whole enterprise (income,
training) on the first agreement's review; the others show 0 for it.

A figure is derived only once the enterprise has any record of the kind
behind it (an enterprise whose figures were typed before the college kept
records keeps them). A ``FigureCorrection`` overrides a derived value, with
its reason. The values that count are written onto the review itself
(``refresh``), so every report summing review figures reads them.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractYear

from partnerships.review_figures import DerivedFigure
from records.models import (
    CourseDevelopment,
    EmployeeTraining,
    FigureCorrection,
    OrderClass,
    PartTimeTeacher,
    ServiceContract,
    TrainingBaseYear,
)

ZERO = Decimal("0.00")
# Which record types feed which review figures.
SOURCES = {
    "order-classes": ("order_class_students",),
    "course-developments": ("courses_developed", "textbooks_developed"),
    "part-time-teachers": ("part_time_teachers",),
    "training-bases": ("equipment_donated", "equipment_provided"),
    "training-base-years": ("equipment_donated", "equipment_provided"),
    "service-contracts": ("service_income",),
    "employee-trainings": ("training_person_days",),
}


def _enterprises_with(model, enterprise_ids, path="enterprise_id") -> set[int]:
    return set(
        model.objects.filter(**{f"{path}__in": enterprise_ids})
        .values_list(path, flat=True)
        .distinct()
    )


def _derive(reviews: list) -> dict[int, dict[str, object]]:
    """Per review id, the figures its records give (ten queries however many reviews)."""
    from partnerships.models import AnnualReview, CooperationAgreement

    agreement_ids = {r.agreement_id for r in reviews}
    enterprise_of = dict(
        CooperationAgreement.objects.filter(pk__in=agreement_ids).values_list("pk", "enterprise_id")
    )
    enterprises = set(enterprise_of.values())
    years = {r.year for r in reviews}
    # The reviews of the same enterprise and year, in agreement order: a record
    # counts on the first of them whose agreement covers its major, and an
    # enterprise-wide one on the first of them, so no report sums it twice.
    siblings: dict[tuple[int, int], list[int]] = defaultdict(list)
    for agreement_id, ent, year in (
        AnnualReview.objects.filter(agreement__enterprise_id__in=enterprises, year__in=years)
        .values_list("agreement_id", "agreement__enterprise_id", "year")
        .order_by("agreement_id")
    ):
        siblings[(ent, year)].append(agreement_id)
    majors_of: dict[int, set[int]] = defaultdict(set)
    for agreement_id, major_id in CooperationAgreement.majors.through.objects.filter(
        cooperationagreement_id__in=agreement_ids.union(*siblings.values())
    ).values_list("cooperationagreement_id", "major_id"):
        majors_of[agreement_id].add(major_id)

    # Order classes: (enterprise, major, first year, last year) -> students.
    classes = defaultdict(set)
    for ent, major, first, last, student in OrderClass.objects.filter(
        enterprise_id__in=enterprises, students__isnull=False
    ).values_list(
        "enterprise_id", "major_id", ExtractYear("starts_on"), ExtractYear("ends_on"), "students"
    ):
        classes[(ent, major, first, last)].add(student)
    has_classes = _enterprises_with(OrderClass, enterprises)

    courses = defaultdict(int)  # (enterprise, major, year, kind) -> count
    for ent, major, year, kind, count in (
        CourseDevelopment.objects.filter(enterprise_id__in=enterprises)
        .values_list("enterprise_id", "major_id", ExtractYear("completed_on"), "kind")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        courses[(ent, major, year, kind)] += count
    has_courses = {key[0] for key in courses}

    teachers = defaultdict(set)  # (enterprise, major, calendar year) -> names
    for ent, major, academic, term, name in PartTimeTeacher.objects.filter(
        enterprise_id__in=enterprises
    ).values_list("enterprise_id", "major_id", "academic_year", "term", "name"):
        calendar = academic + (1 if term == PartTimeTeacher.Term.SPRING else 0)
        teachers[(ent, major, calendar)].add(PartTimeTeacher.person(name))
    has_teachers = {key[0] for key in teachers}

    bases = defaultdict(lambda: [ZERO, ZERO])  # (enterprise, major, year) -> sums
    for ent, major, year, donated, provided in (
        TrainingBaseYear.objects.filter(base__enterprise_id__in=enterprises, year__in=years)
        .values_list("base__enterprise_id", "base__major_id", "year")
        .annotate(d=Sum("equipment_donated"), p=Sum("equipment_provided"))
        .order_by()
    ):
        bases[(ent, major, year)][0] += donated
        bases[(ent, major, year)][1] += provided
    has_bases = _enterprises_with(TrainingBaseYear, enterprises, "base__enterprise_id")

    income = defaultdict(lambda: ZERO)
    for ent, year, received in (
        ServiceContract.objects.filter(enterprise_id__in=enterprises)
        .annotate(y=ExtractYear(Coalesce("received_on", "signed_on")))
        .filter(y__in=years)
        .values_list("enterprise_id", "y")
        .annotate(r=Sum("received"))
        .order_by()
    ):
        income[(ent, year)] += received
    has_contracts = _enterprises_with(ServiceContract, enterprises)

    training = defaultdict(int)
    for ent, year, days in (
        EmployeeTraining.objects.filter(enterprise_id__in=enterprises, held_on__year__in=years)
        .values_list("enterprise_id", ExtractYear("held_on"))
        .annotate(d=Sum("person_days"))
        .order_by()
    ):
        training[(ent, year)] += days
    has_training = _enterprises_with(EmployeeTraining, enterprises)

    found: dict[int, dict[str, object]] = {}
    for review in reviews:
        ent, year = enterprise_of[review.agreement_id], review.year
        order = siblings[(ent, year)]
        earlier = order[: order.index(review.agreement_id)] if review.agreement_id in order else []
        leading = not earlier
        majors = majors_of[review.agreement_id].difference(*(majors_of[a] for a in earlier))
        with_none = majors | {None} if leading else majors
        values: dict[str, object] = {}
        if ent in has_classes:
            students: set[int] = set()
            for (e, major, first, last), roster in classes.items():
                if e == ent and major in majors and first <= year <= last:
                    students |= roster
            values["order_class_students"] = len(students)
        if ent in has_courses:
            for kind, name in (
                ("course", "courses_developed"),
                ("textbook", "textbooks_developed"),
            ):
                values[name] = sum(courses[(ent, major, year, kind)] for major in majors)
        if ent in has_teachers:
            names: set[str] = set()
            for major in with_none:
                names |= teachers.get((ent, major, year), set())
            values["part_time_teachers"] = len(names)
        if ent in has_bases:
            donated = sum((bases[(ent, major, year)][0] for major in with_none), ZERO)
            provided = sum((bases[(ent, major, year)][1] for major in with_none), ZERO)
            values["equipment_donated"] = donated
            values["equipment_provided"] = provided
        if ent in has_contracts:
            values["service_income"] = income[(ent, year)] if leading else ZERO
        if ent in has_training:
            values["training_person_days"] = training[(ent, year)] if leading else 0
        found[review.pk] = values
    return found


def review_figures(reviews: list) -> dict[int, dict[str, DerivedFigure]]:
    """The registered source of partnerships' derived review figures."""
    from partnerships.models import MONEY_FIGURES

    derived = _derive(reviews)
    corrections = defaultdict(dict)
    for correction in FigureCorrection.objects.filter(review__in=[r.pk for r in reviews]):
        corrections[correction.review_id][correction.figure] = correction
    found: dict[int, dict[str, DerivedFigure]] = {}
    for review in reviews:
        values = derived.get(review.pk, {})
        rows = {}
        for name in set(values) | set(corrections[review.pk]):
            correction = corrections[review.pk].get(name)
            value = values.get(name, getattr(review, name))
            if correction is not None:
                corrected = correction.value
                if name not in MONEY_FIGURES:
                    corrected = int(corrected)
                rows[name] = DerivedFigure(derived=value, value=corrected, reason=correction.reason)
            else:
                rows[name] = DerivedFigure(derived=value, value=value)
        found[review.pk] = rows
    return found


def refresh(*, enterprise_ids=(), review_ids=()) -> int:
    """Write the figures that count onto the reviews; the number of reviews changed."""
    from partnerships.models import AnnualReview

    if not enterprise_ids and not review_ids:
        return 0
    reviews = list(
        AnnualReview.objects.filter(
            Q(agreement__enterprise_id__in=set(enterprise_ids)) | Q(pk__in=set(review_ids))
        )
    )
    changed = 0
    for review_id, rows in review_figures(reviews).items():
        review = next(r for r in reviews if r.pk == review_id)
        update = {
            name: row.value for name, row in rows.items() if getattr(review, name) != row.value
        }
        if update:
            AnnualReview.objects.filter(pk=review_id).update(**update)
            changed += 1
    return changed

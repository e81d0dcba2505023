"""Reads for vocational education groups: role scoping and the yearly metrics."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum, Value, When
from django.db.models.functions import ExtractYear

from accounts.access import Role, enterprise_id_of, role_of
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from internships.models import Placement

_STAFF = {Role.ADMINISTRATOR, Role.TEACHER}

METRIC_KEYS = (
    "year",
    "internships",
    "internship_target",
    "hires",
    "employment_target",
    "resources",
    "patents",
    "technical_improvements",
    "achievements",
)

METRICS_DESCRIPTION = """\
A group's figures for one calendar year, computed from the records themselves:

- `internships`: placements with status `active` or `completed` whose `starts_on`
  falls in the year, at an enterprise that was a member of the group on the
  placement's start date (joined_on <= starts_on and left_on empty or >= starts_on).
- `hires`: placements with `hired` = `yes` whose `ends_on` falls in the year, at an
  enterprise that was a member on the placement's end date.
- A member enterprise counts for a year only while its membership overlaps the
  year; one that left before the year began, or joined after it ended, adds nothing.
- `resources`: the group's shared resources whose `year` is the year.
- `patents`, `technical_improvements`, `achievements`: sums over the group's
  research projects *started* in the year (whatever their status).
- `internship_target`, `employment_target`: the group's target row for that year
  when one is set, else the group's standing yearly targets.
"""


# Scoping ------------------------------------------------------------------


def group_visible_to(user) -> QuerySet[EducationGroup]:
    """Staff see every group; a liaison the groups their enterprise is or was in."""
    role = role_of(user)
    if role in _STAFF:
        return EducationGroup.objects.all()
    if role == Role.LIAISON:
        enterprise_id = enterprise_id_of(user)
        if enterprise_id is None:
            return EducationGroup.objects.none()
        return EducationGroup.objects.filter(
            Exists(GroupMember.objects.filter(group=OuterRef("pk"), enterprise_id=enterprise_id))
        )
    return EducationGroup.objects.none()


def _in_visible_groups(queryset: QuerySet, user) -> QuerySet:
    role = role_of(user)
    if role in _STAFF:
        return queryset
    if role == Role.LIAISON:
        return queryset.filter(group__in=group_visible_to(user))
    return queryset.none()


def group_member_visible_to(user) -> QuerySet[GroupMember]:
    return _in_visible_groups(GroupMember.objects.all(), user)


def shared_resource_visible_to(user) -> QuerySet[SharedResource]:
    return _in_visible_groups(SharedResource.objects.all(), user).prefetch_related(
        Prefetch("contributors", queryset=GroupMember.objects.only("id", "name", "group_id"))
    )


def research_project_visible_to(user) -> QuerySet[ResearchProject]:
    return _in_visible_groups(ResearchProject.objects.all(), user).prefetch_related(
        Prefetch("members", queryset=GroupMember.objects.only("id", "name", "group_id"))
    )


def group_target_visible_to(user) -> QuerySet[GroupTarget]:
    return _in_visible_groups(GroupTarget.objects.all(), user)


def group_list_for_page(user) -> QuerySet[EducationGroup]:
    """Groups with their current member counts, for the list page."""
    return group_visible_to(user).annotate(
        current_members=Count("members", filter=Q(members__left_on__isnull=True)),
        member_enterprises=Count(
            "members",
            filter=Q(members__left_on__isnull=True, members__kind=GroupMember.Kind.ENTERPRISE),
        ),
    )


# Metrics ------------------------------------------------------------------


def _member_enterprise_on(group: EducationGroup, day_field: str) -> Exists:
    """The placement's enterprise was a member of ``group`` on ``day_field``."""
    return Exists(
        GroupMember.objects.filter(
            group=group,
            kind=GroupMember.Kind.ENTERPRISE,
            enterprise=OuterRef("enterprise"),
            joined_on__lte=OuterRef(day_field),
        ).filter(Q(left_on__isnull=True) | Q(left_on__gte=OuterRef(day_field)))
    )


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def group_metrics_for_years(*, group: EducationGroup, years: Iterable[int]) -> dict[int, dict]:
    """The metrics of several years at once, in four queries whatever the data.

    See ``METRICS_DESCRIPTION`` for what each figure counts. The queries: the
    years' target rows; one aggregate over the placements (a conditional count
    per year and figure, membership checked with a correlated EXISTS on the
    placement's own start or end date); the resources per year; the research
    outcome sums per start year.
    """
    years = sorted(set(int(year) for year in years))
    if not years:
        return {}
    first, last = _year_range(years[0])[0], _year_range(years[-1])[1]

    targets = {t.year: t for t in GroupTarget.objects.filter(group=group, year__in=years)}

    placements = (
        Placement.objects.filter(
            enterprise__in=GroupMember.objects.filter(group=group, enterprise__isnull=False).values(
                "enterprise"
            )
        )
        .filter(Q(starts_on__range=(first, last)) | Q(ends_on__range=(first, last)))
        .annotate(member_at_start=_member_enterprise_on(group, "starts_on"))
        .annotate(member_at_end=_member_enterprise_on(group, "ends_on"))
    )
    counted = [Placement.Status.ACTIVE, Placement.Status.COMPLETED]
    aggregates = {}
    for year in years:
        aggregates[f"internships_{year}"] = Count(
            "pk",
            filter=Q(
                status__in=counted,
                starts_on__range=_year_range(year),
                member_at_start=True,
            ),
        )
        aggregates[f"hires_{year}"] = Count(
            "pk",
            filter=Q(
                hired=Placement.Hired.YES,
                ends_on__range=_year_range(year),
                member_at_end=True,
            ),
        )
    placement_counts = placements.aggregate(**aggregates)

    resources = dict(
        SharedResource.objects.filter(group=group, year__in=years)
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )

    research = {
        row["started_year"]: row
        for row in ResearchProject.objects.filter(group=group, started_on__range=(first, last))
        .annotate(started_year=ExtractYear("started_on"))
        .values("started_year")
        .annotate(
            patents_sum=Sum("patents"),
            improvements_sum=Sum("technical_improvements"),
            achievements_sum=Sum("achievements"),
        )
    }

    result: dict[int, dict] = {}
    for year in years:
        target = targets.get(year)
        outcomes = research.get(year, {})
        result[year] = {
            "year": year,
            "internships": placement_counts[f"internships_{year}"] or 0,
            "internship_target": target.internships if target else group.internship_target,
            "hires": placement_counts[f"hires_{year}"] or 0,
            "employment_target": target.employment if target else group.employment_target,
            "resources": resources.get(year, 0),
            "patents": outcomes.get("patents_sum") or 0,
            "technical_improvements": outcomes.get("improvements_sum") or 0,
            "achievements": outcomes.get("achievements_sum") or 0,
            # Not part of the API's shape; the pages show them next to the figures.
            "resource_target": target.resources if target else group.resource_target,
            "patent_target": target.patents if target else group.patent_target,
        }
    return result


def group_metrics(*, group: EducationGroup, year: int) -> dict:
    """One year's metrics of a group, exactly the keys of ``METRIC_KEYS``.

    ``internships``: active or completed placements starting in the year at an
    enterprise that was a member on the start date. ``hires``: placements with
    hired = yes ending in the year at an enterprise that was a member on the end
    date. A member that left before the year (or joined after it) never counts.
    ``resources``: shared resources of the year. ``patents``,
    ``technical_improvements``, ``achievements``: sums over research projects
    started in the year. Targets: the year's GroupTarget row, else the group's
    standing targets. Four queries, whatever the number of members or placements.
    """
    figures = group_metrics_for_years(group=group, years=[year])[year]
    return {key: figures[key] for key in METRIC_KEYS}


def group_progress(*, group: EducationGroup, this_year: int, span: int = 4) -> list[dict]:
    """Metrics of the current year and the ``span - 1`` years before, oldest first."""
    years = range(this_year - span + 1, this_year + 1)
    metrics = group_metrics_for_years(group=group, years=years)
    return [metrics[year] for year in years]


LEVELS_FIRST_TO_LAST = ("national", "provincial", "municipal", "none")


def group_dashboard_cards(user, *, year: int, limit: int = 2) -> list[dict]:
    """Home page cards: this year's placements and hires against target, per group.

    At most ``limit`` groups (the highest level first), four queries each.
    """
    from django.urls import reverse
    from django.utils.translation import gettext as _

    rank = Case(
        *(When(level=level, then=Value(i)) for i, level in enumerate(LEVELS_FIRST_TO_LAST)),
        default=Value(len(LEVELS_FIRST_TO_LAST)),
    )
    cards = []
    for group in group_visible_to(user).order_by(rank, "name")[:limit]:
        figures = group_metrics(group=group, year=year)
        url = reverse("groups:group-detail", args=[group.pk])
        short = group.name.split(" ")[0]
        cards.append(
            {
                "label": _("%(group)s: placements %(year)s / target")
                % {"group": short, "year": year},
                "value": f"{figures['internships']} / {figures['internship_target']}",
                "url": url,
            }
        )
        cards.append(
            {
                "label": _("%(group)s: hires %(year)s / target") % {"group": short, "year": year},
                "value": f"{figures['hires']} / {figures['employment_target']}",
                "url": url,
            }
        )
    return cards

"""Reads for vocational education groups: role scoping and the yearly metrics."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from accounts.access import Role, enterprise_id_of, role_of
from groups.models import (
    EducationGroup,
    GroupMember,
    GroupTarget,
    ResearchProject,
    SharedResource,
)
from internships.models import hired_in_q, started_in_q

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


def _year_range(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


TARGET_FIELDS = {
    # figure -> (GroupTarget field, EducationGroup standing field)
    "internship_target": ("internships", "internship_target"),
    "employment_target": ("employment", "employment_target"),
    "resource_target": ("resources", "resource_target"),
    "patent_target": ("patents", "patent_target"),
}


def group_metrics_table(
    *, groups: QuerySet[EducationGroup], years: Iterable[int]
) -> dict[int, dict[int, dict]]:
    """The metrics of every group of ``groups`` for every year: {group id: {year: figures}}.

    The one definition of the group metrics: the group page, the API, the
    dashboard, the summary and the reports all read it. See
    ``METRICS_DESCRIPTION`` for what each figure counts. Four queries whatever
    the data: the groups with each year's target row (subqueries); the
    placements counted from the membership side (each enterprise membership
    joined with the placements at that enterprise on a day it covered,
    counting distinct placements so an enterprise that joined twice does not
    count a placement twice); the resources per year; the research outcome
    sums per start year. Groups come back in the queryset's order.
    """
    years = sorted({int(year) for year in years})
    first, last = _year_range(years[0])[0], _year_range(years[-1])[1]

    annotations = {}
    for year in years:
        target = GroupTarget.objects.filter(group=OuterRef("pk"), year=year)
        for key, (target_field, _standing) in TARGET_FIELDS.items():
            annotations[f"{key}_{year}"] = Subquery(target.values(target_field)[:1])
    standing = [standing for _target, standing in TARGET_FIELDS.values()]
    rows = list(groups.annotate(**annotations).values("id", "name", *standing, *annotations))
    # A subquery, not a list of ids: the same four queries run however many
    # groups there are (none included).
    ids = groups.order_by().values("pk")

    p = "enterprise__placements__"
    # The enterprise was a member on the placement's start (end) date.
    on_start = Q(**{f"{p}starts_on__gte": F("joined_on")}) & (
        Q(left_on__isnull=True) | Q(left_on__gte=F(f"{p}starts_on"))
    )
    on_end = Q(**{f"{p}ends_on__gte": F("joined_on")}) & (
        Q(left_on__isnull=True) | Q(left_on__gte=F(f"{p}ends_on"))
    )
    counts = {}
    for year in years:
        counts[f"internships_{year}"] = Count(
            f"{p}id", distinct=True, filter=on_start & started_in_q(year, prefix=p)
        )
        counts[f"hires_{year}"] = Count(
            f"{p}id", distinct=True, filter=on_end & hired_in_q(year, prefix=p)
        )
    placements = {
        row["group_id"]: row
        for row in GroupMember.objects.filter(
            group_id__in=ids, kind=GroupMember.Kind.ENTERPRISE, enterprise__isnull=False
        )
        .filter(
            Q(**{f"{p}starts_on__range": (first, last)})
            | Q(**{f"{p}ends_on__range": (first, last)})
        )
        .values("group_id")
        .annotate(**counts)
    }

    resources = {
        (group_id, year): n
        for group_id, year, n in SharedResource.objects.filter(group_id__in=ids, year__in=years)
        .values("group_id", "year")
        .annotate(n=Count("pk"))
        .values_list("group_id", "year", "n")
    }

    research = {
        (row["group_id"], row["started_year"]): row
        for row in ResearchProject.objects.filter(group_id__in=ids, started_on__range=(first, last))
        .annotate(started_year=ExtractYear("started_on"))
        .values("group_id", "started_year")
        .annotate(
            patents_sum=Sum("patents"),
            improvements_sum=Sum("technical_improvements"),
            achievements_sum=Sum("achievements"),
        )
    }

    table: dict[int, dict[int, dict]] = {}
    for row in rows:
        group_id = row["id"]
        counted = placements.get(group_id, {})
        table[group_id] = {}
        for year in years:
            outcomes = research.get((group_id, year), {})
            # The year's target row when one is set, else the standing target.
            targets = {
                key: row[f"{key}_{year}"] if row[f"{key}_{year}"] is not None else row[standing]
                for key, (_target, standing) in TARGET_FIELDS.items()
            }
            table[group_id][year] = {
                "year": year,
                "name": row["name"],
                "internships": counted.get(f"internships_{year}") or 0,
                "internship_target": targets["internship_target"],
                "hires": counted.get(f"hires_{year}") or 0,
                "employment_target": targets["employment_target"],
                "resources": resources.get((group_id, year), 0),
                "patents": outcomes.get("patents_sum") or 0,
                "technical_improvements": outcomes.get("improvements_sum") or 0,
                "achievements": outcomes.get("achievements_sum") or 0,
                # Not part of the API's shape; the pages show them next to the figures.
                "resource_target": targets["resource_target"],
                "patent_target": targets["patent_target"],
            }
    return table


def group_metrics_for_years(*, group: EducationGroup, years: Iterable[int]) -> dict[int, dict]:
    """The metrics of several years of one group, in four queries (``group_metrics_table``)."""
    years = list(years)
    if not years:
        return {}
    table = group_metrics_table(groups=EducationGroup.objects.filter(pk=group.pk), years=years)
    return table[group.pk]


def group_figures_of_year(year: int) -> list[dict]:
    """Every group's metrics for the year, by name (the summary's and the reports' rows).

    Each row is ``{"id","name"}`` and the keys of ``METRIC_KEYS`` but the year.
    """
    table = group_metrics_table(groups=EducationGroup.objects.order_by("name", "pk"), years=[year])
    return [
        {"id": group_id, "name": years[year]["name"]}
        | {key: years[year][key] for key in METRIC_KEYS if key != "year"}
        for group_id, years in table.items()
    ]


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

"""Who may do what: the one place that decides it.

A user's role is a Django group (a superuser is an administrator); a liaison
is linked to one enterprise through their profile. ``POLICY`` says which verbs
each role has on each API resource; the viewsets' permission class reads it,
and each app's ``<model>_visible_to(user)`` selector narrows the rows with
``role_of`` and ``enterprise_id_of`` from here.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    TEACHER = "teacher", _("Teacher")
    LIAISON = "liaison", _("Enterprise liaison")
    REPORTER = "reporter", _("Reporter")
    STUDENT = "student", _("Student")


# When a user is in several groups, the first of these wins.
ROLE_PRIORITY = [Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON, Role.REPORTER, Role.STUDENT]

READ = "read"
CREATE = "create"
UPDATE = "update"
DELETE = "delete"
ALL = "*"

A, T, L, R, S = Role.ADMINISTRATOR, Role.TEACHER, Role.LIAISON, Role.REPORTER, Role.STUDENT

# resource -> role -> verbs. A custom action is its own verb (e.g. "activate");
# safe (GET) custom actions need only "read". Rows are narrowed by the selectors.
POLICY: dict[str, dict[str, set[str]]] = {
    "users": {A: {ALL}},
    "departments": {A: {ALL}, T: {READ}, L: {READ}},
    "majors": {A: {ALL}, T: {READ}, L: {READ}},
    "enterprises": {A: {ALL}, T: {READ}, L: {READ}},
    "enterprise-contacts": {A: {ALL}, T: {READ}, L: {READ}},
    "agreements": {A: {ALL}, T: {READ}, L: {READ}},
    "agreement-documents": {A: {ALL}, T: {READ}, L: {READ}},
    "reviews": {A: {ALL}, T: {READ}, L: {READ}},
    "workstations": {A: {ALL}, T: {READ}, L: {READ}},
    "vettings": {A: {ALL}, T: {READ}, L: {READ}},
    "committees": {A: {ALL}, T: {READ}, L: {READ}},
    "committee-members": {A: {ALL}, T: {READ}, L: {READ}},
    "meetings": {A: {ALL}, T: {READ}, L: {READ}},
    "action-items": {A: {ALL}, T: {READ}, L: {READ}},
    "groups": {A: {ALL}, T: {READ}, L: {READ}},
    "group-members": {A: {ALL}, T: {READ}, L: {READ}},
    "group-resources": {A: {ALL}, T: {READ}, L: {READ}},
    "research-projects": {A: {ALL}, T: {READ}, L: {READ}},
    "group-targets": {A: {ALL}, T: {READ}, L: {READ}},
    # A student reads their own record and placements, nothing else of internships.
    "students": {A: {ALL}, T: {READ}, L: {READ}, S: {READ}},
    "positions": {A: {ALL}, T: {READ}, L: {READ, CREATE, UPDATE, "close"}},
    "placements": {
        A: {ALL},
        T: {READ, UPDATE},
        L: {READ, UPDATE},
        S: {READ},
    },
    "attendance": {A: {ALL}, T: {READ}, L: {READ, CREATE, UPDATE, DELETE}},
    # Liaisons are not told a placement's insurance; the enterprise records its pay.
    "insurance-policies": {A: {ALL}, T: {READ, CREATE, UPDATE}},
    "pay-records": {A: {ALL}, T: {READ}, L: {READ, CREATE, UPDATE}},
    # A filing lists students with their personal data: administrators only.
    "filings": {A: {ALL}},
    # Teachers and liaisons delete only the logs they wrote (the service checks).
    "placement-logs": {
        A: {ALL},
        T: {READ, CREATE, UPDATE, DELETE},
        L: {READ, CREATE, UPDATE, DELETE},
    },
    "evaluations": {A: {ALL}, T: {READ, CREATE, UPDATE}, L: {READ, CREATE, UPDATE}},
    "notifications": {
        A: {READ, "read", "read_all"},
        T: {READ, "read", "read_all"},
        L: {READ, "read", "read_all"},
        R: {READ, "read", "read_all"},
        S: {READ, "read", "read_all"},
    },
    "notification-preferences": {
        A: {READ, UPDATE},
        T: {READ, UPDATE},
        L: {READ, UPDATE},
        R: {READ, UPDATE},
        S: {READ, UPDATE},
    },
    "reports": {A: {ALL}, R: {READ, CREATE}},
    # The internship as it happens (practice/): a student writes their own
    # check-ins, journals and report; the supervising teacher reviews them.
    "internship-plans": {A: {ALL}, T: {READ}},
    "check-ins": {A: {READ}, T: {READ}, L: {READ}, S: {READ, CREATE, "check_out"}},
    "journals": {
        A: {READ, "review", "return_"},
        T: {READ, "review", "return_"},
        S: {READ, CREATE, UPDATE, DELETE, "submit"},
    },
    "internship-reports": {
        A: {READ, "review", "return_"},
        T: {READ, "review", "return_"},
        S: {READ, CREATE, UPDATE, "submit"},
    },
    "incidents": {A: {READ}, T: {READ}, S: {READ, CREATE}},
    # GET /placements/<id>/grade/ and its approval (practice/api).
    "grades": {A: {READ, "approve"}, T: {READ, "approve"}, S: {READ}},
    # Cooperation records (records/kinds.py): administrators keep them, teachers
    # read them, a liaison reads their own enterprise's (the selector narrows);
    # reporters read only the figures they add up to. The college's own people
    # and certificates are no liaison's business.
    "teachers": {A: {ALL}, T: {READ}},
    "certificates": {A: {ALL}, T: {READ}},
    "certificate-passes": {A: {ALL}, T: {READ}},
    **{
        resource: {A: {ALL}, T: {READ}, L: {READ}}
        for resource in (
            "teacher-practices",
            "part-time-teachers",
            "order-classes",
            "training-bases",
            "training-base-years",
            "course-developments",
            "service-contracts",
            "employee-trainings",
            "enterprise-visits",
            "employments",
            "enterprise-certifications",
            "figure-corrections",
        )
    },
    # Internship agreements: a liaison signs for their enterprise, a student
    # for themselves (and their guardian); the selectors narrow the rows.
    "document-templates": {A: {ALL}, T: {READ}, L: {READ}},
    "internship-agreements": {
        A: {ALL},
        T: {READ},
        L: {READ, "sign"},
        S: {READ, "sign"},
    },
    # Allocation rounds (allocation/): the school runs them; students rank
    # positions, liaisons decide on their enterprise's applicants (selectors).
    "allocation-rounds": {
        A: {ALL},
        T: {READ},
    },
    "applications": {
        A: {ALL},
        T: {READ},
        L: {READ, UPDATE, "accept", "reject"},
        S: {READ, CREATE, UPDATE, DELETE},
    },
}


def role_of(user) -> Role | None:
    """The user's role, computed once per user object (one query at most)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return None
    cached = getattr(user, "_role_cache", False)
    if cached is not False:
        return cached
    if user.is_superuser:
        role: Role | None = Role.ADMINISTRATOR
    else:
        names = set(user.groups.values_list("name", flat=True))
        role = next((r for r in ROLE_PRIORITY if r.value in names), None)
    user._role_cache = role
    return role


def enterprise_id_of(user) -> int | None:
    """The enterprise a liaison works for; None for everyone else."""
    if role_of(user) != Role.LIAISON:
        return None
    cached = getattr(user, "_enterprise_cache", False)
    if cached is not False:
        return cached
    from accounts.models import Profile

    enterprise_id = (
        Profile.objects.filter(user=user).values_list("enterprise_id", flat=True).first()
    )
    user._enterprise_cache = enterprise_id
    return enterprise_id


def student_id_of(user) -> int | None:
    """The Student record a student signs in as; None for everyone else."""
    if role_of(user) != Role.STUDENT:
        return None
    cached = getattr(user, "_student_cache", False)
    if cached is not False:
        return cached

    # accounts imports no area: the model is reached through the user's link.
    related = user._meta.get_field("student_record").related_model
    student_id = related.objects.filter(user=user).values_list("pk", flat=True).first()
    user._student_cache = student_id
    return student_id


def is_administrator(user) -> bool:
    return role_of(user) == Role.ADMINISTRATOR


def is_staff_member(user) -> bool:
    """An active administrator or teacher: who may own an agreement, lead a
    workstation or supervise a placement. ``accounts.selectors.staff_users``
    lists the same people."""
    return (
        user is not None and user.is_active and role_of(user) in (Role.ADMINISTRATOR, Role.TEACHER)
    )


def allows(user, resource: str, verb: str) -> bool:
    role = role_of(user)
    if role is None:
        return False
    verbs = POLICY.get(resource, {}).get(role, set())
    return ALL in verbs or verb in verbs

"""The named placeholders a document template may use, and their substitution.

A template is data: ``{{ name }}`` is replaced by the value of one of the
names below, read from the placement, and nothing else in the text has any
meaning. No template engine runs the college's text, so a template cannot
reach anything the list does not name. A name outside the list is refused when
the template is saved (``unknown_placeholder``). docs/contracts.md lists them.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.exceptions import RuleError

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")

# name -> what it stands for (shown to the template's editor).
PLACEHOLDERS: dict[str, object] = {
    "agreement_number": gettext_lazy("the document's number"),
    "college_name": gettext_lazy("the college's name (setting CONTRACTS_COLLEGE_NAME)"),
    "student_name": gettext_lazy("the student's name"),
    "student_number": gettext_lazy("the student number"),
    "student_major": gettext_lazy("the student's major"),
    "student_cohort": gettext_lazy("the year of enrolment"),
    "student_birth_date": gettext_lazy("the student's date of birth"),
    "enterprise_name": gettext_lazy("the enterprise's name"),
    "enterprise_credit_code": gettext_lazy("the enterprise's unified social credit code"),
    "enterprise_city": gettext_lazy("the enterprise's city"),
    "position_title": gettext_lazy("the post"),
    "internship_kind": gettext_lazy("the kind of internship"),
    "starts_on": gettext_lazy("the first day"),
    "ends_on": gettext_lazy("the last day"),
    "daily_hours": gettext_lazy("working hours a day"),
    "night_shift": gettext_lazy("whether the post has night shifts"),
    "monthly_pay": gettext_lazy("the monthly pay in CNY"),
    "insurance_policy": gettext_lazy("the liability insurance policy"),
    "insurance_expires_on": gettext_lazy("the insurance's expiry"),
    "mentor_name": gettext_lazy("the enterprise mentor"),
    "supervisor_name": gettext_lazy("the school supervisor"),
    "changes": gettext_lazy("an amendment's changed terms"),
    "today": gettext_lazy("the date the document is generated"),
}

# The placement's fields whose change after signing needs an amendment.
TERM_FIELDS = ("starts_on", "ends_on", "position", "mentor_name")
# The position's fields that are terms of the agreement too.
POSITION_TERM_FIELDS = ("title", "daily_hours", "night_shift", "monthly_pay")

KIND_NAMES = {"cognitive": "认识实习", "shadow": "岗位实习（跟岗）", "post": "岗位实习"}


def names_in(body: str) -> list[str]:
    return PLACEHOLDER.findall(body or "")


def check_body(body: str) -> None:
    """Refuse a template that names a placeholder outside the list."""
    unknown = sorted({name for name in names_in(body) if name not in PLACEHOLDERS})
    if unknown:
        raise RuleError(
            "unknown_placeholder",
            _("Unknown placeholder: %(names)s. Use only the documented names.")
            % {"names": ", ".join(unknown)},
            field="body",
        )


def _person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def terms_of(placement) -> dict[str, str]:
    """The agreed terms: the values that, once signed, only an amendment changes."""
    position = placement.position
    return {
        "student_name": placement.student.name,
        "student_number": placement.student.student_number,
        "enterprise_name": placement.enterprise.name,
        "position_title": position.title,
        "internship_kind": KIND_NAMES.get(position.kind, position.kind),
        "starts_on": placement.starts_on.isoformat(),
        "ends_on": placement.ends_on.isoformat(),
        "daily_hours": f"{position.daily_hours}",
        "night_shift": "有" if position.night_shift else "无",
        "monthly_pay": f"{position.monthly_pay}",
        "mentor_name": placement.mentor_name,
    }


def values_for(agreement) -> dict[str, str]:
    """Every placeholder's value for a document of this placement."""
    placement = agreement.placement
    student = placement.student
    enterprise = placement.enterprise
    values = {
        **terms_of(placement),
        "agreement_number": agreement.number,
        "college_name": settings.CONTRACTS_COLLEGE_NAME,
        "student_major": str(student.major) if student.major_id else "",
        "student_cohort": str(student.cohort),
        "student_birth_date": student.date_of_birth.isoformat(),
        "enterprise_credit_code": enterprise.credit_code or "",
        "enterprise_city": enterprise.city or "",
        "insurance_policy": placement.insurance_policy,
        "insurance_expires_on": (
            placement.insurance_expires_on.isoformat() if placement.insurance_expires_on else ""
        ),
        "supervisor_name": _person(placement.supervisor),
        "changes": "；".join(agreement.changes or []),
        "today": timezone.localdate().isoformat(),
    }
    return values


def fill(body: str, values: dict[str, str]) -> str:
    """Replace each placeholder by its value; only the listed names exist."""
    return PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), "")), body)

"""The internship policy: every rule of the national Vocational School Student
Internship Management Regulations (2021) that the product enforces, in one place.

The numbers come from settings (``INTERNSHIP_*``) so that a province with
stricter rules can tighten them. The policy only checks and reports; the
services lock the rows the counts depend on before asking it, and turn the
first failure into a ``RuleError``.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from internships import hooks

# The rule codes, in the order they are checked (and reported).
UNDERAGE = "underage"
FIRST_YEAR_STUDENT = "first_year_student"
HOURS_EXCEEDED = "hours_exceeded"
NIGHT_SHIFT = "night_shift"
PAY_BELOW_MINIMUM = "pay_below_minimum"
OVERLAPPING_PLACEMENT = "overlapping_placement"
CAPACITY_FULL = "capacity_full"
POST_INTERN_SHARE = "post_intern_share"
ENTERPRISE_INTERN_SHARE = "enterprise_intern_share"
INSURANCE_MISSING = "insurance_missing"
AGREEMENT_UNSIGNED = "agreement_unsigned"
GUARDIAN_CONSENT_MISSING = "guardian_consent_missing"

# Warnings do not refuse anything; they are stored on the placement.
LONG_POST_INTERNSHIP = "long_post_internship"

# The placement field each rule concerns (forms show the message next to it).
PLACEMENT_FIELD = {
    UNDERAGE: "student",
    FIRST_YEAR_STUDENT: "student",
    HOURS_EXCEEDED: "position",
    NIGHT_SHIFT: "position",
    PAY_BELOW_MINIMUM: "position",
    OVERLAPPING_PLACEMENT: "student",
    CAPACITY_FULL: "position",
    POST_INTERN_SHARE: "position",
    ENTERPRISE_INTERN_SHARE: "position",
    INSURANCE_MISSING: "insurance_expires_on",
    AGREEMENT_UNSIGNED: "agreement_signed",
    GUARDIAN_CONSENT_MISSING: "guardian_consent",
}
# The position field each position-level rule concerns.
POSITION_FIELD = {
    HOURS_EXCEEDED: "daily_hours",
    NIGHT_SHIFT: "exception_filing",
    PAY_BELOW_MINIMUM: "monthly_pay",
}


@dataclass(frozen=True)
class Failure:
    code: str
    message: str
    status: int = 400

    def error(self, *, field: str | None = None) -> RuleError:
        return RuleError(self.code, self.message, field=field, status=self.status)


def age_on(date_of_birth: datetime.date, day: datetime.date) -> int:
    """Completed years of age on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - int(before_birthday)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _share(value) -> Decimal:
    return Decimal(str(value))


@dataclass(frozen=True)
class InternshipPolicy:
    min_age: int = 16
    first_year_rule: bool = True
    enterprise_share: Decimal = Decimal("0.10")
    post_share: Decimal = Decimal("0.20")
    pay_share: Decimal = Decimal("0.80")
    max_daily_hours: Decimal = Decimal("8")
    night_shift_rule: bool = True
    adult_age: int = 18
    long_post_months: int = 6

    @classmethod
    def from_settings(cls) -> InternshipPolicy:
        return cls(
            min_age=settings.INTERNSHIP_MIN_AGE,
            first_year_rule=settings.INTERNSHIP_FIRST_YEAR_RULE,
            enterprise_share=_share(settings.INTERNSHIP_ENTERPRISE_SHARE),
            post_share=_share(settings.INTERNSHIP_POST_SHARE),
            pay_share=_share(settings.INTERNSHIP_PAY_SHARE),
            max_daily_hours=_share(settings.INTERNSHIP_MAX_DAILY_HOURS),
            night_shift_rule=settings.INTERNSHIP_NIGHT_SHIFT_RULE,
            adult_age=settings.INTERNSHIP_ADULT_AGE,
            long_post_months=settings.INTERNSHIP_LONG_POST_MONTHS,
        )

    # -- rules about the position alone ------------------------------------

    def position_failures(self, position) -> list[Failure]:
        """Hours, night shift and pay: what the position itself must respect."""
        failures = []
        if Decimal(position.daily_hours) > self.max_daily_hours:
            failures.append(
                Failure(
                    HOURS_EXCEEDED,
                    _("Interns may work at most %(max)s hours a day; this post has %(hours)s.")
                    % {"max": self.max_daily_hours, "hours": position.daily_hours},
                )
            )
        if self.night_shift_rule and position.night_shift and not position.exception_filing:
            failures.append(
                Failure(
                    NIGHT_SHIFT,
                    _(
                        "Interns may not work night shifts unless the higher authority approved "
                        "a special arrangement; give its filing reference."
                    ),
                )
            )
        if position.kind == "post":
            minimum = (self.pay_share * Decimal(position.post_wage)).quantize(Decimal("0.01"))
            if Decimal(position.monthly_pay) < minimum:
                failures.append(
                    Failure(
                        PAY_BELOW_MINIMUM,
                        _(
                            "A post intern's pay must be at least %(share)s%% of the same post's "
                            "wage, that is %(minimum)s CNY a month."
                        )
                        % {"share": _percent(self.pay_share), "minimum": minimum},
                    )
                )
        return failures

    # -- rules about the student -------------------------------------------

    def student_failures(self, *, student, position, starts_on: datetime.date) -> list[Failure]:
        failures = []
        age = age_on(student.date_of_birth, starts_on)
        if position.kind in ("shadow", "post") and age < self.min_age:
            failures.append(
                Failure(
                    UNDERAGE,
                    _(
                        "Students under %(min)d may not take shadow or post internships; "
                        "this student is %(age)d on the start date."
                    )
                    % {"min": self.min_age, "age": age},
                )
            )
        if self.first_year_rule and position.kind == "post":
            second_year = datetime.date(student.cohort + 1, 9, 1)
            if starts_on < second_year:
                failures.append(
                    Failure(
                        FIRST_YEAR_STUDENT,
                        _(
                            "First-year students may not take post internships; this student "
                            "may start one from %(date)s."
                        )
                        % {"date": second_year.isoformat()},
                    )
                )
        return failures

    # -- counts (the caller holds the row locks) -----------------------------

    def count_failures(
        self,
        *,
        student,
        position,
        enterprise,
        starts_on: datetime.date,
        ends_on: datetime.date,
        exclude_pk: int | None = None,
    ) -> list[Failure]:
        """Overlap, capacity and the two shares among planned and active placements
        whose dates overlap ``starts_on``..``ends_on``.

        Call it only with the Student, Position and (for post internships)
        Enterprise rows locked, or two requests may both see a free place.
        """
        from internships.models import Placement

        current = Placement.objects.current().overlapping(starts_on, ends_on)
        if exclude_pk is not None:
            current = current.exclude(pk=exclude_pk)
        failures = []
        if current.filter(student=student).exists():
            failures.append(
                Failure(
                    OVERLAPPING_PLACEMENT,
                    _("This student already has a planned or active placement at that time."),
                )
            )
        at_position = current.filter(position=position).count()
        if at_position >= position.capacity:
            failures.append(
                Failure(
                    CAPACITY_FULL,
                    _("All %(capacity)d places of this position are taken for these dates.")
                    % {"capacity": position.capacity},
                    status=409,
                )
            )
        if position.kind == "post":
            # Counting this placement too: (interns + 1) must stay within the share.
            if at_position + 1 > self.post_share * position.post_headcount:
                failures.append(
                    Failure(
                        POST_INTERN_SHARE,
                        _(
                            "Post interns on one post may be at most %(share)s%% of its "
                            "headcount (%(headcount)d)."
                        )
                        % {
                            "share": _percent(self.post_share),
                            "headcount": position.post_headcount,
                        },
                    )
                )
            at_enterprise = current.filter(enterprise=enterprise, position__kind="post").count()
            if at_enterprise + 1 > self.enterprise_share * enterprise.workforce:
                failures.append(
                    Failure(
                        ENTERPRISE_INTERN_SHARE,
                        _(
                            "Post interns at one enterprise may be at most %(share)s%% of its "
                            "workforce (%(workforce)d)."
                        )
                        % {
                            "share": _percent(self.enterprise_share),
                            "workforce": enterprise.workforce,
                        },
                    )
                )
        return failures

    # -- activation ---------------------------------------------------------

    def activation_failures(self, placement) -> list[Failure]:
        failures = []
        if not placement.insurance_policy or (
            placement.insurance_expires_on is None
            or placement.insurance_expires_on < placement.ends_on
        ):
            failures.append(
                Failure(
                    INSURANCE_MISSING,
                    _(
                        "Liability insurance must cover the whole placement: give the policy "
                        "and an expiry on or after %(date)s."
                    )
                    % {"date": placement.ends_on.isoformat()},
                )
            )
        # The paperwork: the signed agreement by default; contracts registers its own.
        failures.extend(hooks.paperwork_failures(placement, _checkbox_failures))
        student = placement.student
        if age_on(student.date_of_birth, placement.starts_on) < self.adult_age and not (
            placement.guardian_consent
        ):
            failures.append(
                Failure(
                    GUARDIAN_CONSENT_MISSING,
                    _("The student is under %(age)d: a guardian's written consent is needed.")
                    % {"age": self.adult_age},
                )
            )
        return failures

    # -- everything at once -------------------------------------------------

    def placement_failures(
        self,
        *,
        student,
        position,
        enterprise,
        starts_on: datetime.date,
        ends_on: datetime.date,
        exclude_pk: int | None = None,
    ) -> list[Failure]:
        """Every create-time rule, in the order of the table in docs/rules.md."""
        return [
            *self.student_failures(student=student, position=position, starts_on=starts_on),
            *self.position_failures(position),
            *self.count_failures(
                student=student,
                position=position,
                enterprise=enterprise,
                starts_on=starts_on,
                ends_on=ends_on,
                exclude_pk=exclude_pk,
            ),
        ]

    def warnings(self, *, position, starts_on: datetime.date, ends_on: datetime.date) -> list:
        if position.kind == "post" and ends_on > add_months(starts_on, self.long_post_months):
            return [LONG_POST_INTERNSHIP]
        return []


def _percent(share: Decimal) -> str:
    return f"{(share * 100).normalize():f}"


WARNING_MESSAGES = {
    LONG_POST_INTERNSHIP: lambda: (
        _("This post internship is longer than %(months)d months, the usual maximum.")
        % {"months": settings.INTERNSHIP_LONG_POST_MONTHS}
    ),
}


def warning_message(code: str) -> str:
    message = WARNING_MESSAGES.get(code)
    return message() if message else code


def _checkbox_failures(placement) -> list[Failure]:
    if placement.agreement_signed:
        return []
    return [
        Failure(
            AGREEMENT_UNSIGNED,
            _("The tripartite agreement (school, enterprise, student) must be signed."),
        )
    ]


def current_policy() -> InternshipPolicy:
    return InternshipPolicy.from_settings()

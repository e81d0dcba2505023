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
# Raised by the paperwork ``contracts`` registers (internships/hooks.py); its
# article is here with the others.
CONSENT_MISSING = "consent_missing"
# Compliance beyond the core rules.
ENTERPRISE_NOT_VETTED = "enterprise_not_vetted"
PROHIBITED_VENUE = "prohibited_venue"
INTENSITY_TOO_HIGH = "intensity_too_high"
HIGH_RISK_WORK = "high_risk_work"
MINOR_FORBIDDEN_WORK = "minor_forbidden_work"
FEMALE_FORBIDDEN_WORK = "female_forbidden_work"
OUTSIDE_MAJOR = "outside_major"
DESTINATION_UNAPPROVED = "destination_unapproved"
PREMIUM_CHARGED_TO_STUDENT = "premium_charged_to_student"
INSURANCE_NOT_COVERING = "insurance_not_covering"

# The kinds the 2021 regulation calls 岗位实习: follow-post (跟岗) and post
# (顶岗) alike fall under the first-year rule and both shares.
POSTED_KINDS = ("shadow", "post")

# The "generally" (原则上) rules an administrator may override for one
# placement with a recorded reason.
OVERRIDABLE = (POST_INTERN_SHARE, ENTERPRISE_INTERN_SHARE)

# The article of the Vocational School Student Internship Management
# Regulations (2021) each rule comes from; a refusal names it.
ARTICLES = {
    ENTERPRISE_NOT_VETTED: "Art. 7",
    POST_INTERN_SHARE: "Art. 9",
    ENTERPRISE_INTERN_SHARE: "Art. 9",
    OUTSIDE_MAJOR: "Art. 10",
    AGREEMENT_UNSIGNED: "Art. 12",
    CONSENT_MISSING: "Art. 12",
    GUARDIAN_CONSENT_MISSING: "Art. 12",
    DESTINATION_UNAPPROVED: "Art. 14",
    UNDERAGE: "Art. 16",
    FIRST_YEAR_STUDENT: "Art. 16",
    MINOR_FORBIDDEN_WORK: "Art. 16",
    FEMALE_FORBIDDEN_WORK: "Art. 16",
    PROHIBITED_VENUE: "Art. 16",
    INTENSITY_TOO_HIGH: "Art. 16",
    HIGH_RISK_WORK: "Art. 17",
    HOURS_EXCEEDED: "Art. 17",
    NIGHT_SHIFT: "Art. 17",
    PAY_BELOW_MINIMUM: "Art. 18",
    INSURANCE_MISSING: "Art. 35",
    INSURANCE_NOT_COVERING: "Art. 35",
    PREMIUM_CHARGED_TO_STUDENT: "Art. 35",
}

# Venues the regulation names (bars, night clubs, KTV, bathhouses, arcades,
# internet cafés): every internship there is refused.
PROHIBITED_VENUES = ("bar", "night_club", "ktv", "bathhouse", "arcade", "internet_cafe")

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
    ENTERPRISE_NOT_VETTED: "position",
    PROHIBITED_VENUE: "position",
    INTENSITY_TOO_HIGH: "position",
    HIGH_RISK_WORK: "position",
    MINOR_FORBIDDEN_WORK: "student",
    FEMALE_FORBIDDEN_WORK: "student",
    OUTSIDE_MAJOR: "student",
    DESTINATION_UNAPPROVED: "destination",
}
# The position field each position-level rule concerns.
POSITION_FIELD = {
    HOURS_EXCEEDED: "daily_hours",
    NIGHT_SHIFT: "exception_filing",
    PAY_BELOW_MINIMUM: "monthly_pay",
    PROHIBITED_VENUE: "venue_category",
    INTENSITY_TOO_HIGH: "intensity_grade",
    HIGH_RISK_WORK: "high_risk",
}


# Flags raised from recorded hours (they refuse nothing; supervisors and reports see them).
OVERTIME_DAY = "overtime_day"
OVERTIME_WEEK = "overtime_week"
NIGHT_WORK = "night_work"
HOLIDAY_WORK = "holiday_work"


@dataclass(frozen=True)
class HourFlag:
    placement_id: int
    date: datetime.date  # the day, or the Monday of the week for overtime_week
    code: str
    hours: Decimal

    @property
    def label(self) -> str:
        return str(HOUR_FLAG_LABELS[self.code]())

    @property
    def article(self) -> str:
        return ARTICLES[HOURS_EXCEEDED]


HOUR_FLAG_LABELS = {
    OVERTIME_DAY: lambda: _("More hours than the daily limit"),
    OVERTIME_WEEK: lambda: _("More hours than the weekly limit"),
    NIGHT_WORK: lambda: _("Night work"),
    HOLIDAY_WORK: lambda: _("Work on a statutory holiday"),
}


@dataclass(frozen=True)
class Failure:
    code: str
    message: str
    status: int = 400

    def error(self, *, field: str | None = None) -> RuleError:
        return RuleError(
            self.code,
            self.message,
            field=field,
            status=self.status,
            article=ARTICLES.get(self.code, ""),
        )


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
    vetting_rule: bool = True
    max_intensity_grade: int = 2
    max_weekly_hours: Decimal = Decimal("44")
    major_rule: bool = True

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
            vetting_rule=settings.INTERNSHIP_VETTING_RULE,
            max_intensity_grade=settings.INTERNSHIP_MAX_INTENSITY_GRADE,
            max_weekly_hours=_share(settings.INTERNSHIP_MAX_WEEKLY_HOURS),
            major_rule=settings.INTERNSHIP_MAJOR_RULE,
        )

    # -- rules about the position alone ------------------------------------

    def position_failures(self, position) -> list[Failure]:
        """Venue, intensity, high risk, hours, night shift and pay: what the
        position itself must respect."""
        failures = []
        if position.venue_category in PROHIBITED_VENUES:
            failures.append(
                Failure(
                    PROHIBITED_VENUE,
                    _(
                        "Students may not intern at bars, night clubs, karaoke venues, "
                        "bathhouses, amusement arcades or internet cafés."
                    ),
                )
            )
        if position.intensity_grade > self.max_intensity_grade:
            failures.append(
                Failure(
                    INTENSITY_TOO_HIGH,
                    _("Students may not do physical labour above intensity grade %(grade)s.")
                    % {"grade": _roman(self.max_intensity_grade)},
                )
            )
        if position.high_risk and not position.exception_filing:
            failures.append(
                Failure(
                    HIGH_RISK_WORK,
                    _(
                        "High-risk work (heights, underground, radioactive, toxic, flammable "
                        "or explosive) needs a special arrangement filed with the higher "
                        "authority; give its filing reference."
                    ),
                )
            )
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
            failures += self._pay_failures(position)
        return failures

    def pay_minimum(self, position) -> Decimal:
        """The least monthly pay of a post intern (Art. 18): the lowest wage
        grade when the enterprise declares one, otherwise the share of the
        same post's wage."""
        if position.lowest_wage_grade is not None:
            return Decimal(position.lowest_wage_grade).quantize(Decimal("0.01"))
        return (self.pay_share * Decimal(position.post_wage)).quantize(Decimal("0.01"))

    def _pay_failures(self, position) -> list[Failure]:
        minimum = self.pay_minimum(position)
        if Decimal(position.monthly_pay) >= minimum:
            return []
        if position.lowest_wage_grade is not None:
            message = _(
                "A post intern's pay must be at least the enterprise's lowest wage grade, "
                "%(minimum)s CNY a month."
            ) % {"minimum": minimum}
        else:
            message = _(
                "A post intern's pay must be at least %(share)s%% of the same post's "
                "wage, that is %(minimum)s CNY a month."
            ) % {"share": _percent(self.pay_share), "minimum": minimum}
        return [Failure(PAY_BELOW_MINIMUM, message)]

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
        if self.first_year_rule and position.kind in POSTED_KINDS:
            second_year = datetime.date(student.cohort + 1, 9, 1)
            if starts_on < second_year:
                failures.append(
                    Failure(
                        FIRST_YEAR_STUDENT,
                        _(
                            "First-year students may not take follow-post or post internships; "
                            "this student may start one from %(date)s."
                        )
                        % {"date": second_year.isoformat()},
                    )
                )
        if position.forbidden_to_minors and age < self.adult_age:
            failures.append(
                Failure(
                    MINOR_FORBIDDEN_WORK,
                    _(
                        "This post's work is forbidden to minors, and the student is under "
                        "%(age)d on the start date."
                    )
                    % {"age": self.adult_age},
                )
            )
        if position.forbidden_to_women and student.sex == "female":
            failures.append(
                Failure(
                    FEMALE_FORBIDDEN_WORK,
                    _(
                        "This post's work is forbidden to women under the special labour "
                        "protection rules for women workers."
                    ),
                )
            )
        categories = [str(c) for c in (position.major_categories or [])]
        if self.major_rule and categories and major_category(student.major.code) not in categories:
            failures.append(
                Failure(
                    OUTSIDE_MAJOR,
                    _(
                        "This post suits the major categories %(categories)s; the student's "
                        "major is outside them."
                    )
                    % {"categories": ", ".join(categories)},
                )
            )
        return failures

    # -- the enterprise ------------------------------------------------------

    def vetting_failures(self, *, enterprise, starts_on: datetime.date) -> list[Failure]:
        """An internship unit must hold an approved vetting valid on the start date."""
        from partnerships.models import EnterpriseVetting

        if not self.vetting_rule:
            return []
        if EnterpriseVetting.objects.filter(enterprise=enterprise).valid_on(starts_on).exists():
            return []
        return [
            Failure(
                ENTERPRISE_NOT_VETTED,
                _("The enterprise has no approved vetting as an internship unit valid on %(date)s.")
                % {"date": starts_on.isoformat()},
            )
        ]

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
        overridden: frozenset[str] = frozenset(),
    ) -> list[Failure]:
        """Overlap, capacity and the two shares among planned and active placements
        whose dates overlap ``starts_on``..``ends_on``.

        Call it only with the Student, Position and (for follow-post and post
        internships) Enterprise rows locked, or two requests may both see a
        free place. ``overridden`` names the share rules an administrator
        overrode for this placement.
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
        if position.kind in POSTED_KINDS:
            # Counting this placement too: (interns + 1) must stay within the share.
            if (
                POST_INTERN_SHARE not in overridden
                and at_position + 1 > self.post_share * position.post_headcount
            ):
                failures.append(
                    Failure(
                        POST_INTERN_SHARE,
                        _(
                            "Follow-post and post interns on one post may be at most "
                            "%(share)s%% of its headcount (%(headcount)d)."
                        )
                        % {
                            "share": _percent(self.post_share),
                            "headcount": position.post_headcount,
                        },
                    )
                )
            at_enterprise = current.filter(
                enterprise=enterprise, position__kind__in=POSTED_KINDS
            ).count()
            if (
                ENTERPRISE_INTERN_SHARE not in overridden
                and at_enterprise + 1 > self.enterprise_share * enterprise.workforce
            ):
                failures.append(
                    Failure(
                        ENTERPRISE_INTERN_SHARE,
                        _(
                            "Follow-post and post interns at one enterprise may be at most "
                            "%(share)s%% of its workforce (%(workforce)d)."
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
        if not is_insured(placement):
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
        if placement.destination != "local" and placement.destination_approved_on is None:
            failures.append(
                Failure(
                    DESTINATION_UNAPPROVED,
                    _(
                        "A placement in another province or abroad needs the approval step "
                        "before it starts."
                    ),
                )
            )
        return failures

    # -- recorded hours (Art. 17) ------------------------------------------

    def hour_flags(self, entries) -> list[HourFlag]:
        """Overtime (a day over the daily limit, a week over the weekly one),
        night work and work on a statutory holiday, from recorded hours.

        ``entries`` are ``internships.hours.HourEntry`` of one or more
        placements; the sources may record the same day twice (attendance and
        a check-out), so a day counts the largest of its records.
        """
        from common.workdays import is_statutory_holiday

        days: dict[tuple[int, datetime.date], tuple[Decimal, Decimal]] = {}
        for entry in entries:
            key = (entry.placement_id, entry.date)
            hours, night = days.get(key, (Decimal(0), Decimal(0)))
            days[key] = (max(hours, Decimal(entry.hours)), max(night, Decimal(entry.night_hours)))
        flags = []
        weeks: dict[tuple[int, int, int], Decimal] = {}
        for (placement_id, day), (hours, night) in sorted(days.items()):
            if hours > self.max_daily_hours:
                flags.append(HourFlag(placement_id, day, OVERTIME_DAY, hours))
            if night > 0:
                flags.append(HourFlag(placement_id, day, NIGHT_WORK, night))
            if hours > 0 and is_statutory_holiday(day):
                flags.append(HourFlag(placement_id, day, HOLIDAY_WORK, hours))
            year, week, _weekday = day.isocalendar()
            weeks[(placement_id, year, week)] = weeks.get((placement_id, year, week), 0) + hours
        for (placement_id, year, week), hours in sorted(weeks.items()):
            if hours > self.max_weekly_hours:
                monday = datetime.date.fromisocalendar(year, week, 1)
                flags.append(HourFlag(placement_id, monday, OVERTIME_WEEK, hours))
        return sorted(flags, key=lambda f: (f.placement_id, f.date, f.code))

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
        overridden: frozenset[str] = frozenset(),
    ) -> list[Failure]:
        """Every create-time rule, in the order of the table in docs/rules.md."""
        return [
            *self.student_failures(student=student, position=position, starts_on=starts_on),
            *self.position_failures(position),
            *self.vetting_failures(enterprise=enterprise, starts_on=starts_on),
            *self.count_failures(
                student=student,
                position=position,
                enterprise=enterprise,
                starts_on=starts_on,
                ends_on=ends_on,
                exclude_pk=exclude_pk,
                overridden=overridden,
            ),
        ]

    def candidate_failures(
        self,
        *,
        student,
        position,
        enterprise,
        starts_on: datetime.date,
        ends_on: datetime.date,
        vetted: bool | None = None,
        busy: bool | None = None,
    ) -> list[Failure]:
        """Would this student be allowed on this position, places aside?

        The rules of ``placement_failures`` that do not count places (the
        student, the position, the vetting and an overlapping placement of
        the student), checked without creating or locking anything: an
        allocation run asks it for every pair it considers, and passes
        ``vetted`` (the enterprise holds a valid vetting) and ``busy`` (the
        student has a current placement at that time) when it has counted
        them for many pairs at once. Capacity and the shares are the run's
        to respect; publishing checks everything again under row locks.
        """
        from internships.models import Placement

        failures = [
            *self.student_failures(student=student, position=position, starts_on=starts_on),
            *self.position_failures(position),
        ]
        if vetted is None:
            failures += self.vetting_failures(enterprise=enterprise, starts_on=starts_on)
        elif not vetted and self.vetting_rule:
            failures.append(
                Failure(
                    ENTERPRISE_NOT_VETTED,
                    _(
                        "The enterprise has no approved vetting as an internship unit "
                        "valid on %(date)s."
                    )
                    % {"date": starts_on.isoformat()},
                )
            )
        if busy is None:
            busy = (
                Placement.objects.current()
                .overlapping(starts_on, ends_on)
                .filter(student=student)
                .exists()
            )
        if busy:
            failures.append(
                Failure(
                    OVERLAPPING_PLACEMENT,
                    _("This student already has a planned or active placement at that time."),
                )
            )
        return failures

    def places_left(self, *, position, at_position: int) -> tuple[int, int | None]:
        """The places a position has left with ``at_position`` current
        placements, and the room its post share leaves (None: no share rule
        for this kind), by the same counts as ``count_failures``."""
        vacancies = max(position.capacity - at_position, 0)
        if position.kind not in POSTED_KINDS:
            return vacancies, None
        allowed = int((self.post_share * position.post_headcount).to_integral_value("ROUND_FLOOR"))
        return vacancies, max(allowed - at_position, 0)

    def enterprise_room(self, *, enterprise, at_enterprise: int) -> int:
        """How many more follow-post and post interns the enterprise's share
        allows with ``at_enterprise`` of them current (``count_failures``)."""
        allowed = int(
            (self.enterprise_share * enterprise.workforce).to_integral_value("ROUND_FLOOR")
        )
        return max(allowed - at_enterprise, 0)

    def warnings(self, *, position, starts_on: datetime.date, ends_on: datetime.date) -> list:
        if position.kind == "post" and ends_on > add_months(starts_on, self.long_post_months):
            return [LONG_POST_INTERNSHIP]
        return []


def major_category(major_code: str) -> str:
    """A major's category (专业大类): the first two digits of its code."""
    return (major_code or "")[:2]


def is_insured(placement) -> bool:
    """Insurance covers the whole placement: the policy named on the placement
    with its expiry, or a recorded policy spanning its dates."""
    named = bool(placement.insurance_policy) and (
        placement.insurance_expires_on is not None
        and placement.insurance_expires_on >= placement.ends_on
    )
    if named or placement.pk is None:
        return named
    return placement.insurance_policies.filter(
        covers_from__lte=placement.starts_on, covers_to__gte=placement.ends_on
    ).exists()


def _roman(grade: int) -> str:
    return {1: "I", 2: "II", 3: "III", 4: "IV"}.get(grade, str(grade))


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

"""Cooperation records: the people, classes, bases and money the yearly
figures are made of (DESIGN "Cooperation records").

Every amount is CNY with two decimals, every record carries a date or a year
that places it in a calendar year and an academic year (1 September to
31 August), and records that belong to a major say so, so the 产学合作
table can be keyed by major and enterprise. The ranges are database checks,
so an import or a form cannot store a negative hour or a billion-yuan salary.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from audit.recorder import AuditedQuerySet
from common.models import TimeStamped

ENTERPRISE = "partnerships.Enterprise"
MAJOR = "partnerships.Major"
# The limits an import names when a value is beyond them.
HOURS_MAX = 2000  # teaching or practice hours in one term or one stint
COUNT_MAX = 1_000_000
MONEY_MAX = Decimal("100000000.00")  # 100 million CNY: beyond it is a typing slip
SALARY_MAX = Decimal("200000.00")  # a month's starting salary
YEAR_MIN, YEAR_MAX = 2000, 2100


def _money(label, **kwargs):
    return models.DecimalField(
        label,
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MONEY_MAX)],
        **kwargs,
    )


def _count(label, maximum=COUNT_MAX, **kwargs):
    return models.PositiveIntegerField(
        label, default=0, validators=[MaxValueValidator(maximum)], **kwargs
    )


def _year(label, **kwargs):
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)], **kwargs
    )


def _enterprise(**kwargs):
    kwargs.setdefault("related_name", "+")
    return models.ForeignKey(
        ENTERPRISE, on_delete=models.PROTECT, verbose_name=_("enterprise"), **kwargs
    )


def _major(**kwargs):
    return models.ForeignKey(
        MAJOR,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("major"),
        **kwargs,
    )


def _range_check(name: str, field: str, maximum) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": 0, f"{field}__lte": maximum}), name=name
    )


def _dates_check(name: str, start: str = "starts_on", end: str = "ends_on"):
    return models.CheckConstraint(
        condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}), name=name
    )


class Record(TimeStamped):
    """What every record has: who entered it, and the audit trail's manager."""

    objects = AuditedQuerySet.as_manager()

    class Meta:
        abstract = True


class Teacher(Record):
    """A teacher of the college, with the dual-qualified (双师型) status."""

    staff_number = models.CharField(_("staff number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        "partnerships.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("department"),
    )
    dual_qualified = models.BooleanField(_("dual-qualified"), default=False)
    certificate = models.CharField(_("dual-qualified certificate"), max_length=200, blank=True)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)

    class Meta:
        ordering = ["staff_number"]
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")

    def __str__(self) -> str:
        return f"{self.staff_number} {self.name}"


class TeacherPractice(Record):
    """A teacher's time in an enterprise (教师企业实践)."""

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Enterprise practice")
        PART_TIME = "part_time", _("Part-time post")
        SECONDMENT = "secondment", _("Secondment")

    teacher = models.ForeignKey(
        Teacher, on_delete=models.CASCADE, related_name="practices", verbose_name=_("teacher")
    )
    enterprise = _enterprise()
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PRACTICE)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    post = models.CharField(_("post"), max_length=200, blank=True)
    hours = _count(_("hours"), HOURS_MAX)

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("teacher enterprise practice")
        verbose_name_plural = _("teacher enterprise practice")
        constraints = [
            _dates_check("practice_dates_ordered"),
            _range_check("practice_hours_range", "hours", HOURS_MAX),
            models.UniqueConstraint(
                fields=["teacher", "enterprise", "starts_on"], name="one_practice_per_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher_id} {self.starts_on}"


class PartTimeTeacher(Record):
    """An enterprise person teaching part-time (兼职教师) in one term."""

    class Term(models.IntegerChoices):
        AUTUMN = 1, _("Autumn term")
        SPRING = 2, _("Spring term")

    name = models.CharField(_("name"), max_length=100)
    enterprise = _enterprise()
    major = _major(null=True, blank=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    # The academic year by its first calendar year: 2025 is 2025-2026.
    academic_year = _year(_("academic year"))
    term = models.PositiveSmallIntegerField(_("term"), choices=Term.choices, default=Term.AUTUMN)
    courses = models.CharField(_("courses taught"), max_length=500)
    hours = _count(_("teaching hours"), HOURS_MAX)

    class Meta:
        ordering = ["-academic_year", "-term", "name", "id"]
        verbose_name = _("part-time teacher")
        verbose_name_plural = _("part-time teachers")
        constraints = [
            _range_check("part_time_hours_range", "hours", HOURS_MAX),
            models.CheckConstraint(condition=Q(term__in=[1, 2]), name="part_time_term_valid"),
            models.UniqueConstraint(
                fields=["enterprise", "name", "academic_year", "term"],
                name="one_part_time_row_per_term",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.academic_year}-{self.term}"

    @staticmethod
    def person(name: str) -> str:
        """Who a name is: case and spaces ignored ("Wang  Fang" is "wangfang")."""
        return "".join(name.split()).casefold()

    @property
    def calendar_year(self) -> int:
        """The calendar year the term is taught in (autumn: the first, spring: the second)."""
        return self.academic_year + (1 if self.term == self.Term.SPRING else 0)


class OrderClass(Record):
    """An order class (订单班) or modern apprenticeship class (现代学徒制)."""

    class Kind(models.TextChoices):
        ORDER = "order", _("Order class")
        APPRENTICESHIP = "apprenticeship", _("Apprenticeship class")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORDER)
    enterprise = _enterprise()
    major = _major()
    cohort = _year(_("cohort"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    students = models.ManyToManyField(
        "internships.Student", blank=True, related_name="+", verbose_name=_("students")
    )
    masters = models.CharField(_("enterprise masters"), max_length=500, blank=True)
    contracted_employment = models.BooleanField(_("contracted employment"), default=False)

    class Meta:
        ordering = ["-cohort", "name", "id"]
        verbose_name = _("order or apprenticeship class")
        verbose_name_plural = _("order and apprenticeship classes")
        constraints = [
            _dates_check("order_class_dates_ordered"),
            models.UniqueConstraint(fields=["enterprise", "name"], name="order_class_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingBase(Record):
    """A training base (实训基地 on campus, 校外实习基地 off campus)."""

    class Location(models.TextChoices):
        ON_CAMPUS = "on_campus", _("On campus")
        OFF_CAMPUS = "off_campus", _("Off campus")

    class Function(models.TextChoices):
        TEACHING = "teaching", _("Teaching")
        SOCIAL_TRAINING = "social_training", _("Social training")
        SKILL_APPRAISAL = "skill_appraisal", _("Skill appraisal")
        TECHNICAL_SERVICE = "technical_service", _("Technical service")
        RESEARCH = "research", _("Research")

    name = models.CharField(_("name"), max_length=200, unique=True)
    location = models.CharField(
        _("location"), max_length=12, choices=Location.choices, default=Location.ON_CAMPUS
    )
    enterprise = _enterprise()
    major = _major(null=True, blank=True)
    functions = models.JSONField(_("functions"), default=list, blank=True)
    stations = _count(_("stations"))
    opened_on = models.DateField(_("opened on"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("training base")
        verbose_name_plural = _("training bases")

    def __str__(self) -> str:
        return self.name


class TrainingBaseYear(Record):
    """A base's year: equipment the enterprise gave or lent, and the use."""

    base = models.ForeignKey(
        TrainingBase, on_delete=models.CASCADE, related_name="years", verbose_name=_("base")
    )
    year = _year(_("year"))
    equipment_donated = _money(_("equipment donated (CNY)"))
    equipment_provided = _money(_("equipment provided without transfer (CNY)"))
    use_person_days = _count(_("use (person-days)"))

    class Meta:
        ordering = ["-year", "base_id"]
        verbose_name = _("training base year")
        verbose_name_plural = _("training base years")
        constraints = [
            models.UniqueConstraint(fields=["base", "year"], name="one_base_row_per_year"),
            _range_check("base_donated_range", "equipment_donated", MONEY_MAX),
            _range_check("base_provided_range", "equipment_provided", MONEY_MAX),
        ]

    def __str__(self) -> str:
        return f"{self.base_id} {self.year}"


class CourseDevelopment(Record):
    """A course or textbook developed with an enterprise."""

    class Kind(models.TextChoices):
        COURSE = "course", _("Course")
        TEXTBOOK = "textbook", _("Textbook")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COURSE)
    title = models.CharField(_("title"), max_length=200)
    enterprise = _enterprise()
    major = _major()
    completed_on = models.DateField(_("completed on"))
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)

    class Meta:
        ordering = ["-completed_on", "title", "id"]
        verbose_name = _("course or textbook developed together")
        verbose_name_plural = _("courses and textbooks developed together")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "kind", "title"], name="course_development_unique"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ServiceContract(Record):
    """A technical service contract and the money the school received."""

    enterprise = _enterprise()
    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("contract number"), max_length=50, blank=True)
    signed_on = models.DateField(_("signed on"))
    amount = _money(_("contract amount (CNY)"))
    received = _money(_("amount received (CNY)"))
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        ordering = ["-signed_on", "title", "id"]
        verbose_name = _("technical service contract")
        verbose_name_plural = _("technical service contracts")
        constraints = [
            _range_check("contract_amount_range", "amount", MONEY_MAX),
            _range_check("contract_received_range", "received", MONEY_MAX),
            models.UniqueConstraint(
                fields=["enterprise", "title", "signed_on"], name="service_contract_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def income_on(self):
        """The day the income counts: when it was received, else when signed."""
        return self.received_on or self.signed_on


class EmployeeTraining(Record):
    """Training the school delivered to an enterprise's employees."""

    enterprise = _enterprise()
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    trainees = _count(_("trainees"))
    person_days = _count(_("person-days"))
    income = _money(_("income (CNY)"))

    class Meta:
        ordering = ["-held_on", "title", "id"]
        verbose_name = _("employee training")
        verbose_name_plural = _("employee training")
        constraints = [
            _range_check("training_income_range", "income", MONEY_MAX),
            models.UniqueConstraint(
                fields=["enterprise", "title", "held_on"], name="employee_training_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EnterpriseVisit(Record):
    """A visit to an enterprise to open up posts (访企拓岗)."""

    visited_on = models.DateField(_("visited on"))
    enterprise = _enterprise()
    visitors = models.CharField(_("visitors"), max_length=300)
    posts_offered = _count(_("posts offered"))
    average_pay = _money(_("average monthly pay (CNY)"))
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        ordering = ["-visited_on", "id"]
        verbose_name = _("enterprise visit")
        verbose_name_plural = _("enterprise visits")
        constraints = [
            _range_check("visit_pay_range", "average_pay", SALARY_MAX),
            models.UniqueConstraint(fields=["enterprise", "visited_on"], name="one_visit_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.visited_on}"


class Employment(Record):
    """Where a graduate went (毕业去向)."""

    class Source(models.TextChoices):
        SELF_REPORT = "self_report", _("Self-report")
        ENTERPRISE = "enterprise", _("Enterprise")
        IMPORT = "import", _("Import")

    student = models.ForeignKey(
        "internships.Student", on_delete=models.PROTECT, related_name="+", verbose_name=_("student")
    )
    graduation_year = _year(_("graduation year"))
    employer = _enterprise(null=True, blank=True)
    employer_name = models.CharField(_("employer name"), max_length=200, blank=True)
    industry = models.CharField(_("industry"), max_length=100, blank=True)
    post = models.CharField(_("post"), max_length=200, blank=True)
    starting_salary = models.DecimalField(
        _("starting monthly salary (CNY)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(SALARY_MAX)],
    )
    relevant = models.BooleanField(_("relevant to the major"), default=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.SELF_REPORT
    )

    class Meta:
        ordering = ["-graduation_year", "id"]
        verbose_name = _("graduate employment")
        verbose_name_plural = _("graduate employment")
        constraints = [
            models.UniqueConstraint(fields=["student"], name="one_employment_per_student"),
            models.CheckConstraint(
                condition=Q(starting_salary__isnull=True)
                | Q(starting_salary__gte=0, starting_salary__lte=SALARY_MAX),
                name="employment_salary_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} {self.graduation_year}"


class EnterpriseCertification(Record):
    """An enterprise certified as an industry-education integration enterprise."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("National")
        PROVINCIAL = "provincial", _("Provincial")

    enterprise = _enterprise()
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    certified_on = models.DateField(_("certified on"))

    class Meta:
        ordering = ["-certified_on", "id"]
        verbose_name = _("enterprise certification")
        verbose_name_plural = _("enterprise certifications")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "level", "certified_on"], name="one_certification_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.level}"


class Certificate(Record):
    """A 1+X vocational skill level certificate the college offers."""

    class Level(models.TextChoices):
        JUNIOR = "junior", _("Junior")
        INTERMEDIATE = "intermediate", _("Intermediate")
        SENIOR = "senior", _("Senior")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(
        _("level"), max_length=12, choices=Level.choices, default=Level.INTERMEDIATE
    )
    issuer = models.CharField(_("issuing organisation"), max_length=200)
    major = _major(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("1+X certificate")
        verbose_name_plural = _("1+X certificates")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CertificatePass(Record):
    """A student's pass of a 1+X certificate."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="passes", verbose_name=_("certificate")
    )
    student = models.ForeignKey(
        "internships.Student", on_delete=models.PROTECT, related_name="+", verbose_name=_("student")
    )
    passed_on = models.DateField(_("passed on"))

    class Meta:
        ordering = ["-passed_on", "id"]
        verbose_name = _("certificate pass")
        verbose_name_plural = _("certificate passes")
        constraints = [
            models.UniqueConstraint(fields=["certificate", "student"], name="one_pass_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.student_id}"


class FigureCorrection(TimeStamped):
    """A review figure kept at a typed value instead of the one the records give.

    The only way a typed figure survives: with a reason, and in the audit trail.
    """

    review = models.ForeignKey(
        "partnerships.AnnualReview",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("annual review"),
    )
    figure = models.CharField(_("figure"), max_length=30)
    value = models.DecimalField(
        _("value"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )

    objects = AuditedQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "figure"]
        verbose_name = _("figure correction")
        verbose_name_plural = _("figure corrections")
        constraints = [
            models.UniqueConstraint(fields=["review", "figure"], name="one_correction_per_figure"),
            models.CheckConstraint(condition=Q(value__gte=0), name="correction_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.review_id} {self.figure}"

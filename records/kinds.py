"""The record types, each described once.

One ``Kind`` per record type says what the shared machinery needs: the
fields a client edits (the API's, the form's, the import's and the export's
columns, in that order), where the enterprise is (a liaison sees their own
enterprise's rows only), what identifies a row (a duplicate in a file or
against the database), the filters, the search and the sort. The API, the
pages, the import and the export are built from these, not written twelve
times.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from records import models as m


@dataclass(frozen=True)
class Kind:
    resource: str  # the API path and the access policy's resource name
    model: type
    fields: tuple[str, ...]
    unique: tuple[str, ...]
    search: tuple[str, ...]
    filters: tuple[str, ...]
    ordering: tuple[str, ...]
    default_sort: str
    # The path to the enterprise's id; None: no enterprise, liaisons see none.
    enterprise: str | None = "enterprise_id"
    # The date or year field a ``?year=`` filter reads (calendar year).
    year_field: str | None = None
    related: tuple[str, ...] = ()
    # Extra header spellings (Chinese) -> field names, beside the field's own
    # name and its verbose name in either language.
    aliases: dict[str, str] = field(default_factory=dict)
    # Shown in the list's columns (the first fields by default).
    columns: tuple[str, ...] = ()

    @property
    def label(self):
        return self.model._meta.verbose_name_plural

    @property
    def slug(self) -> str:
        return self.resource

    def list_columns(self) -> tuple[str, ...]:
        return self.columns or self.fields[:6]


KINDS: dict[str, Kind] = {
    kind.resource: kind
    for kind in [
        Kind(
            "teachers",
            m.Teacher,
            fields=(
                "staff_number",
                "name",
                "department",
                "dual_qualified",
                "certificate",
                "certified_on",
            ),
            unique=("staff_number",),
            search=("staff_number", "name", "certificate"),
            filters=("department", "dual_qualified"),
            ordering=("staff_number", "name", "certified_on", "id"),
            default_sort="staff_number",
            enterprise=None,
            related=("department",),
            aliases={
                "工号": "staff_number",
                "姓名": "name",
                "部门": "department",
                "院系": "department",
                "双师型": "dual_qualified",
                "双师证书": "certificate",
                "认定日期": "certified_on",
            },
        ),
        Kind(
            "teacher-practices",
            m.TeacherPractice,
            fields=("teacher", "enterprise", "kind", "starts_on", "ends_on", "post", "hours"),
            unique=("teacher", "enterprise", "starts_on"),
            search=("teacher__name", "teacher__staff_number", "post"),
            filters=("teacher", "enterprise", "kind"),
            ordering=("starts_on", "ends_on", "hours", "id"),
            default_sort="-starts_on",
            year_field="starts_on",
            related=("teacher", "enterprise"),
            aliases={
                "教师工号": "teacher",
                "工号": "teacher",
                "企业": "enterprise",
                "企业名称": "enterprise",
                "类型": "kind",
                "开始日期": "starts_on",
                "结束日期": "ends_on",
                "岗位": "post",
                "时长": "hours",
                "学时": "hours",
            },
        ),
        Kind(
            "part-time-teachers",
            m.PartTimeTeacher,
            fields=(
                "name",
                "enterprise",
                "major",
                "title",
                "qualification",
                "academic_year",
                "term",
                "courses",
                "hours",
            ),
            unique=("enterprise", "name", "academic_year", "term"),
            search=("name", "courses", "title"),
            filters=("enterprise", "major", "academic_year", "term"),
            ordering=("name", "academic_year", "term", "hours", "id"),
            default_sort="-academic_year",
            related=("enterprise", "major"),
            aliases={
                "姓名": "name",
                "企业": "enterprise",
                "企业名称": "enterprise",
                "专业": "major",
                "职称": "title",
                "资格": "qualification",
                "学年": "academic_year",
                "学期": "term",
                "课程": "courses",
                "授课课程": "courses",
                "课时": "hours",
                "授课学时": "hours",
            },
            columns=("name", "enterprise", "academic_year", "term", "courses", "hours"),
        ),
        Kind(
            "order-classes",
            m.OrderClass,
            fields=(
                "name",
                "kind",
                "enterprise",
                "major",
                "cohort",
                "starts_on",
                "ends_on",
                "students",
                "masters",
                "contracted_employment",
            ),
            unique=("enterprise", "name"),
            search=("name", "masters"),
            filters=("kind", "enterprise", "major", "cohort"),
            ordering=("name", "cohort", "starts_on", "id"),
            default_sort="-cohort",
            related=("enterprise", "major"),
            aliases={
                "班级名称": "name",
                "名称": "name",
                "类型": "kind",
                "企业": "enterprise",
                "专业": "major",
                "年级": "cohort",
                "开始日期": "starts_on",
                "结束日期": "ends_on",
                "学生学号": "students",
                "学生": "students",
                "企业师傅": "masters",
                "签订就业协议": "contracted_employment",
            },
        ),
        Kind(
            "training-bases",
            m.TrainingBase,
            fields=(
                "name",
                "location",
                "enterprise",
                "major",
                "functions",
                "stations",
                "opened_on",
            ),
            unique=("name",),
            search=("name",),
            filters=("location", "enterprise", "major"),
            ordering=("name", "stations", "opened_on", "id"),
            default_sort="name",
            related=("enterprise", "major"),
            aliases={
                "基地名称": "name",
                "名称": "name",
                "校内外": "location",
                "企业": "enterprise",
                "专业": "major",
                "功能": "functions",
                "工位数": "stations",
                "启用日期": "opened_on",
            },
        ),
        Kind(
            "training-base-years",
            m.TrainingBaseYear,
            fields=("base", "year", "equipment_donated", "equipment_provided", "use_person_days"),
            unique=("base", "year"),
            search=("base__name",),
            filters=("base", "year"),
            ordering=("year", "equipment_donated", "equipment_provided", "use_person_days", "id"),
            default_sort="-year",
            enterprise="base__enterprise_id",
            year_field="year",
            related=("base",),
            aliases={
                "基地名称": "base",
                "基地": "base",
                "年度": "year",
                "捐赠设备值": "equipment_donated",
                "准捐赠设备值": "equipment_provided",
                "使用人日": "use_person_days",
            },
        ),
        Kind(
            "course-developments",
            m.CourseDevelopment,
            fields=("kind", "title", "enterprise", "major", "completed_on", "publisher"),
            unique=("enterprise", "kind", "title"),
            search=("title", "publisher"),
            filters=("kind", "enterprise", "major"),
            ordering=("title", "completed_on", "id"),
            default_sort="-completed_on",
            year_field="completed_on",
            related=("enterprise", "major"),
            aliases={
                "类型": "kind",
                "名称": "title",
                "课程或教材名称": "title",
                "企业": "enterprise",
                "专业": "major",
                "完成日期": "completed_on",
                "出版社": "publisher",
            },
        ),
        Kind(
            "service-contracts",
            m.ServiceContract,
            fields=(
                "enterprise",
                "title",
                "number",
                "signed_on",
                "amount",
                "received",
                "received_on",
            ),
            unique=("enterprise", "title", "signed_on"),
            search=("title", "number"),
            filters=("enterprise",),
            ordering=("title", "signed_on", "amount", "received", "received_on", "id"),
            default_sort="-signed_on",
            year_field="signed_on",
            related=("enterprise",),
            aliases={
                "企业": "enterprise",
                "项目名称": "title",
                "合同名称": "title",
                "合同编号": "number",
                "签订日期": "signed_on",
                "合同金额": "amount",
                "到账金额": "received",
                "到账日期": "received_on",
            },
        ),
        Kind(
            "employee-trainings",
            m.EmployeeTraining,
            fields=("enterprise", "title", "held_on", "trainees", "person_days", "income"),
            unique=("enterprise", "title", "held_on"),
            search=("title",),
            filters=("enterprise",),
            ordering=("title", "held_on", "trainees", "person_days", "income", "id"),
            default_sort="-held_on",
            year_field="held_on",
            related=("enterprise",),
            aliases={
                "企业": "enterprise",
                "培训项目": "title",
                "名称": "title",
                "日期": "held_on",
                "培训人数": "trainees",
                "人日": "person_days",
                "培训人日": "person_days",
                "收入": "income",
            },
        ),
        Kind(
            "enterprise-visits",
            m.EnterpriseVisit,
            fields=(
                "visited_on",
                "enterprise",
                "visitors",
                "posts_offered",
                "average_pay",
                "outcome",
            ),
            unique=("enterprise", "visited_on"),
            search=("visitors", "outcome"),
            filters=("enterprise",),
            ordering=("visited_on", "posts_offered", "average_pay", "id"),
            default_sort="-visited_on",
            year_field="visited_on",
            related=("enterprise",),
            aliases={
                "走访日期": "visited_on",
                "日期": "visited_on",
                "企业": "enterprise",
                "走访人员": "visitors",
                "提供岗位数": "posts_offered",
                "岗位数": "posts_offered",
                "平均薪酬": "average_pay",
                "成效": "outcome",
            },
        ),
        Kind(
            "employments",
            m.Employment,
            fields=(
                "student",
                "graduation_year",
                "employer",
                "employer_name",
                "industry",
                "post",
                "starting_salary",
                "relevant",
                "region",
                "source",
            ),
            unique=("student",),
            search=("student__name", "student__student_number", "employer_name", "post"),
            filters=("graduation_year", "employer", "relevant", "source"),
            ordering=("graduation_year", "employer_name", "starting_salary", "id"),
            default_sort="-graduation_year",
            enterprise="employer_id",
            year_field="graduation_year",
            related=("student", "employer"),
            aliases={
                "学号": "student",
                "毕业年份": "graduation_year",
                "单位": "employer",
                "合作企业": "employer",
                "就业单位": "employer_name",
                "行业": "industry",
                "岗位": "post",
                "起薪": "starting_salary",
                "专业相关": "relevant",
                "地区": "region",
                "来源": "source",
            },
            columns=(
                "student",
                "graduation_year",
                "employer_name",
                "post",
                "starting_salary",
                "relevant",
            ),
        ),
        Kind(
            "enterprise-certifications",
            m.EnterpriseCertification,
            fields=("enterprise", "level", "certified_on"),
            unique=("enterprise", "level", "certified_on"),
            search=(),
            filters=("enterprise", "level"),
            ordering=("certified_on", "id"),
            default_sort="-certified_on",
            year_field="certified_on",
            related=("enterprise",),
            aliases={"企业": "enterprise", "级别": "level", "认定日期": "certified_on"},
        ),
        Kind(
            "certificates",
            m.Certificate,
            fields=("code", "name", "level", "issuer", "major"),
            unique=("code",),
            search=("code", "name", "issuer"),
            filters=("level", "major"),
            ordering=("code", "name", "id"),
            default_sort="code",
            enterprise=None,
            related=("major",),
            aliases={
                "证书代码": "code",
                "代码": "code",
                "证书名称": "name",
                "名称": "name",
                "等级": "level",
                "评价组织": "issuer",
                "专业": "major",
            },
        ),
        Kind(
            "certificate-passes",
            m.CertificatePass,
            fields=("certificate", "student", "passed_on"),
            unique=("certificate", "student"),
            search=("student__name", "student__student_number", "certificate__name"),
            filters=("certificate", "student"),
            ordering=("passed_on", "id"),
            default_sort="-passed_on",
            enterprise=None,
            year_field="passed_on",
            related=("certificate", "student"),
            aliases={
                "证书代码": "certificate",
                "证书": "certificate",
                "学号": "student",
                "通过日期": "passed_on",
            },
        ),
    ]
}

# Records with a person's data: reporters never see them, liaisons only
# their own enterprise's (and never teachers or certificate passes).
PERSONAL = {
    "teachers",
    "teacher-practices",
    "part-time-teachers",
    "order-classes",
    "employments",
    "certificate-passes",
}

LABELS = {
    "figure-corrections": _("Figure corrections"),
}


def kind_of(model) -> Kind:
    return next(kind for kind in KINDS.values() if kind.model is model)

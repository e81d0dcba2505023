"""The enterprise annual report on its part in training (企业参与高等职业教育人才培养年度报告).

One enterprise, an academic or a calendar year: its profile, agreements,
what it put in (equipment, part-time teachers), its part in teaching (order
and apprenticeship classes, courses, textbooks), and what the college did for
it (interns, graduates, technical service, staff training), overall and per
major. The figures are the 产学合作 table's, so the two always agree. No
personal data: people are counted, never named.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from reports.periods import academic_name, period_range
from reports.tables import Column, ColumnType, Document, Table

from .cooperation_table import FIGURES, LEGACY_COLUMNS, MONEY, collect, to_wan

TXT, INT, DEC = ColumnType.TEXT, ColumnType.INTEGER, ColumnType.DECIMAL
LABELS = {c.key: c.label for c in LEGACY_COLUMNS}


def enterprise_figures(data, enterprise_id: int) -> tuple[dict, list[tuple]]:
    """The enterprise's totals (money in 万元) and its rows per major."""
    keys = sorted(
        (k for k in data.cells if k[1] == enterprise_id), key=lambda k: data.majors[k[0]].code
    )
    totals = {}
    for figure in FIGURES:
        total = sum((data.value(k, figure) for k in keys), Decimal("0"))
        totals[figure] = to_wan(total) if figure in MONEY else int(total)
    rows = []
    for key in keys:
        major = data.majors[key[0]]
        values = [data.value(key, f) for f in FIGURES]
        rows.append(
            (
                major.name,
                *(to_wan(v) if f in MONEY else v for f, v in zip(FIGURES, values, strict=True)),
            )
        )
    return totals, rows


def enterprise_annual_document(report) -> Document:
    from partnerships.models import CooperationAgreement, Enterprise
    from records.models import EnterpriseCertification

    enterprise = Enterprise.objects.get(pk=report.subject_id)
    first, last = period_range(report.year, report.academic)
    period = f"{academic_name(report.year)}学年" if report.academic else f"{report.year}年度"
    data = collect(report.year, report.academic)
    totals, per_major = enterprise_figures(data, enterprise.pk)
    certifications = "、".join(
        f"{c.get_level_display()}（{c.certified_on:%Y-%m}）"
        for c in EnterpriseCertification.objects.filter(
            enterprise=enterprise, certified_on__lte=last
        )
    )
    profile = Table(
        "profile",
        "一、企业基本情况",
        [Column("item", "项目", TXT), Column("value", "内容", TXT)],
        [
            ("企业名称", enterprise.name),
            ("统一社会信用代码", enterprise.credit_code or "—"),
            ("所属行业", enterprise.industry or "—"),
            ("企业规模", enterprise.get_size_display()),
            ("所在城市", enterprise.city or "—"),
            ("职工人数", str(enterprise.workforce) if enterprise.workforce else "—"),
            ("产教融合型企业", certifications or "—"),
        ],
    )
    agreements = CooperationAgreement.objects.filter(
        enterprise=enterprise,
        status__in=[CooperationAgreement.Status.ACTIVE, CooperationAgreement.Status.EXPIRED],
        starts_on__lte=last,
        ends_on__gte=first,
    ).prefetch_related("majors")
    agreement_table = Table(
        "agreements",
        "二、合作协议",
        [
            Column("number", "协议编号", TXT),
            Column("title", "协议名称", TXT),
            Column("majors", "合作专业", TXT),
            Column("depth", "合作深度", TXT),
            Column("term", "合作期限", TXT),
        ],
        [
            (
                a.number,
                a.title,
                "、".join(m.name for m in a.majors.all()),
                a.get_depth_display(),
                f"{a.starts_on:%Y-%m-%d}至{a.ends_on:%Y-%m-%d}",
            )
            for a in agreements
        ],
    )

    def line(key):
        return (str(LABELS[key]), str(totals[key]))

    resources = Table(
        "resources",
        "三、资源投入",
        [Column("item", "指标", TXT), Column("value", "数值", TXT)],
        [line("equipment_donated"), line("equipment_provided"), line("part_time_teachers")],
    )
    teaching = Table(
        "teaching",
        "四、参与教育教学",
        [Column("item", "指标", TXT), Column("value", "数值", TXT)],
        [line("order_class_students"), line("courses_developed"), line("textbooks_developed")],
    )
    outcomes = Table(
        "outcomes",
        "五、实习就业与服务",
        [Column("item", "指标", TXT), Column("value", "数值", TXT)],
        [
            line("interns_accepted"),
            line("graduates_employed"),
            line("service_income"),
            line("training_person_days"),
        ],
    )
    majors = Table(
        "majors",
        "六、分专业合作情况",
        [Column("major", "专业名称", TXT)]
        + [Column(f, LABELS[f], DEC if f in MONEY else INT) for f in FIGURES],
        per_major,
        chart="interns_accepted" if per_major else "",
    )
    placeholders = {
        "企业名称": enterprise.name,
        "enterprise": enterprise.name,
        "统一社会信用代码": enterprise.credit_code or "",
        "credit_code": enterprise.credit_code or "",
        "年度": period,
        "period": period,
        "生成日期": f"{timezone.localdate():%Y年%m月%d日}",
        **{f: str(totals[f]) for f in FIGURES},
    }
    return Document(
        title=f"{enterprise.name}参与高等职业教育人才培养年度报告（{period}）",
        kind=report.kind,
        year=report.year,
        generated_at=timezone.localtime(),
        subject=enterprise.name,
        tables=[profile, agreement_table, resources, teaching, outcomes, majors],
        intro=[
            f"本报告统计{enterprise.name}在{period}（{first:%Y年%m月%d日}至{last:%Y年%m月%d日}）"
            "参与学校人才培养的情况，数据来自平台记录的合作台账与实习、就业记录。"
        ],
        placeholders=placeholders,
    )

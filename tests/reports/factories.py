import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from reports.models import Report
from reports.tables import Column, ColumnType, Document, Table
from tests.accounts.factories import UserFactory


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    kind = Report.Kind.ANNUAL
    year = 2026
    format = Report.Format.JSON
    requested_by = factory.SubFactory(UserFactory)


def sample_document() -> Document:
    """A small document with every column type and Chinese text."""
    return Document(
        title="年度校企合作报告 2026",
        kind="annual",
        year=2026,
        generated_at=timezone.now(),
        tables=[
            Table(
                "cooperation",
                "产学合作",
                [
                    Column("enterprise", "企业名称"),
                    Column("since", "合作起始", ColumnType.DATE),
                    Column("interns", "接收实习学生", ColumnType.INTEGER),
                    Column("income", "技术服务收入（元）", ColumnType.DECIMAL),
                    Column("rate", "录用率", ColumnType.PERCENT),
                ],
                [
                    (
                        "沈阳新松机器人自动化股份有限公司",
                        datetime.date(2021, 9, 1),
                        12,
                        Decimal("35000.50"),
                        0.25,
                    ),
                    ("Dalian Port Logistics", None, 0, Decimal("0"), None),
                ],
            ),
            Table(
                "overview",
                "Key figures",
                [Column("figure", "Figure"), Column("value", "Value", ColumnType.INTEGER)],
                [("Agreements in force", 3)],
            ),
        ],
    )

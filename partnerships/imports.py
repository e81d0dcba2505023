"""Enterprise import from the CSV/XLSX lists colleges already keep.

Every row is checked first; when any row is bad nothing is written and the
report lists each bad row with its line number. A dry run only checks.
"""

from __future__ import annotations

import csv
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.exceptions import RuleError
from common.spreadsheet import ImportReport, RowError, SpreadsheetError, read_rows, safe_row
from partnerships import services
from partnerships.credit_code import normalize, validate_credit_code
from partnerships.models import Enterprise

COLUMNS = [
    "name",
    "credit_code",
    "industry",
    "size",
    "city",
    "workforce",
    "is_integration_enterprise",
    "status",
]
# Chinese (and a few English) spellings of the headers -> field names.
ALIASES = {
    "名称": "name",
    "企业名称": "name",
    "单位名称": "name",
    "统一社会信用代码": "credit_code",
    "信用代码": "credit_code",
    "行业": "industry",
    "所属行业": "industry",
    "规模": "size",
    "企业规模": "size",
    "城市": "city",
    "所在城市": "city",
    "职工人数": "workforce",
    "员工人数": "workforce",
    "产教融合型企业": "is_integration_enterprise",
    "是否产教融合型企业": "is_integration_enterprise",
    "状态": "status",
    "合作状态": "status",
    "enterprise": "name",
    "credit code": "credit_code",
    "integration": "is_integration_enterprise",
}
SIZES = {
    "大型": "large",
    "中型": "medium",
    "小型": "small",
    "微型": "micro",
    **{code: code for code in Enterprise.Size.values},
}
STATUSES = {
    "潜在": "prospect",
    "意向": "prospect",
    "合作中": "active",
    "活跃": "active",
    "休眠": "dormant",
    "已退出": "exited",
    "退出": "exited",
    **{code: code for code in Enterprise.Status.values},
}
TRUE = {"1", "yes", "y", "true", "是", "√"}
FALSE = {"", "0", "no", "n", "false", "否"}
MAX_WORKFORCE = 5_000_000

TEMPLATE_HEADERS = [
    "名称",
    "统一社会信用代码",
    "行业",
    "规模",
    "城市",
    "职工人数",
    "产教融合型企业",
    "状态",
]
TEMPLATE_EXAMPLE = [
    "沈阳示例精密机械有限公司",
    "",
    "装备制造",
    "medium",
    "沈阳",
    "500",
    "否",
    "prospect",
]


def _parse_row(row: dict) -> dict:
    """One row's values, or ValueError with the reason."""
    name = (row.get("name") or "").strip()
    if not name:
        raise ValueError(_("the name is missing"))
    if len(name) > 200:
        raise ValueError(_("the name is longer than 200 characters"))
    code = normalize(row.get("credit_code") or "")
    if code:
        try:
            validate_credit_code(code)
        except ValidationError as exc:
            raise ValueError(exc.messages[0]) from None
    size_raw = (row.get("size") or "").strip().lower() or "small"
    if size_raw not in SIZES:
        raise ValueError(
            _("size %(value)r is not one of large, medium, small, micro") % {"value": size_raw}
        )
    status_raw = (row.get("status") or "").strip().lower() or "prospect"
    if status_raw not in STATUSES:
        raise ValueError(
            _("status %(value)r is not one of prospect, active, dormant, exited")
            % {"value": status_raw}
        )
    workforce_raw = (row.get("workforce") or "").strip().replace(",", "") or "0"
    try:
        workforce = int(workforce_raw)
    except ValueError:
        raise ValueError(
            _("workforce %(value)r is not a whole number") % {"value": workforce_raw}
        ) from None
    if not 0 <= workforce <= MAX_WORKFORCE:
        raise ValueError(_("workforce must be between 0 and %(max)d") % {"max": MAX_WORKFORCE})
    flag = (row.get("is_integration_enterprise") or "").strip().lower()
    if flag not in TRUE | FALSE:
        raise ValueError(_("integration enterprise %(value)r is not yes or no") % {"value": flag})
    industry = (row.get("industry") or "").strip()
    city = (row.get("city") or "").strip()
    if len(industry) > 100 or len(city) > 100:
        raise ValueError(_("industry and city are at most 100 characters"))
    return {
        "name": name,
        "credit_code": code,
        "industry": industry,
        "size": SIZES[size_raw],
        "city": city,
        "workforce": workforce,
        "is_integration_enterprise": flag in TRUE,
        "status": STATUSES[status_raw],
    }


def enterprise_import(*, uploaded, dry_run: bool = False) -> ImportReport:
    """Check every row; create all enterprises only when every row is good."""
    report = ImportReport(dry_run=dry_run)
    names = {n.casefold() for n in Enterprise.objects.values_list("name", flat=True)}
    codes = set(
        Enterprise.objects.exclude(credit_code__isnull=True).values_list("credit_code", flat=True)
    )
    seen_names: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    good: list[tuple[int, dict]] = []
    try:
        for line, row in read_rows(uploaded, aliases=ALIASES):
            if "name" not in row:
                report.errors.append(
                    RowError(1, _("the header row has no name column (name or 名称)"))
                )
                return report
            try:
                values = _parse_row(row)
            except ValueError as exc:
                report.errors.append(RowError(line, str(exc)))
                continue
            key = values["name"].casefold()
            if key in names:
                report.errors.append(
                    RowError(line, _("an enterprise named %(name)s already exists") % values)
                )
                continue
            if key in seen_names:
                report.errors.append(
                    RowError(
                        line,
                        _("the name repeats line %(line)d") % {"line": seen_names[key]},
                    )
                )
                continue
            code = values["credit_code"]
            if code and code in codes:
                report.errors.append(
                    RowError(
                        line,
                        _("another enterprise already has credit code %(code)s") % {"code": code},
                    )
                )
                continue
            if code and code in seen_codes:
                report.errors.append(
                    RowError(
                        line,
                        _("the credit code repeats line %(line)d") % {"line": seen_codes[code]},
                    )
                )
                continue
            seen_names[key] = line
            if code:
                seen_codes[code] = line
            good.append((line, values))
    except SpreadsheetError as exc:
        report.errors.append(RowError(0, str(exc)))
        return report
    if not good and not report.errors:
        report.errors.append(RowError(1, _("the file has no data rows")))
    if report.errors or dry_run:
        report.created = len(good) if not report.errors else 0
        return report
    try:
        with transaction.atomic():
            for line, values in good:
                try:
                    services.enterprise_create(**values)
                except RuleError as exc:  # a concurrent edit took a name or code
                    report.errors.append(RowError(line, exc.message))
                    raise
    except RuleError:
        report.created = 0
        return report
    report.created = len(good)
    return report


def template_csv() -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(TEMPLATE_HEADERS))
    writer.writerow(safe_row(TEMPLATE_EXAMPLE))
    return buffer.getvalue().encode("utf-8-sig")


def template_xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "enterprises"
    sheet.append(safe_row(TEMPLATE_HEADERS))
    sheet.append(safe_row(TEMPLATE_EXAMPLE))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

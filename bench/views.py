"""Raw-SQL twins of the list endpoints: the floor the benchmark measures against.

Each view returns the same page (rows, fields, order, envelope) as its API list
endpoint, from one hand-written query with LIMIT/OFFSET plus a COUNT, encoded
with json.dumps the way DRF's JSONRenderer does. They are mounted only by the
benchmark's settings (bench/settings.py, bench/urls.py), need PostgreSQL, and
answer administrators only (one query on the token, as the API's token
authentication costs one).
"""

from __future__ import annotations

import datetime
import decimal
import json

from django.db import connection
from django.http import HttpResponse, JsonResponse
from rest_framework.utils.urls import remove_query_param, replace_query_param

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


class BadRequest(Exception):
    pass


def _encode(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def _int(request, name: str, default: int | None = None, maximum: int = 2**63 - 1) -> int | None:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(name) from None
    if not 1 <= value <= maximum:
        raise BadRequest(name)
    return value


def _authorized(cursor, request) -> bool:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Token "):
        return False
    cursor.execute(
        "SELECT u.is_superuser FROM authtoken_token t JOIN auth_user u ON u.id = t.user_id"
        " WHERE t.key = %s AND u.is_active",
        [header[6:]],
    )
    row = cursor.fetchone()
    return bool(row and row[0])


def _page(request, *, select, source, where, params, order, columns, json_columns=()):
    """One COUNT and one page query; the DRF page envelope around the rows."""
    try:
        page = _int(request, "page", 1)
        size = min(_int(request, "page_size", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    except BadRequest as exc:
        return JsonResponse({str(exc): ["invalid"]}, status=400)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    with connection.cursor() as cursor:
        if not _authorized(cursor, request):
            return JsonResponse(
                {"detail": "Authentication credentials were not provided."}, status=401
            )
        cursor.execute(f"SELECT count(*) FROM {source}{clause}", params)
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT {select} FROM {source}{clause} ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, size, (page - 1) * size],
        )
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for name in json_columns:  # Django reads jsonb as text and decodes it itself
        for row in rows:
            if isinstance(row[name], str):
                row[name] = json.loads(row[name])
    if rows == [] and page > 1:
        return JsonResponse({"detail": "Invalid page."}, status=404)
    url = request.build_absolute_uri()
    body = {
        "count": count,
        "next": replace_query_param(url, "page", page + 1) if page * size < count else None,
        "previous": (
            None
            if page == 1
            else remove_query_param(url, "page")
            if page == 2
            else replace_query_param(url, "page", page - 1)
        ),
        "results": rows,
    }
    text = json.dumps(body, default=_encode, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(text.encode(), content_type="application/json")


ENTERPRISE_COLUMNS = (
    "id",
    "name",
    "credit_code",
    "industry",
    "size",
    "city",
    "workforce",
    "is_integration_enterprise",
    "status",
)


def enterprises(request):
    where, params = [], []
    if request.GET.get("status"):
        where.append("status = %s")
        params.append(request.GET["status"])
    return _page(
        request,
        select=(
            "id, name, credit_code, industry, size, city, workforce,"
            " is_integration_enterprise, status"
        ),
        source="partnerships_enterprise",
        where=where,
        params=params,
        order="name",
        columns=ENTERPRISE_COLUMNS,
    )


AGREEMENT_COLUMNS = (
    "id",
    "number",
    "title",
    "enterprise",
    "majors",
    "modes",
    "depth",
    "starts_on",
    "ends_on",
    "signed_on",
    "status",
    "owner",
    "school_investment",
    "enterprise_investment",
    "renews",
)


def agreements(request):
    where, params = [], []
    if request.GET.get("status"):
        where.append("a.status = %s")
        params.append(request.GET["status"])
    try:
        enterprise = _int(request, "enterprise")
    except BadRequest:
        return JsonResponse({"enterprise": ["invalid"]}, status=400)
    if enterprise:
        where.append("a.enterprise_id = %s")
        params.append(enterprise)
    return _page(
        request,
        select=(
            "a.id, a.number, a.title, a.enterprise_id,"
            " ARRAY(SELECT m.id FROM partnerships_cooperationagreement_majors am"
            " JOIN partnerships_major m ON m.id = am.major_id"
            " WHERE am.cooperationagreement_id = a.id ORDER BY m.code),"
            " ARRAY(SELECT md.code FROM partnerships_agreementmode md"
            ' WHERE md.agreement_id = a.id ORDER BY md.code COLLATE "C"),'
            " a.depth, a.starts_on, a.ends_on, a.signed_on, a.status, a.owner_id,"
            " a.school_investment, a.enterprise_investment, a.renews_id"
        ),
        source="partnerships_cooperationagreement a",
        where=where,
        params=params,
        order="a.starts_on DESC, a.id DESC",
        columns=AGREEMENT_COLUMNS,
    )


PLACEMENT_COLUMNS = (
    "id",
    "student",
    "position",
    "enterprise",
    "supervisor",
    "mentor_name",
    "plan",
    "starts_on",
    "ends_on",
    "status",
    "agreement_signed",
    "guardian_consent",
    "insurance_policy",
    "insurance_expires_on",
    "hired",
    "warnings",
    "destination",
    "destination_approved_on",
)


def placements(request):
    where, params = [], []
    if request.GET.get("status"):
        where.append("p.status = %s")
        params.append(request.GET["status"])
    try:
        enterprise = _int(request, "enterprise")
        major = _int(request, "major")
    except BadRequest as exc:
        return JsonResponse({str(exc): ["invalid"]}, status=400)
    if enterprise:
        where.append("p.enterprise_id = %s")
        params.append(enterprise)
    if major:
        where.append(
            "p.student_id IN (SELECT s.id FROM internships_student s WHERE s.major_id = %s)"
        )
        params.append(major)
    return _page(
        request,
        select=(
            "p.id, p.student_id, p.position_id, p.enterprise_id, p.supervisor_id,"
            " p.mentor_name, p.plan_id, p.starts_on, p.ends_on, p.status,"
            " p.agreement_signed, p.guardian_consent, p.insurance_policy,"
            " p.insurance_expires_on, p.hired, p.warnings, p.destination,"
            " p.destination_approved_on"
        ),
        source="internships_placement p",
        where=where,
        params=params,
        order="p.starts_on DESC, p.id",
        columns=PLACEMENT_COLUMNS,
        json_columns=("warnings",),
    )


def summary(request):
    """The summary's figures from hand-written SQL (bench/reports_bench.py), as JSON."""
    from bench.reports_bench import hand_written

    try:
        year = _int(request, "year", maximum=3000)
    except BadRequest:
        year = None
    if year is None:
        return JsonResponse({"year": ["A year is required."]}, status=400)
    with connection.cursor() as cursor:
        if not _authorized(cursor, request):
            return JsonResponse(
                {"detail": "Authentication credentials were not provided."}, status=401
            )
    body = {"year": year, **hand_written(year)}
    text = json.dumps(body, default=_encode, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(text.encode(), content_type="application/json")

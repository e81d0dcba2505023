"""Text a liaison types never runs as a formula in the administrator's exports.

The liaison names a position and edits a placement through the API; the
administrator then downloads the list exports, the audit trail and the annual
report, and every cell is read back the way a spreadsheet would.
"""

import csv
import io

import pytest
from openpyxl import load_workbook

from internships.models import Position
from reports.models import Report
from tests.internships.factories import END, START, PlacementFactory

pytestmark = pytest.mark.django_db

TITLE = '=HYPERLINK("http://x","y")'
REQUEST_ID = "@SUM(1+1)*cmd|' /C calc'!A0"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return False
    return True


def csv_cells(content: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    cells = [cell for row in rows for cell in row]
    unsafe = [c for c in cells if c.startswith(FORMULA_START) and not _is_number(c)]
    assert unsafe == []
    return cells


def xlsx_cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))  # formulas load as formulas
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert [t for t in texts if t.startswith(FORMULA_START)] == []
    return cells


@pytest.fixture
def position(api, lily):
    """A position the liaison named with a formula, through the API."""
    created = api.as_(lily).post(
        "/api/v1/positions/",
        {
            "title": TITLE,
            "kind": "cognitive",
            "capacity": 4,
            "starts_on": START.isoformat(),
            "ends_on": END.isoformat(),
            "daily_hours": "8.0",
            "night_shift": False,
            "exception_filing": "",
            "monthly_pay": "3200.00",
            "post_wage": "4000.00",
            "post_headcount": 40,
        },
    )
    assert created.status_code == 201, created.content
    position = Position.objects.get(pk=created.json()["id"])
    assert position.title == TITLE  # stored as typed; only exports escape it
    return position


@pytest.fixture
def placement(position):
    return PlacementFactory(position=position)


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


@pytest.mark.parametrize("path", ["/internships/positions/", "/internships/placements/"])
def test_the_list_exports_hold_no_formula(as_alice, placement, path):
    text = csv_cells(as_alice.get(path + "?export=csv").content)
    assert "'" + TITLE in text
    cells = xlsx_cells(as_alice.get(path + "?export=xlsx").content)
    assert "'" + TITLE in [c.value for c in cells]
    if path == "/internships/positions/":
        # Numbers stay numbers: capacity 4, pay 3200.
        numeric = {c.value for c in cells if c.data_type == "n"}
        assert {4, 3200} <= numeric


def test_the_audit_export_holds_no_formula(api, as_alice, lily, placement):
    edited = api.as_(lily).patch(
        f"/api/v1/placements/{placement.pk}/",
        {"mentor_name": TITLE},
        HTTP_X_REQUEST_ID=REQUEST_ID,
    )
    assert edited.status_code == 200, edited.content
    export = as_alice.get("/audit/export/?object_type=internships.placement")
    cells = csv_cells(export.content)
    assert "'" + REQUEST_ID in cells  # the client's own request id, escaped
    assert any(TITLE in cell for cell in cells)  # the change itself is kept


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_annual_report_holds_no_formula(
    api, alice, placement, fmt, django_capture_on_commit_callbacks
):
    client = api.as_(alice)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post("/api/v1/reports/", {"kind": "annual", "year": 2026, "format": fmt})
    assert created.status_code == 202, created.content
    report = Report.objects.get(pk=created.json()["id"])
    assert report.status == Report.Status.DONE, report.error
    download = client.get(f"/api/v1/reports/{report.pk}/download/")
    content = b"".join(download.streaming_content)
    if fmt == "csv":
        assert "'" + TITLE in csv_cells(content)
    else:
        cells = xlsx_cells(content)
        assert "'" + TITLE in [c.value for c in cells]
        assert any(c.data_type == "n" and c.value == 1 for c in cells)  # a count


def test_a_control_character_in_a_title_does_not_break_the_xlsx_export(
    api, as_alice, lily, alice, django_capture_on_commit_callbacks
):
    """XML cannot carry most control characters; the cell keeps a visible mark instead."""
    position = Position.objects.create(
        enterprise=lily.profile.enterprise,
        title="Welder\x0b=1+1",
        kind="cognitive",
        capacity=2,
        starts_on=START,
        ends_on=END,
    )
    PlacementFactory(position=position)
    export = as_alice.get("/internships/positions/?export=xlsx")
    assert export.status_code == 200
    assert "Welder\ufffd=1+1" in [c.value for c in xlsx_cells(export.content)]
    with django_capture_on_commit_callbacks(execute=True):
        created = api.as_(alice).post(
            "/api/v1/reports/", {"kind": "annual", "year": 2026, "format": "xlsx"}
        )
    report = Report.objects.get(pk=created.json()["id"])
    assert report.status == Report.Status.DONE, report.error

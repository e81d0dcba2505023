"""Every main list page exports its filtered rows as CSV and XLSX."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.exports import export_rows
from tests.councils.factories import CommitteeFactory
from tests.groups.factories import EducationGroupFactory
from tests.internships.factories import PlacementFactory, PositionFactory
from tests.partnerships.factories import AgreementFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_alice(client, alice):
    client.force_login(alice)
    return client


def test_the_enterprise_list_exports_only_the_filtered_rows(as_alice):
    EnterpriseFactory(name="大连港物流有限公司", city="Dalian")
    EnterpriseFactory(name="Shenyang Tools", city="Shenyang")
    response = as_alice.get("/partnerships/enterprises/?city=Dalian&export=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Name,Credit code")
    assert len(lines) == 2 and "大连港物流有限公司" in lines[1]


@pytest.mark.parametrize(
    "path,make",
    [
        ("/partnerships/enterprises/", lambda: EnterpriseFactory()),
        ("/partnerships/agreements/", lambda: AgreementFactory()),
        ("/councils/", lambda: CommitteeFactory()),
        ("/groups/", lambda: EducationGroupFactory()),
        ("/internships/placements/", lambda: PlacementFactory()),
        ("/internships/students/", lambda: PlacementFactory().student),
        ("/internships/positions/", lambda: PositionFactory()),
    ],
)
def test_each_list_exports_xlsx_with_a_header_and_every_row(as_alice, path, make):
    for _ in range(3):
        make()
    page = as_alice.get(path).content.decode()
    assert "export=xlsx" in page
    response = as_alice.get(path + "?export=xlsx&page_size=25&page=1")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0]  # a header
    assert len(rows) >= 4
    assert sheet.freeze_panes == "A2"


def test_the_student_export_has_no_dates_of_birth(as_alice):
    PlacementFactory()
    text = as_alice.get("/internships/students/?export=csv").content.decode("utf-8-sig")
    assert "2005-05-01" not in text and "birth" not in text.lower()


def test_export_rows_escapes_text_and_keeps_negative_numbers_numeric(rf):
    rows = [('=HYPERLINK("http://x","y")', -5, "-5", Decimal("-2.50"))]
    columns = [
        ("@Name", lambda r: r[0]),
        ("N", lambda r: r[1]),
        ("Code", lambda r: r[2]),
        ("Amount", lambda r: r[3]),
    ]
    text = export_rows(rf.get("/?export=csv"), rows, columns, "t").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["'@Name", "N", "Code", "Amount"],
        ['\'=HYPERLINK("http://x","y")', "-5", "'-5", "-2.50"],
    ]
    xlsx = export_rows(rf.get("/?export=xlsx"), rows, columns, "t")
    book = load_workbook(io.BytesIO(xlsx.content))
    name, n, code, amount = book.active[2]
    assert (name.data_type, name.value) == ("s", '\'=HYPERLINK("http://x","y")')
    assert (n.data_type, n.value) == ("n", -5)
    assert (code.data_type, code.value) == ("s", "'-5")
    assert (amount.data_type, amount.value) == ("n", -2.5)

import io
import logging
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from partnerships.models import AgreementDocument, CooperationAgreement
from tests.partnerships.factories import AgreementFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def xlsx_bytes():
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def fake_docx_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return buffer.getvalue()


def upload(client, agreement, name, content, kind="signed_scan"):
    return client.post(
        "/api/v1/agreement-documents/",
        {"agreement": agreement.pk, "kind": kind, "file": SimpleUploadedFile(name, content)},
        format="multipart",
    )


@pytest.fixture
def agreement(enterprise):
    return AgreementFactory(enterprise=enterprise, status=CooperationAgreement.Status.ACTIVE)


@pytest.mark.parametrize(
    "name,content", [("scan.pdf", PDF), ("photo.PNG", PNG), ("budget.xlsx", xlsx_bytes())]
)
def test_accepted_types_are_stored_and_downloaded(api, alice, agreement, name, content):
    client = api.as_(alice)
    response = upload(client, agreement, name, content)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["original_name"] == name and data["size"] == len(content)
    download = client.get(data["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    assert agreement.events.filter(kind="document_added").exists()


@pytest.mark.parametrize(
    "name,content",
    [
        ("scan.pdf", b"MZ\x90\x00 this is an executable"),  # content does not match
        ("script.exe", PDF),  # extension not allowed
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("contract.docx", fake_docx_zip()),  # a zip, but not a Word file
        ("empty.pdf", b""),
        ("noext", PDF),
    ],
)
def test_other_types_are_refused(api, alice, agreement, name, content):
    response = upload(api.as_(alice), agreement, name, content)
    assert response.status_code == 400, response.content
    assert "file" in response.json()
    assert not AgreementDocument.objects.exists()


@override_settings(DOCUMENT_MAX_BYTES=1024)
def test_files_over_the_size_limit_are_refused(api, alice, agreement):
    response = upload(api.as_(alice), agreement, "big.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert response.json()["code"] == "file_too_large"


def test_bad_kind_and_missing_file_are_400(api, alice, agreement):
    client = api.as_(alice)
    assert upload(client, agreement, "a.pdf", PDF, kind="poem").status_code == 400
    response = client.post(
        "/api/v1/agreement-documents/", {"agreement": agreement.pk}, format="multipart"
    )
    assert response.status_code == 400 and "file" in response.json()


def test_downloads_are_scoped_to_who_may_see_the_agreement(
    api, client, alice, lily, leo, tom, rita, agreement
):
    document_id = upload(api.as_(alice), agreement, "scan.pdf", PDF).json()["id"]
    url = f"/api/v1/agreement-documents/{document_id}/download/"
    assert api.as_(lily).get(url).status_code == 200  # their enterprise's agreement
    assert api.as_(tom).get(url).status_code == 200
    assert api.as_(leo).get(url).status_code == 404  # another enterprise's
    assert api.as_(rita).get(url).status_code == 403
    assert api.as_(leo).get("/api/v1/agreement-documents/").json()["count"] == 0
    # liaisons and teachers cannot upload
    assert upload(api.as_(lily), agreement, "x.pdf", PDF).status_code == 403
    # the browser download is scoped the same way
    client.force_login(leo)
    assert client.get(f"/partnerships/documents/{document_id}/download/").status_code == 404
    client.force_login(lily)
    page = client.get(f"/partnerships/documents/{document_id}/download/")
    assert page.status_code == 200 and b"".join(page.streaming_content) == PDF


def test_the_list_costs_the_same_queries_for_5_and_50_rows(
    api, alice, agreement, django_assert_num_queries
):
    client = api.as_(alice)
    for i in range(5):
        upload(client, agreement, f"s{i}.pdf", PDF)
    # token + user, groups, count, page (with the uploader joined)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/agreement-documents/?page_size=200").status_code == 200
    for i in range(45):
        upload(client, agreement, f"t{i}.pdf", PDF)
    with django_assert_num_queries(4):
        assert client.get("/api/v1/agreement-documents/?page_size=200").json()["count"] == 50


def test_the_agreements_own_documents_route(api, alice, tom, leo, agreement):
    client = api.as_(alice)
    url = f"/api/v1/agreements/{agreement.pk}/documents/"
    created = client.post(
        url, {"kind": "charter", "file": SimpleUploadedFile("charter.pdf", PDF)}, format="multipart"
    )
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "charter"
    refused = client.post(url, {"file": SimpleUploadedFile("x.exe", b"MZ")}, format="multipart")
    assert refused.status_code == 400 and refused.json()["code"] == "file_type"
    listed = api.as_(tom).get(url).json()
    assert listed["count"] == 1  # paginated, as every list
    assert [d["original_name"] for d in listed["results"]] == ["charter.pdf"]
    assert api.as_(tom).post(url, {}, format="multipart").status_code == 403
    assert api.as_(leo).get(url).status_code == 404
    download = api.as_(tom).get(created.json()["download_url"])
    assert b"".join(download.streaming_content) == PDF


def test_a_document_whose_file_is_gone_is_a_404_with_a_message(
    api, client, alice, lily, agreement, caplog
):
    document_id = upload(api.as_(alice), agreement, "scan.pdf", PDF).json()["id"]
    document = AgreementDocument.objects.get(pk=document_id)
    url = f"/api/v1/agreement-documents/{document_id}/download/"
    assert api.as_(lily).get(url).status_code == 200  # the same download, file present
    document.file.storage.delete(document.file.name)
    with caplog.at_level(logging.WARNING, logger="common.files"):
        response = api.as_(lily).get(url)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "The file is no longer in storage. Ask an administrator to upload it again.",
        "code": "file_missing",
    }
    assert any(
        document.file.name in r.getMessage() and r.levelno == logging.WARNING
        for r in caplog.records
    )
    client.force_login(lily)
    page = client.get(f"/partnerships/documents/{document_id}/download/")
    assert page.status_code == 404
    assert "The file is no longer in storage" in page.content.decode()

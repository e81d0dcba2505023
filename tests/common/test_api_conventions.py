"""The API's conventions: auth, pagination, error shapes, schema and docs."""

import pytest
from django.urls import reverse

from tests.partnerships.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_a_request_without_credentials_is_401(api):
    response = api.get("/api/v1/enterprises/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_a_token_is_issued_for_good_credentials_and_works(api, alice, password):
    response = api.post("/api/v1/auth/token/", {"username": "alice", "password": password})
    assert response.status_code == 200
    token = response.json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api.get("/api/v1/me/").json()
    assert me == {
        "id": alice.pk,
        "username": "alice",
        "role": "administrator",
        "enterprise": None,
        "student": None,
    }


def test_bad_credentials_get_no_token(api, alice):
    response = api.post("/api/v1/auth/token/", {"username": "alice", "password": "wrong"})
    assert response.status_code == 400
    assert "token" not in response.json()


def test_the_token_endpoint_rejects_malformed_bodies(api):
    assert api.post("/api/v1/auth/token/", {"username": "x"}).status_code == 400
    response = api.post("/api/v1/auth/token/", "{not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "path",
    ["/api/v1/enterprises/", "/api/v1/internship-plans/", "/api/v1/internship-reports/1/review/"],
)
def test_a_body_nested_too_deeply_is_400_not_500(api, alice, path):
    body = "[" * 100_000 + "]" * 100_000
    response = api.as_(alice).post(path, body, content_type="application/json")
    assert response.status_code == 400, response.content[:200]
    assert "nested too deeply" in response.json()["detail"]


def test_a_session_works_for_the_api_too(client, tom, password):
    client.force_login(tom)
    assert client.get("/api/v1/me/").json()["role"] == "teacher"


def test_a_role_without_the_right_gets_403(api, rita):
    assert api.as_(rita).get("/api/v1/enterprises/").status_code == 403
    assert api.as_(rita).post("/api/v1/enterprises/", {"name": "X"}).status_code == 403


def test_a_foreign_object_is_404_for_a_liaison(api, lily, other_enterprise):
    response = api.as_(lily).get(f"/api/v1/enterprises/{other_enterprise.pk}/")
    assert response.status_code == 404


def test_lists_are_paginated_and_capped_at_200(api, alice):
    EnterpriseFactory.create_batch(205)
    body = api.as_(alice).get("/api/v1/enterprises/?page_size=500").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 205
    assert len(body["results"]) == 200
    second = api.as_(alice).get(body["next"]).json()
    assert len(second["results"]) == 5
    assert second["previous"]


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "page_size=-3", "ordering=secret", "status=nonsense", "size=enormous"],
)
def test_malformed_list_parameters_are_400(api, alice, query):
    EnterpriseFactory()
    response = api.as_(alice).get(f"/api/v1/enterprises/?{query}")
    assert response.status_code == 400, response.content


def test_a_malformed_id_in_the_path_is_404_not_500(api, alice):
    assert api.as_(alice).get("/api/v1/enterprises/abc/").status_code == 404
    assert api.as_(alice).get("/api/v1/enterprises/99999999999999999999/").status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {"name": ""},
        {"name": "A", "workforce": -1},
        {"name": "A", "workforce": "many"},
        {"name": "A", "workforce": 10**30},
        {"name": "A", "size": "giant"},
        {"name": ["list"]},
        {"name": "A", "credit_code": "123"},
    ],
)
def test_malformed_bodies_are_400_in_drf_shape(api, alice, body):
    response = api.as_(alice).post("/api/v1/enterprises/", body, format="json")
    assert response.status_code == 400, response.content
    payload = response.json()
    assert all(isinstance(v, list) or k == "code" for k, v in payload.items())


def test_a_broken_rule_carries_its_code(api, alice):
    EnterpriseFactory(name="Anshan Steel")
    response = api.as_(alice).post("/api/v1/enterprises/", {"name": "anshan steel"})
    assert response.status_code == 400
    assert response.json()["code"] == "enterprise_name_taken"
    assert response.json()["name"]


def test_a_json_body_that_is_not_an_object_is_400(api, alice):
    response = api.as_(alice).post("/api/v1/enterprises/", "[1,2]", content_type="application/json")
    assert response.status_code == 400


def test_the_schema_and_the_docs_are_served_from_our_own_origin(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200
    assert b"/api/v1/enterprises/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower()
    # The docs page is HTML only; the schema is the one JSON rendition.
    assert client.get(reverse("swagger-ui") + "?format=json").status_code == 404


def test_responses_carry_security_headers(client):
    response = client.get("/accounts/login/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_deleted_enterprise_still_referenced_is_409(api, alice, lily, enterprise):
    response = api.as_(alice).delete(f"/api/v1/enterprises/{enterprise.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "in_use"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/?enterprise=0",
        "/api/v1/placements/?student=-1",
        "/api/v1/majors/?department=0",
        "/api/v1/committees/?major=-5",
        "/api/v1/group-resources/?contributor=0",
        "/api/v1/action-items/?committee=0",
        "/api/v1/positions/?enterprise=1.5",
    ],
)
def test_an_id_filter_below_1_or_not_whole_is_400(api, alice, url):
    response = api.as_(alice).get(url)
    assert response.status_code == 400, response.content
    name = url.split("?")[1].split("=")[0]
    assert list(response.json()) == [name]


def test_an_id_filter_naming_no_row_matches_nothing(api, alice, enterprise):
    # A plain number: no 400 that would tell a missing id from another's.
    client = api.as_(alice)
    assert client.get("/api/v1/majors/?department=999999").json()["count"] == 0
    assert client.get(f"/api/v1/positions/?enterprise={enterprise.pk}").status_code == 200


@pytest.mark.parametrize(
    "query, name",
    [
        ("status=", "status"),
        ("size=", "size"),
        ("is_integration_enterprise=", "is_integration_enterprise"),
        ("is_integration_enterprise=maybe", "is_integration_enterprise"),
    ],
)
def test_an_empty_or_unreadable_filter_is_400_not_ignored(api, alice, query, name):
    EnterpriseFactory()
    response = api.as_(alice).get(f"/api/v1/enterprises/?{query}")
    assert response.status_code == 400, response.content
    assert response.json() == {
        name: [
            "Give a value, or leave this filter out."
            if query.endswith("=")
            else "Give true or false."
        ]
    }


def test_an_empty_free_text_filter_filters_nothing(api, alice):
    EnterpriseFactory()
    response = api.as_(alice).get("/api/v1/enterprises/?industry=")
    assert response.status_code == 200 and response.json()["count"] == 1


def test_an_unknown_url_under_the_api_is_a_json_404(api, alice):
    for url in ("/api/v1/enterprises/1.5/", "/api/v1/no-such-thing/"):
        response = api.as_(alice).put(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}


@pytest.fixture
def openapi(client):
    return client.get("/api/schema/?format=json").json()


def _operations(openapi):
    for path, item in openapi["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method.upper(), operation


def test_every_operation_documents_its_errors_with_their_bodies(openapi):
    schemas = openapi["components"]["schemas"]
    assert schemas["ValidationError"]["properties"]["code"]
    assert schemas["ErrorDetail"]["required"] == ["detail"]
    assert schemas["ConflictError"]["required"] == ["code"]
    for path, method, operation in _operations(openapi):
        codes = set(operation["responses"])
        if path == "/api/v1/auth/token/":
            assert {"400", "429"} <= codes and "401" not in codes
            continue
        assert {"401", "403"} <= codes, (method, path)
        if "{" in path or "page" in {p["name"] for p in operation.get("parameters", [])}:
            assert "404" in codes, (method, path)
        if method in {"POST", "PUT", "PATCH", "DELETE"}:
            assert {"400", "409"} <= codes, (method, path)
    refused = openapi["paths"]["/api/v1/placements/"]["post"]["responses"]
    assert refused["409"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ConflictError"
    }
    assert "422" in refused  # an Idempotency-Key used for another request
    assert "422" not in openapi["paths"]["/api/v1/enterprises/"]["post"]["responses"]


def test_every_id_filter_declares_its_minimum(openapi):
    ids = 0
    for path, _method, operation in _operations(openapi):
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "query" and parameter["name"] in {
                "enterprise",
                "agreement",
                "major",
                "department",
                "committee",
                "meeting",
                "placement",
                "student",
                "position",
                "supervisor",
                "group",
                "member",
                "contributor",
                "owner",
                "user",
                "school_leader",
            }:
                ids += 1
                assert parameter["schema"]["type"] == "integer", (path, parameter)
                assert parameter["schema"]["minimum"] == 1, (path, parameter)
    assert ids > 30


def test_the_document_and_charter_lists_are_paginated_as_documented(openapi):
    for path in ("/api/v1/agreements/{id}/documents/", "/api/v1/committees/{id}/charters/"):
        operation = openapi["paths"][path]["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        assert schema["$ref"].startswith("#/components/schemas/Paginated")
        assert [p["name"] for p in operation["parameters"]] == ["id", "page", "page_size"]


def test_a_cancel_requires_its_reason_in_the_schema(openapi):
    body = openapi["paths"]["/api/v1/meetings/{id}/cancel/"]["post"]["requestBody"]
    ref = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    component = openapi["components"]["schemas"][ref]
    assert component["required"] == ["reason"]
    assert component["properties"]["reason"]["minLength"] == 1


def test_a_page_filter_bar_still_reads_an_empty_select_as_all(client, alice):
    # The pages share the API's filter sets; only the API refuses empty values.
    EnterpriseFactory()
    client.force_login(alice)
    page = client.get("/partnerships/enterprises/?status=&size=&is_integration_enterprise=")
    assert page.status_code == 200
    assert "Give a value, or leave this filter out." not in page.content.decode()


def test_a_nul_in_a_search_is_a_400_in_the_object_shape_even_where_nothing_is_searched(api, alice):
    # Agreement documents have no search of their own; DRF's search filter still
    # refuses the NUL character, with a bare list that is wrapped like any other 400.
    response = api.as_(alice).get("/api/v1/agreement-documents/?search=a%00b")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Null characters are not allowed."]}


@pytest.mark.parametrize("path", ["/api/v1/reports/", "/api/v1/users/", "/api/v1/enterprises/"])
def test_a_method_an_endpoint_lacks_is_a_405_whatever_the_role(api, tom, alice, path):
    # A teacher may not use reports or users at all, yet the method's absence
    # is what the answer reports, as for the administrator.
    for user in (tom, alice):
        assert api.as_(user).generic("TRACE", path).status_code == 405


@pytest.mark.parametrize("value", ["0.5", "2026.0001", "1e3", "99999999999999999999999"])
def test_a_whole_number_filter_refuses_a_fraction_or_an_overflow(api, alice, value):
    response = api.as_(alice).get(f"/api/v1/reports/?year={value}")
    assert response.status_code == 400
    assert "year" in response.json()


@pytest.mark.parametrize("shape", ["{}.5", "'{}.0'", "'-{}'", "' {}'", "true"])
def test_a_related_id_that_is_not_a_whole_number_is_refused(api, alice, enterprise, shape):
    # Were 3.5 read as id 3, a request the schema calls invalid would name a row.
    pk = enterprise.pk
    value = {
        "{}.5": pk + 0.5,
        "'{}.0'": f"{pk}.0",
        "'-{}'": f"-{pk}",
        "' {}'": f" {pk}",
        "true": True,
    }[shape]
    response = api.as_(alice).post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": value, "name": "Wang Fang", "title": "HR"},
        format="json",
    )
    assert response.status_code == 400
    assert "enterprise" in response.json()


def test_a_related_id_as_digits_in_a_string_is_accepted(api, alice, enterprise):
    response = api.as_(alice).post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": str(enterprise.pk), "name": "Wang Fang", "title": "HR"},
        format="json",
    )
    assert response.status_code == 201, response.content

"""/api/openapi.json is a valid OpenAPI 3 document describing every endpoint."""

import pytest
from openapi_spec_validator import validate

pytestmark = pytest.mark.django_db


def test_the_schema_validates_as_openapi_3(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_the_schema_lists_every_endpoint_and_its_parameters(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/stories", "/api/stories/{slug}", "/api/sections", "/api/reporters", "/api/tags"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/stories"]["get"]["parameters"]}
    assert parameters == {"section", "tag", "reporter", "updated_since", "limit", "cursor"}

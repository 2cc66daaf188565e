"""/api/hsds/: the directory as the HSDS 3.1 API — the public feed without a token, what the
agencies see with one; paginated as HSDS specifies; every answer valid against the schemas."""

import json

import jsonschema_rs
import pytest
from django.test import Client

from tests.fixtures import token_for
from tests.resources.conftest import HSDS, SECRET

pytestmark = pytest.mark.skipif(not HSDS.is_dir(), reason="../shared/standards/hsds is not here")


def _validator(name: str):  # type: ignore[no-untyped-def]
    return jsonschema_rs.Draft202012Validator(json.loads((HSDS / "compiled" / name).read_text()))


def _errors(validator, item):  # type: ignore[no-untyped-def]
    return [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(item)]


def test_the_public_feed_is_valid_hsds_and_holds_nothing_confidential(town_directory) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    everything = ""
    for path, schema in (
        ("/api/hsds/services?full=true", "service.json"),
        ("/api/hsds/organizations", "organization.json"),
        ("/api/hsds/service_at_locations", "service_at_location.json"),
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        page = answer.json()
        assert page["page_number"] == 1 and page["first_page"] and page["contents"], path
        validator = _validator(schema)
        for item in page["contents"]:
            assert not _errors(validator, item), (path, _errors(validator, item))
        everything += answer.content.decode()
    for path in (
        "/api/hsds/",
        "/api/hsds/locations",
        "/api/hsds/taxonomies",
        "/api/hsds/taxonomy_terms",
    ):
        answer = client.get(path)
        assert answer.status_code == 200, path
        everything += answer.content.decode()
    for secret in (
        SECRET["shelter_name"],
        SECRET["shelter_phone"],
        "桜町",
        SECRET["group_contact"],
    ):
        assert secret not in everything, secret
    names = [s["name"] for s in client.get("/api/hsds/services").json()["contents"]]
    assert names == ["一時避難の相談", "川辺ふれあいサロン"] or sorted(names) == sorted(
        ["一時避難の相談", "川辺ふれあいサロン"]
    )


def test_an_agency_s_token_opens_the_partner_entries(cast, town_directory) -> None:  # type: ignore[no-untyped-def]
    partner = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(cast.partner_without_consent)}")
    names = {s["name"] for s in partner.get("/api/hsds/services").json()["contents"]}
    assert "家族の会（依存症）" in names
    assert (
        SECRET["shelter_phone"] not in partner.get("/api/hsds/services?full=true").content.decode()
    )
    wrong = Client(HTTP_AUTHORIZATION="Bearer tsu_not_a_token")
    assert wrong.get("/api/hsds/services").status_code == 401


def test_pages_ids_and_bad_input(town_directory) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    first = client.get("/api/hsds/services", {"per_page": 1}).json()
    second = client.get("/api/hsds/services", {"per_page": 1, "page": 2}).json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (2, 2, 1)
    assert first["first_page"] and not first["last_page"] and second["last_page"]
    assert first["contents"][0]["id"] != second["contents"][0]["id"]
    assert client.get("/api/hsds/services", {"page": 9}).json()["empty"] is True
    salon = town_directory["salon"]
    one = client.get(f"/api/hsds/services/{salon.uuid}").json()
    assert one["name"] == "川辺ふれあいサロン" and one["schedules"][0]["byday"] == "WE"
    group = town_directory["group"]
    hidden = client.get(f"/api/hsds/services/{group.uuid}")
    missing = client.get("/api/hsds/services/00000000-0000-0000-0000-000000000000")
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert client.get("/api/hsds/services/not-a-uuid").status_code == 404
    for bad in ({"per_page": "0"}, {"page": "a"}, {"per_page": "9999"}, {"modified_after": "昨日"}):
        answer = client.get("/api/hsds/services", bad)
        assert answer.status_code == 400 and answer.json()["detail"], bad
    assert client.post("/api/hsds/services").status_code == 405

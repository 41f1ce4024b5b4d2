"""The lookup API (openprofile.api) on a published demo build, through FastAPI's test client.

Expected answers come from the brief's scenarios and the raw seed files, or from the marts read
with plain SQL — never from the API's own code.
"""

from __future__ import annotations

import base64
import csv
import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from openprofile.api import ConfigurationError, create_app, load_api_keys
from openprofile.cli import PROJECT_ROOT
from openprofile.publish import PublishError, current_file, publish

KEY = "test-key-0123456789abcdef"
HEADERS = {"X-API-Key": KEY}
SEEDS = PROJECT_ROOT / "seeds" / "demo"


@pytest.fixture(scope="module")
def published(demo_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo build published into a fresh folder; returns the folder."""
    folder = tmp_path_factory.mktemp("published") / "demo"
    publish(demo_build, folder, demo_build.parent / "target_demo" / "run_results.json",
            PROJECT_ROOT)
    return folder


@pytest.fixture(scope="module")
def client(published: Path) -> TestClient:
    return TestClient(create_app(published, frozenset([KEY])))


@pytest.fixture(scope="module")
def marts(published: Path):
    connection = duckdb.connect(str(current_file(published)), read_only=True)
    yield connection
    connection.close()


def lookup(client: TestClient, identifier: str, **params) -> object:
    return client.get("/v1/profiles/lookup", params={"identifier": identifier, **params},
                      headers=HEADERS)


def test_the_brief_scenario_mobile_guest123_is_an_unknown_leather_shoe_prospect(client):
    response = lookup(client, "mobile_guest123", include="segments,measures")
    assert response.status_code == 200
    body = response.json()
    assert body["profile"]["is_known"] is False
    assert body["matched_identifiers"] == [
        {"identifier_type": "device_id", "identifier_value": "mobile_guest123"}]
    segments = {segment["segment_name"] for segment in body["segments"]}
    assert {"unknown_leather_shoe_prospects", "leather_shoe_browsers_without_checkout",
            "unknown_visitors", "mobile_app_users"} <= segments
    assert body["measures"]["order_count"] == 0
    assert body["measures"]["product_view_count"] >= 2


def test_lookup_by_each_identifier_type_finds_the_profile_the_marts_hold(client, marts):
    pairs = marts.execute(
        "select identifier_type, min(identifier_value) from marts.dim_customer_keys"
        " group by identifier_type order by identifier_type").fetchall()
    assert {kind for kind, _ in pairs} >= {"cookie_id", "device_id", "user_id", "email", "phone",
                                           "crm_contact_id"}
    for kind, value in pairs:
        expected = marts.execute(
            "select customer_id from marts.dim_customer_keys"
            " where identifier_type = ? and identifier_value = ?", [kind, value]).fetchone()[0]
        response = lookup(client, value, identifier_type=kind)
        assert response.status_code == 200, (kind, value, response.text)
        assert response.json()["profile"]["customer_id"] == expected, kind


def _first_crm_contact_with_email_and_dutch_phone() -> dict[str, str]:
    with (SEEDS / "raw_shop__crm_contacts.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            if (row["email"] and "@" in row["email"] and row["phone"].startswith("+316")
                    and row["email"] == row["email"].strip().lower()):
                return row
    raise AssertionError("the demo CRM has no contact with an email and a Dutch mobile number")


def test_an_identifier_as_typed_is_normalised_like_the_build(client):
    contact = _first_crm_contact_with_email_and_dutch_phone()
    by_contact = lookup(client, contact["contact_id"], identifier_type="crm_contact_id").json()
    customer_id = by_contact["profile"]["customer_id"]
    shouting = lookup(client, f"  {contact['email'].upper()}\u00a0")
    assert shouting.status_code == 200
    assert shouting.json()["profile"]["customer_id"] == customer_id
    # as stored, without a type: one match, not one per candidate rule
    as_stored = lookup(client, contact["email"])
    assert as_stored.json()["matched_identifiers"] == [
        {"identifier_type": "email", "identifier_value": contact["email"]}]
    national = "0" + contact["phone"][3:]  # +31 6… written as 06…
    by_phone = lookup(client, national, identifier_type="phone")
    assert by_phone.status_code == 200
    assert by_phone.json()["profile"]["customer_id"] == customer_id
    assert by_phone.json()["matched_identifiers"] == [
        {"identifier_type": "phone", "identifier_value": contact["phone"]}]


def test_unknown_identifier_is_404_and_keys_are_required(client):
    assert lookup(client, "never-seen-cookie").status_code == 404
    assert client.get("/v1/profiles/lookup", params={"identifier": "mobile_guest123"}
                      ).status_code == 401
    assert client.get("/v1/profiles/lookup", params={"identifier": "mobile_guest123"},
                      headers={"X-API-Key": KEY + "x"}).status_code == 401
    assert client.get("/v1/segments").status_code == 401
    health = client.get("/v1/health")
    assert health.status_code == 200
    assert health.json()["status"] == "ready"
    assert health.json()["build"]["built_at"].endswith("Z")


@pytest.mark.parametrize("identifier", [
    "' or '1'='1",
    "mobile_guest123' --",
    "x'; drop table marts.dim_customers; --",
    "%",
    "_",
    "mobile_guest%",
    "\\",
    '" or 1=1 or "',
    "$1",
    "?",
])
def test_injection_like_identifiers_are_data_not_sql(client, identifier):
    assert lookup(client, identifier).status_code == 404
    assert lookup(client, identifier, identifier_type="cookie_id").status_code == 404
    assert lookup(client, "mobile_guest123").status_code == 200


def test_inputs_are_bounded_with_clear_4xx_errors(client):
    assert lookup(client, "x" * 257).status_code == 422
    assert lookup(client, "mobile_guest123", identifier_type="passport").status_code == 422
    assert lookup(client, "mobile_guest123", include="secrets").status_code == 422
    assert lookup(client, "mobile_guest123", include="activities",
                  activities_limit=0).status_code == 422
    assert lookup(client, "mobile_guest123", include="activities",
                  activities_limit=501).status_code == 422
    assert lookup(client, "mobile_guest123", include="activities",
                  activities_cursor="not-a-cursor").status_code == 400
    assert client.get("/v1/segments/unknown_visitors/members", params={"limit": 10_000},
                      headers=HEADERS).status_code == 422
    assert client.get("/v1/segments/no_such_segment/members", headers=HEADERS).status_code == 404


def test_activities_are_newest_first_and_pages_cover_them_exactly_once(client, marts):
    customer_id = lookup(client, "mobile_guest123").json()["profile"]["customer_id"]
    expected = [row[0] for row in marts.execute(
        "select activity_id from marts.fct_activities where customer_id = ?"
        " order by occurred_at desc, activity_id desc", [customer_id]).fetchall()]
    assert len(expected) > 5
    seen, cursor = [], None
    while True:
        params = {"include": "activities", "activities_limit": 4}
        if cursor:
            params["activities_cursor"] = cursor
        page = lookup(client, "mobile_guest123", **params).json()["activities"]
        seen += [item["activity_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == expected


def test_segments_list_sizes_and_members_pages_match_the_memberships(client, marts):
    listed = {s["segment_name"]: s["member_count"]
              for s in client.get("/v1/segments", headers=HEADERS).json()["segments"]}
    segment_views = {row[0] for row in marts.execute(
        "select substr(table_name, 9) from information_schema.tables"
        " where table_schema = 'segments'").fetchall()}
    assert set(listed) == segment_views
    for name, size in marts.execute(
            "select segment_name, count(*) from marts.segment_memberships group by 1").fetchall():
        assert listed[name] == size
    expected = {row[0] for row in marts.execute(
        "select customer_id from marts.segment_memberships where segment_name = 'unknown_visitors'"
    ).fetchall()}
    members, cursor = [], None
    while True:
        params = {"limit": 97} | ({"cursor": cursor} if cursor else {})
        page = client.get("/v1/segments/unknown_visitors/members", params=params,
                          headers=HEADERS).json()
        members += [item["customer_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(members) == len(set(members)) == len(expected) > 97
    assert set(members) == expected


def test_a_customer_id_absorbed_by_a_merge_resolves_to_the_current_profile(published, tmp_path):
    folder = tmp_path / "merged"
    folder.mkdir()
    copy = folder / "build-1.duckdb"
    shutil.copy(current_file(published), copy)
    with duckdb.connect(str(copy)) as connection:
        current = connection.execute(
            "select customer_id from marts.dim_customers order by customer_id limit 1"
        ).fetchone()[0]
        connection.execute(
            "insert into marts.customer_id_history (previous_customer_id, current_customer_id)"
            " values ('cus_absorbed_earlier', ?)", [current])
    (folder / "CURRENT").write_text(copy.name)
    merged_client = TestClient(create_app(folder, frozenset([KEY])))
    response = merged_client.get("/v1/profiles/cus_absorbed_earlier", headers=HEADERS)
    assert response.status_code == 200
    assert response.json()["profile"]["customer_id"] == current
    assert response.json()["merged_into"] == current
    assert merged_client.get(f"/v1/profiles/{current}", headers=HEADERS).json()["merged_into"] is None
    assert merged_client.get("/v1/profiles/cus_never", headers=HEADERS).status_code == 404


def test_a_new_publication_is_served_without_a_restart_and_the_build_file_stays_writable(
        demo_build, tmp_path):
    folder = tmp_path / "switching"
    run_results = demo_build.parent / "target_demo" / "run_results.json"
    first = publish(demo_build, folder, run_results, PROJECT_ROOT)
    app_client = TestClient(create_app(folder, frozenset([KEY])))
    first_published_at = app_client.get("/v1/health").json()["build"]["published_at"]
    assert lookup(app_client, "mobile_guest123").status_code == 200
    second = publish(demo_build, folder, run_results, PROJECT_ROOT)
    assert second != first
    assert app_client.get("/v1/health").json()["build"]["published_at"] > first_published_at
    assert lookup(app_client, "mobile_guest123").status_code == 200
    # The API holds only the published file: a build may open its database for writing.
    copy = tmp_path / "working.duckdb"
    shutil.copy(demo_build, copy)
    with duckdb.connect(str(copy)) as writer:
        writer.execute("create or replace table main.api_probe as select 1 as x")
    assert lookup(app_client, "mobile_guest123").status_code == 200


def test_a_broken_pointer_keeps_the_open_build_and_health_never_500s(published, tmp_path):
    folder = tmp_path / "broken"
    folder.mkdir()
    shutil.copy(current_file(published), folder / "build-1.duckdb")
    (folder / "CURRENT").write_text("build-1.duckdb")
    app_client = TestClient(create_app(folder, frozenset([KEY])))
    assert lookup(app_client, "mobile_guest123").status_code == 200
    (folder / "build-2.duckdb").write_text("not a database")
    for pointer in ["build-2.duckdb", "build-9.duckdb", "../../openprofile.duckdb", ""]:
        (folder / "CURRENT").write_text(pointer)
        assert app_client.get("/v1/health").status_code == 200, pointer
        assert lookup(app_client, "mobile_guest123").status_code == 200, pointer
    assert TestClient(create_app(folder, frozenset([KEY]))).get("/v1/health").status_code == 503


def test_forged_cursors_and_odd_keys_are_4xx_never_500(client):
    def forged(values):
        return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")
    assert lookup(client, "mobile_guest123", include="activities",
                  activities_cursor=forged(["x", "y"])).status_code == 400
    assert client.get("/v1/segments/unknown_visitors/members", headers=HEADERS,
                      params={"cursor": forged(["\ud800"])}).status_code == 400
    assert client.get("/v1/segments", headers={"X-API-Key": "clé-non-ascii-0123456789".encode("latin-1")}
                      ).status_code == 401


def test_only_a_passed_full_dbt_build_is_published(demo_build, tmp_path):
    run_results = json.loads((demo_build.parent / "target_demo" / "run_results.json").read_text())
    run_only = dict(run_results, args={**run_results["args"], "which": "run"})
    path = tmp_path / "run_results.json"
    path.write_text(json.dumps(run_only))
    with pytest.raises(PublishError, match="not from a dbt build"):
        publish(demo_build, tmp_path / "a", path, PROJECT_ROOT)
    # a database changed after its recorded build (an interrupted rebuild) is refused
    copy = tmp_path / "changed.duckdb"
    shutil.copy(demo_build, copy)
    path.write_text(json.dumps(run_results))
    stamp = path.stat().st_mtime
    os.utime(copy, (stamp + 60, stamp + 60))
    with pytest.raises(PublishError, match="changed after the last recorded build"):
        publish(copy, tmp_path / "b", path, PROJECT_ROOT)


def test_a_failed_build_is_never_published(demo_build, tmp_path):
    run_results = json.loads((demo_build.parent / "target_demo" / "run_results.json").read_text())
    run_results["results"][-1]["status"] = "fail"
    failed = tmp_path / "run_results.json"
    failed.write_text(json.dumps(run_results))
    with pytest.raises(PublishError, match="did not pass"):
        publish(demo_build, tmp_path / "never", failed, PROJECT_ROOT)
    assert current_file(tmp_path / "never") is None


def test_nothing_published_is_not_ready(tmp_path):
    empty_client = TestClient(create_app(tmp_path, frozenset([KEY])))
    assert empty_client.get("/v1/health").status_code == 503
    assert lookup(empty_client, "mobile_guest123").status_code == 503


def test_api_keys_come_from_the_environment_or_a_file(tmp_path):
    with pytest.raises(ConfigurationError, match="OPENPROFILE_API_KEYS"):
        load_api_keys({})
    with pytest.raises(ConfigurationError, match="shorter than 16"):
        load_api_keys({"OPENPROFILE_API_KEYS": "short"})
    key_file = tmp_path / "keys"
    key_file.write_text("# rotated 2026-11\nfile-key-0123456789abcdef\n\n")
    assert load_api_keys({"OPENPROFILE_API_KEYS": f"{KEY}, ",
                          "OPENPROFILE_API_KEYS_FILE": str(key_file)}) == {
        KEY, "file-key-0123456789abcdef"}
    with pytest.raises(ConfigurationError, match="OPENPROFILE_API_KEYS_FILE"):
        load_api_keys({"OPENPROFILE_API_KEYS_FILE": str(tmp_path / "missing")})

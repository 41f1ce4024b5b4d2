"""Activation: segment export files, marketing consent and erasure, on the demo build.

The oracle is the raw demo seeds (CRM consent flags, who owns which email, user id and cookie)
and seeds/config/erasure_requests.csv, read here with csv and hashlib — not the models' SQL.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import defaultdict
from pathlib import Path

import duckdb
import phonenumbers
import pytest

from openprofile.cli import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds" / "demo"
EXPORTS = {"parquet": "segment_members_parquet", "csv": "segment_members_csv"}
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def read_seed(name: str) -> list[dict[str, str]]:
    with (SEEDS / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def e164(raw: str, country: str) -> str | None:
    try:
        number = phonenumbers.parse(raw, country or "NL")
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


@pytest.fixture(scope="module")
def export_rows(demo_build: Path) -> dict[str, list[dict]]:
    """Every row of every export file, per format, with the segment from the folder name."""
    folder = demo_build.parent / "exports_demo"
    rows: dict[str, list[dict]] = {}
    with duckdb.connect() as connection:
        for kind, subfolder in EXPORTS.items():
            files = sorted((folder / subfolder).glob("segment_name=*/*." + kind))
            assert files, f"no {kind} export files under {folder / subfolder}"
            reader = "read_parquet" if kind == "parquet" else "read_csv"
            options = "" if kind == "parquet" else ", header = true, all_varchar = true"
            result = connection.execute(
                f"select * from {reader}(?, hive_partitioning = true{options})",
                [str(folder / subfolder / f"segment_name=*/*.{kind}")])
            columns = [column[0] for column in result.description]
            rows[kind] = [dict(zip(columns, row, strict=True)) for row in result.fetchall()]
    return rows


@pytest.fixture(scope="module")
def erased_person() -> dict[str, set[str]]:
    """Everything the raw demo data holds of the people named in erasure_requests.csv."""
    requests = list(csv.DictReader(
        (PROJECT_ROOT / "seeds" / "config" / "erasure_requests.csv").open(newline="")))
    contacts = read_seed("raw_shop__crm_contacts")
    strings: set[str] = set()
    user_ids: set[str] = set()
    for request in requests:
        value = request["identifier_value"].strip()
        if request["identifier_type"] == "email":
            matches = [c for c in contacts if c["email"].strip().lower() == value.lower()]
        else:
            assert request["identifier_type"] == "phone"
            matches = [c for c in contacts
                       if e164(c["phone"], c["country_code"]) == e164(value, "NL")]
        assert matches, f"erasure request {request['request_id']} names nobody in the demo CRM"
        for contact in matches:
            strings |= {contact["contact_id"], contact["email"].strip().lower()}
            if contact["phone"]:
                strings.add(e164(contact["phone"], contact["country_code"]))
            if contact["user_id"]:
                user_ids.add(contact["user_id"])
    strings |= user_ids
    event_ids, cookies = set(), set()
    for row in read_seed("raw_shop__web_events"):
        if row["user_id"] in user_ids:
            cookies.add(row["cookie_id"])
    for row in read_seed("raw_shop__app_events"):
        if row["user_id"] in user_ids:
            cookies.add(row["device_id"])
    cookies.discard("")
    for row in read_seed("raw_shop__web_events"):
        if row["cookie_id"] in cookies or row["user_id"] in user_ids:
            event_ids.add("shop_web:" + row["event_id"])
    for row in read_seed("raw_shop__app_events"):
        if row["device_id"] in cookies or row["user_id"] in user_ids:
            event_ids.add("shop_app:" + row["event_id"])
    return {"strings": strings | cookies, "activity_ids": event_ids, "user_ids": user_ids}


def test_exports_hold_hashes_not_raw_email_or_phone(export_rows, demo_db):
    raw_values = set()
    for contact in read_seed("raw_shop__crm_contacts"):
        raw_values |= {contact["email"].strip().lower(), contact["phone"].strip()}
        if contact["phone"]:
            raw_values.add(e164(contact["phone"], contact["country_code"]) or "")
    raw_values.discard("")
    profiles = {row[0]: row[1:] for row in demo_db.execute(
        "select customer_id, email, phone from marts.dim_customers").fetchall()}
    for kind, rows in export_rows.items():
        assert rows, kind
        assert set(rows[0]) == {"segment_name", "customer_id", "email_sha256", "phone_sha256",
                                "entered_at"}, kind
        hashed = 0
        for row in rows:
            for value in row.values():
                text = str(value)
                assert not EMAIL.search(text), (kind, row)
                assert text.lower() not in raw_values, (kind, row)
            email, phone = profiles[row["customer_id"]]
            expected_email = hashlib.sha256(email.encode()).hexdigest() if email else None
            expected_phone = hashlib.sha256(phone.encode()).hexdigest() if phone else None
            assert row["email_sha256"] == expected_email, (kind, row)
            assert row["phone_sha256"] == expected_phone, (kind, row)
            assert email is None or email == email.strip().lower()
            assert phone is None or phonenumbers.is_possible_number(phonenumbers.parse(phone))
            hashed += email is not None
        assert hashed > 0, kind


def test_only_profiles_whose_latest_crm_statement_is_yes_are_exported(export_rows, demo_db):
    latest: dict[str, tuple[str, str]] = {}
    for contact in read_seed("raw_shop__crm_contacts"):
        previous = latest.get(contact["contact_id"])
        if previous is None or contact["updated_at"] > previous[0]:
            latest[contact["contact_id"]] = (contact["updated_at"], contact["marketing_consent"])
    contacts_of: dict[str, list[str]] = defaultdict(list)
    for customer_id, contact_id in demo_db.execute(
            "select customer_id, identifier_value from marts.dim_customer_keys"
            " where identifier_type = 'crm_contact_id'").fetchall():
        contacts_of[customer_id].append(contact_id)

    def consents(customer_id: str) -> bool:
        statements = sorted((latest[c] for c in contacts_of[customer_id]
                             if latest[c][1].strip().lower() in ("yes", "no")), reverse=True)
        return bool(statements) and statements[0][1].strip().lower() == "yes" and not any(
            s[0] == statements[0][0] and s[1].strip().lower() == "no" for s in statements)

    members = demo_db.execute(
        "select segment_name, customer_id from marts.segment_memberships").fetchall()
    expected = {(segment, customer) for segment, customer in members if consents(customer)}
    assert 0 < len(expected) < len(members)
    for kind, rows in export_rows.items():
        exported = {(row["segment_name"], row["customer_id"]) for row in rows}
        assert exported == expected, kind


def test_erased_people_are_in_no_mart_export_or_segment(erased_person, export_rows, demo_build):
    strings = {s.lower() for s in erased_person["strings"]}
    assert len(strings) >= 6 and erased_person["activity_ids"]
    found = []
    with duckdb.connect(str(demo_build), read_only=True) as connection:
        relations = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ('marts', 'segments', 'quality', 'exports')").fetchall()
        assert len(relations) > 20
        for schema, name in relations:
            for value in strings:
                hits = connection.execute(
                    f'select count(*) from "{schema}"."{name}" as t'
                    " where contains(lower(cast(t as varchar)), ?)", [value]).fetchone()[0]
                if hits:
                    found.append(f"{schema}.{name}: {value} ({hits} rows)")
        kept = {row[0] for row in connection.execute(
            "select activity_id from marts.fct_activities").fetchall()}
    assert not found, "\n".join(found)
    assert not kept & erased_person["activity_ids"]
    for kind, rows in export_rows.items():
        text = " ".join(str(value) for row in rows for value in row.values()).lower()
        assert not [value for value in strings if value in text], kind


def test_erasure_keeps_everyone_else(demo_db):
    # the two requests erase two profiles, not more (a too-wide rule would empty the marts)
    erased = demo_db.execute(
        "select count(distinct customer_id) from intermediate.int_erased_identifiers").fetchone()[0]
    assert erased == 2
    profiles = demo_db.execute("select count(*) from marts.dim_customers").fetchone()[0]
    resolved = demo_db.execute(
        "select count(distinct customer_id) from intermediate.int_identities_resolved"
        " where customer_id is not null").fetchone()[0]
    assert profiles == resolved - erased

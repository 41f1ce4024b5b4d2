"""The identity rules, case by case, on the hand-written raw data of tests/fixtures/identity_cases.

Each expectation follows from the raw rows and the rule, not from the models' output: e.g. the
merge-lineage ids are md5 values computed here with hashlib.
"""

from __future__ import annotations

import csv
import hashlib
import unicodedata

import duckdb
import pytest

from conftest import IDENTITY_CASES, copy_project
from openprofile.cli import dbt_build

LONG_USER_ID = "u_" + "x" * 298


def customer_id_of(identifier_type: str, identifier_value: str) -> str:
    """What the anchor rule says a profile anchored on this identifier is called."""
    digest = hashlib.md5(f"{identifier_type}:{identifier_value}".encode()).hexdigest()
    return f"cus_{digest}"


def build(project, database) -> None:
    code = dbt_build(["demo"], database,
                     target_path=project / "target", project_dir=project)
    assert code == 0


@pytest.fixture(scope="module")
def cases_project(identity_cases_build):
    return identity_cases_build[0]


@pytest.fixture(scope="module")
def cases_db(identity_cases_build):
    connection = duckdb.connect(str(identity_cases_build[1]), read_only=True)
    yield connection
    connection.close()


def profile(db, identifier_type, identifier_value):
    rows = db.execute(
        "select customer_id from marts.dim_customer_keys"
        " where identifier_type = ? and identifier_value = ?",
        [identifier_type, identifier_value],
    ).fetchall()
    return rows[0][0] if rows else None


def test_emails_are_trimmed_and_lowercased_and_invalid_ones_never_repaired(cases_db):
    pat = profile(cases_db, "crm_contact_id", "C_PAT")
    assert profile(cases_db, "email", "pat.lee@example.com") == pat
    order_profile = cases_db.execute(
        "select customer_id from marts.fct_activities where order_id = 'O_PAT'"
        " and activity_type = 'order_placed'"
    ).fetchone()[0]
    assert order_profile == pat
    # 'pat lee@example.com' is no email: no key, C_BAD stays its own profile
    assert profile(cases_db, "email", "pat lee@example.com") is None
    assert profile(cases_db, "email", "patlee@example.com") is None  # not "repaired"
    bad = profile(cases_db, "crm_contact_id", "C_BAD")
    assert bad is not None and bad != pat
    status = cases_db.execute(
        "select edge_status from marts.fct_identity_edges where to_identifier_value ="
        " 'pat lee@example.com' or from_identifier_value = 'pat lee@example.com'"
    ).fetchall()
    assert status == [("rejected: invalid email address",)]


def test_placeholder_user_ids_link_nothing(cases_db):
    cookies = ["ck_undefined", "ck_null", "ck_zero", "ck_empty"]
    profiles = {profile(cases_db, "cookie_id", cookie) for cookie in cookies}
    assert None not in profiles and len(profiles) == 4
    user_ids = {row[0] for row in cases_db.execute(
        "select identifier_value from marts.dim_customer_keys where identifier_type = 'user_id'"
    ).fetchall()}
    assert not user_ids & {"undefined", "NULL", " NULL ", "0", ""}
    known = cases_db.execute(
        f"select count(*) from marts.dim_customers where is_known and customer_id in"
        f" ({', '.join('?' * 4)})", list(profiles)
    ).fetchone()[0]
    assert known == 0


def test_two_contacts_with_a_placeholder_email_stay_two_profiles(cases_db):
    one, two = (profile(cases_db, "crm_contact_id", c) for c in ("C_NOMAIL1", "C_NOMAIL2"))
    assert one and two and one != two
    assert profile(cases_db, "email", "noemail@example.com") is None


def test_phone_numbers_in_two_formats_are_one_identifier(cases_db):
    owner = profile(cases_db, "crm_contact_id", "C_PHONE")
    assert profile(cases_db, "phone", "+15550102030") == owner
    assert cases_db.execute(
        "select count(*) from marts.dim_customer_keys"
        " where identifier_type = 'phone' and identifier_value like '%5550102030'"
    ).fetchone()[0] == 1
    order_profile = cases_db.execute(
        "select customer_id from marts.fct_activities where order_id = 'O_PHONE'"
        " and activity_type = 'order_placed'"
    ).fetchone()[0]
    assert order_profile == owner
    assert cases_db.execute(
        "select phone from marts.dim_customers where customer_id = ?", [owner]
    ).fetchone()[0] == "+15550102030"


def test_a_300_character_user_id_is_kept_whole(cases_db):
    assert len(LONG_USER_ID) == 300
    found = profile(cases_db, "user_id", LONG_USER_ID)
    assert found == profile(cases_db, "cookie_id", "ck_long")
    assert profile(cases_db, "user_id", LONG_USER_ID[:299]) is None


def test_a_known_profile_merged_with_anonymous_history_stays_known(cases_db):
    known = profile(cases_db, "crm_contact_id", "C_KNOWN")
    assert profile(cases_db, "cookie_id", "ck_known") == known
    row = cases_db.execute(
        "select is_known, email, first_name from marts.dim_customers where customer_id = ?",
        [known],
    ).fetchone()
    assert row == (True, "known@example.com", "Known")
    anonymous_visit = cases_db.execute(
        "select customer_id from marts.fct_activities where source_record_id = 'w_known_anon'"
    ).fetchone()[0]
    assert anonymous_visit == known
    # the cookie, seen first, anchors the merged profile
    assert known == customer_id_of("cookie_id", "ck_known")


def test_a_shared_device_keeps_two_people_apart_and_splits_its_history_by_time(cases_db):
    u1, u2 = profile(cases_db, "user_id", "u1"), profile(cases_db, "user_id", "u2")
    assert u1 and u2 and u1 != u2
    attributed = dict(cases_db.execute(
        "select source_record_id, customer_id from marts.fct_activities"
        " where source_record_id like 'w_d1_%'"
    ).fetchall())
    assert attributed == {"w_d1_0900": u1, "w_d1_0905": u1, "w_d1_1800": u2, "w_d1_1810": u2}
    shared, now = cases_db.execute(
        "select is_shared, customer_id from marts.dim_customer_keys where identifier_value = 'd1'"
    ).fetchone()
    assert shared is True and now == u2
    assert cases_db.execute(
        "select count(*) from marts.dim_customers where customer_id in (?, ?) and is_known",
        [u1, u2],
    ).fetchone()[0] == 2


def test_an_office_email_on_two_contacts_merges_nothing(cases_db):
    one, two = (profile(cases_db, "crm_contact_id", c) for c in ("C_OFFICE1", "C_OFFICE2"))
    assert one and two and one != two
    assert cases_db.execute(
        "select is_shared from marts.dim_customer_keys where identifier_value = 'office@acme-corp.com'"
    ).fetchone() == (True,)



def test_a_dummy_phone_on_six_checkouts_is_a_hub_and_merges_nobody(cases_db):
    # 555-019-8800 was typed at six guest checkouts with six emails; phone's hub limit is 5
    guests = [profile(cases_db, "email", f"hub.guest{i}@example.com") for i in range(1, 6)]
    known = profile(cases_db, "crm_contact_id", "C_HUB")
    assert all(guests) and len(set(guests)) == 5
    assert known == profile(cases_db, "email", "hub.known@example.com")
    assert known not in guests
    # whose phone is it? nobody's: no lookup key, but every link explains why
    assert profile(cases_db, "phone", "+15550198800") is None
    assert cases_db.execute(
        "select distinct edge_status from marts.fct_identity_edges"
        " where '+15550198800' in (from_identifier_value, to_identifier_value)"
    ).fetchall() == [("rejected: hub identifier",)]
    # each checkout stays with the guest who placed it
    for i, guest in enumerate(guests, start=1):
        assert cases_db.execute(
            "select customer_id from marts.fct_activities"
            " where order_id = ? and activity_type = 'order_placed'", [f"O_HUB{i}"]
        ).fetchall() == [(guest,)]


def test_records_of_only_hubs_still_belong_to_a_profile(cases_db):
    # six emails each typed with the same six phones (36 orders): every email and phone is a hub
    # that no profile's identifier was seen with; each is a profile of its own and each order
    # goes to its email (email outranks phone), so the build holds every order
    for i in range(1, 7):
        email_profile = profile(cases_db, "email", f"grid{i}@example.com")
        assert email_profile
        assert cases_db.execute(
            "select count(*), min(customer_id) = max(customer_id), min(customer_id)"
            " from marts.fct_activities where order_id like ? and activity_type = 'order_placed'",
            [f"O_GRID{i}_"]).fetchone() == (6, True, email_profile)
    phone_profiles = {profile(cases_db, "phone", f"+1555031000{j}") for j in range(1, 7)}
    assert None not in phone_profiles and len(phone_profiles) == 6


def test_a_phone_on_two_checkouts_within_the_hub_limit_still_links(cases_db):
    one, two = (profile(cases_db, "email", e) for e in ("two.a@example.com", "two.b@example.com"))
    assert one and one == two == profile(cases_db, "phone", "+15550197700")

def test_a_user_id_on_two_crm_contacts_breaks_the_limit_and_links_neither(cases_db):
    ids = {profile(cases_db, t, v) for t, v in
           [("user_id", "u_dup"), ("crm_contact_id", "C_DUP1"), ("crm_contact_id", "C_DUP2")]}
    assert None not in ids and len(ids) == 3
    statuses = {row[0] for row in cases_db.execute(
        "select edge_status from marts.fct_identity_edges where from_identifier_value = 'u_dup'"
        " or to_identifier_value = 'u_dup'"
    ).fetchall()}
    assert statuses == {"rejected: identifier limit"}
    largest = cases_db.execute(
        "select max(user_id_count), max(crm_contact_id_count) from marts.dim_customers"
    ).fetchone()
    assert largest == (1, 1)


def test_names_match_in_any_unicode_form_and_display_in_nfc(cases_db):
    keys = cases_db.execute(
        "select contact_id, first_name, first_name_match_key, last_name_match_key"
        " from staging.stg_shop__crm_contacts where contact_id in ('C_NFC1', 'C_NFC2')"
        " order by contact_id"
    ).fetchall()
    assert [row[2:] for row in keys] == [("munoz", "garcia"), ("munoz", "garcia")]
    nfc = unicodedata.normalize("NFC", "Mun\u0303oz")
    assert nfc == "Mu\u00f1oz"
    assert [row[1] for row in keys] == [nfc, nfc]


def test_merge_lineage_over_two_builds(cases_project, tmp_path):
    database = tmp_path / "lineage.duckdb"
    build(cases_project, database)
    anonymous = customer_id_of("cookie_id", "ck_m")   # first seen 2022-09-01
    known = customer_id_of("user_id", "u_m")           # CRM C_M, 2022-09-10: user_id beats crm id
    with duckdb.connect(str(database), read_only=True) as db:
        assert profile(db, "cookie_id", "ck_m") == anonymous
        assert profile(db, "crm_contact_id", "C_M") == known
        assert db.execute("select count(*) from marts.customer_id_history").fetchone()[0] == 0
        # both viewed leather shoes and never checked out: both are in that segment
        first_entered = dict(db.execute(
            "select customer_id, entered_at from marts.segment_memberships"
            " where segment_name = 'leather_shoe_browsers_without_checkout'"
            " and customer_id in (?, ?)", [anonymous, known]
        ).fetchall())
        assert set(first_entered) == {anonymous, known}

    web_events = cases_project / "seeds" / "demo" / "raw_shop__web_events.csv"
    original = web_events.read_text(encoding="utf-8")
    with (IDENTITY_CASES / "second_build_web_events.csv").open(encoding="utf-8") as handle:
        added = list(csv.reader(handle))[1:]
    try:
        with web_events.open("a", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(added)
        build(cases_project, database)
    finally:
        web_events.write_text(original, encoding="utf-8")

    with duckdb.connect(str(database), read_only=True) as db:
        # the older anonymous anchor wins; the known profile's id is absorbed, not lost
        assert profile(db, "crm_contact_id", "C_M") == anonymous
        history = db.execute(
            "select previous_customer_id, current_customer_id from marts.customer_id_history"
        ).fetchall()
        assert history == [(known, anonymous)]
        # no re-entry on merge: one open spell for the merged profile, entered in build 1
        spells = db.execute(
            "select customer_id, is_current, exit_reason, merged_into_customer_id, entered_at"
            " from marts.segment_membership_history"
            " where segment_name = 'leather_shoe_browsers_without_checkout'"
            " and (customer_id in (?, ?) or merged_into_customer_id = ?)"
            " order by is_current desc", [anonymous, known, anonymous]
        ).fetchall()
        assert [row[:4] for row in spells] == [
            (anonymous, True, None, None),
            (known, False, "merged", anonymous),
        ]
        # the earlier spell goes on (entered when the anonymous visitor first met the rule)
        assert first_entered[anonymous] < first_entered[known]
        assert spells[0][4] == first_entered[anonymous]
        assert spells[1][4] == first_entered[known]
        assert db.execute(
            "select entered_at from marts.segment_memberships where customer_id = ?"
            " and segment_name = 'leather_shoe_browsers_without_checkout'", [anonymous]
        ).fetchone()[0] == first_entered[anonymous]


def test_a_profile_split_off_again_enters_with_a_spell_id_of_its_own(cases_project, tmp_path):
    # After a merge, the absorbed profile's earlier spell goes on under the surviving profile
    # (its id was made from the absorbed profile). When the merge is undone (the linking event
    # is quarantined as a conflicting version, an identifier erased), the absorbed profile
    # qualifies again on its own and its new spell must not take that id a second time.
    database = tmp_path / "split.duckdb"
    build(cases_project, database)
    with duckdb.connect(str(database)) as db:
        spell_id, member, segment, entered_at = db.execute(
            "select membership_spell_id, customer_id, segment_name, entered_at"
            " from marts.segment_membership_history where is_current"
            " order by membership_spell_id limit 1").fetchone()
        # the state the merge left: the member's spell recorded under the surviving profile
        db.execute("update marts.segment_membership_history set customer_id = 'cus_survivor'"
                   " where membership_spell_id = ?", [spell_id])
    build(cases_project, database)   # fails on the unique test of membership_spell_id if reused
    with duckdb.connect(str(database), read_only=True) as db:
        spells = db.execute(
            "select membership_spell_id, customer_id, is_current, exit_reason, entered_at"
            " from marts.segment_membership_history where segment_name = ?"
            " and customer_id in (?, 'cus_survivor') order by customer_id", [segment, member]
        ).fetchall()
    assert [row[1:4] for row in spells] == sorted(
        [(member, True, None), ("cus_survivor", False, "left segment")])
    new_spell = next(row for row in spells if row[1] == member)
    assert new_spell[0] != spell_id
    assert new_spell[4] == entered_at   # a first spell of its own: entered when it qualified


def test_an_erasure_request_also_clears_earlier_builds_history(cases_project, tmp_path):
    requests = cases_project / "seeds" / "config" / "erasure_requests.csv"
    original = requests.read_text(encoding="utf-8")
    header = original.splitlines()[0]
    database = tmp_path / "erasure.duckdb"
    try:
        requests.write_text(header + "\n", encoding="utf-8")
        build(cases_project, database)
        with duckdb.connect(str(database), read_only=True) as db:
            pat = profile(db, "crm_contact_id", "C_PAT")
            values = {row[0] for row in db.execute(
                "select identifier_value from marts.dim_customer_keys where customer_id = ?",
                [pat]).fetchall()}
            assert "pat.lee@example.com" in values
            assert db.execute("select count(*) from marts.identity_key_history"
                              " where customer_id = ?", [pat]).fetchone()[0] > 0
            office = [profile(db, "crm_contact_id", c) for c in ("C_OFFICE1", "C_OFFICE2")]
            others = db.execute("select count(*) from marts.identity_key_history"
                                " where customer_id not in (?, ?, ?)", [pat, *office]).fetchone()[0]
        # Pat asks to be forgotten, giving the email in another case; and someone names the
        # office email two contacts share (a shared identifier: both profiles go)
        requests.write_text(header + "\ner_t1,email, PAT.Lee@Example.com,2026-11-30T00:00:00Z"
                            "\ner_t2,email,office@acme-corp.com,2026-11-30T00:00:00Z\n",
                            encoding="utf-8")
        build(cases_project, database)
    finally:
        requests.write_text(original, encoding="utf-8")
    with duckdb.connect(str(database), read_only=True) as db:
        for schema, name, column in [("marts", "identity_key_history", "customer_id"),
                                     ("marts", "segment_membership_history", "customer_id"),
                                     ("marts", "dim_customers", "customer_id"),
                                     ("marts", "fct_activities", "customer_id")]:
            assert db.execute(f"select count(*) from {schema}.{name} where {column} = ?",
                              [pat]).fetchone()[0] == 0, name
        for value in values:
            assert db.execute("select count(*) from marts.identity_key_history"
                              " where identifier_value = ?", [value]).fetchone()[0] == 0, value
        for customer_id in office:
            assert db.execute("select count(*) from marts.dim_customers where customer_id = ?",
                              [customer_id]).fetchone()[0] == 0
        assert profile(db, "email", "office@acme-corp.com") is None
        # everyone else's history stays
        assert db.execute("select count(*) from marts.identity_key_history").fetchone()[0] == others


def test_an_identifier_types_file_without_a_new_column_stops_the_build_saying_what_to_add(
        tmp_path, capfd):
    project = copy_project(tmp_path / "project")
    config = project / "seeds" / "config" / "identifier_types.csv"
    with config.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = [column for column in rows[0] if column != "max_links_per_type"]
    with config.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    capfd.readouterr()
    code = dbt_build(["demo"], tmp_path / "old.duckdb",
                     ["--select", "+int_identifiers", "--exclude", "test_type:unit"],
                     target_path=tmp_path / "target", project_dir=project)
    output = capfd.readouterr().out
    assert code != 0
    assert "identifier_types.csv has no column max_links_per_type: add it" in output

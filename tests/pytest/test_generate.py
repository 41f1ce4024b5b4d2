"""The scale data generator, its ground truth, and the identity-quality report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from openprofile.cli import dbt_build
from openprofile.generate import generate
from openprofile.identity_quality import measure
from openprofile.phone import to_e164

TABLES = ["web_events", "app_events", "crm_contacts", "orders", "order_lines", "ground_truth"]


def digest(folder: Path, pattern: str = "*.parquet") -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob(pattern))}


def parts(folder: Path, table: str, which: str = "all") -> list[str]:
    """Part files of ``table``: the first load's ('load'), batch 1's ('batch') or all."""
    pattern = {"load": "part-*.parquet", "batch": "batch-0001-part-*.parquet",
               "all": "*.parquet"}[which]
    files = [str(path) for path in sorted((folder / table).glob(pattern))]
    assert files, (table, which)
    return files


def rows(folder: Path, sql: str, **tables: tuple[str, str]) -> list[tuple]:
    """``sql`` over views named by ``tables``: name → (table, 'load' | 'batch' | 'all')."""
    with duckdb.connect() as connection:
        for name, (table, which) in tables.items():
            files = ", ".join("'" + path.replace("'", "''") + "'"
                              for path in parts(folder, table, which))
            connection.execute(f"create view {name} as select * from read_parquet([{files}])")
        return connection.execute(sql).fetchall()


def load_with_batch(out: Path, events: int, seed: int, batch_events: int) -> Path:
    """A first load of ``events`` plus batch 1 of ``batch_events`` (seed + 1) in ``out``."""
    counts = generate(events, seed, out, chunk_rows=7_000)
    assert counts["web_events"] + counts["app_events"] >= events
    counts = generate(batch_events, seed + 1, out, chunk_rows=7_000, batch=1)
    assert counts["web_events"] + counts["app_events"] >= batch_events
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """20,000 events, then a later batch of 2,000: built below."""
    return load_with_batch(tmp_path_factory.mktemp("generated") / "data", 20_000, 11, 2_000)


@pytest.fixture(scope="module")
def larger(tmp_path_factory) -> Path:
    """200,000 events and a batch of 4,000: enough of the rare cases (not built)."""
    return load_with_batch(tmp_path_factory.mktemp("larger") / "data", 200_000, 5, 4_000)


def test_same_seed_same_bytes_other_seed_other_data(generated, tmp_path):
    again = load_with_batch(tmp_path / "again", 20_000, 11, 2_000)
    assert digest(again) == digest(generated)
    other = tmp_path / "other"
    generate(20_000, 12, other, chunk_rows=7_000)
    assert digest(other) != digest(generated)
    # another seed of the batch changes the batch only
    generate(2_000, 99, again, chunk_rows=7_000, batch=1)
    assert digest(again, "part-*.parquet") == digest(generated, "part-*.parquet")
    assert digest(again, "batch-*.parquet") != digest(generated, "batch-*.parquet")


def test_a_batch_replaces_itself_and_needs_a_first_load(generated, tmp_path):
    copy = load_with_batch(tmp_path / "copy", 20_000, 11, 2_000)
    generate(2_000, 12, copy, chunk_rows=7_000, batch=1)  # again: replaced, not doubled
    assert digest(copy) == digest(generated)
    with pytest.raises(ValueError, match="first load"):
        generate(2_000, 12, tmp_path / "empty", batch=1)
    with pytest.raises(ValueError, match="batch"):
        generate(2_000, 12, copy, batch=10)


def test_files_are_chunked_and_shaped_like_the_demo_seeds(generated):
    assert len(list((generated / "web_events").glob("part-*.parquet"))) >= 3  # 7,000 rows a part
    assert list((generated / "web_events").glob("batch-0001-part-*.parquet"))
    seeds = Path(__file__).parents[2] / "seeds" / "demo"
    with duckdb.connect() as connection:
        for table in ["web_events", "app_events", "crm_contacts", "orders", "order_lines"]:
            header = (seeds / f"raw_shop__{table}.csv").read_text().splitlines()[0].split(",")
            for which in ["load", "batch"]:
                described = connection.execute(
                    "describe select * from read_parquet(?)",
                    [parts(generated, table, which)]).fetchall()
                assert [row[0] for row in described] == header, (table, which)
                assert {row[1] for row in described} == {"VARCHAR"}, (table, which)


def test_the_data_has_the_promised_structure(generated):
    truth = {"truth": ("ground_truth", "load")}
    people, never_signed_in = rows(generated, """
        select count(distinct person_id), count(distinct person_id) filter (where person_id
            not in (select person_id from truth where identifier_type = 'user_id'))
        from truth""", **truth)[0]
    assert never_signed_in / people > 0.5  # most visitors never sign in
    fewest, most = rows(generated, """
        select min(n), max(n) from (select person_id, count(*) as n from truth
        where identifier_type = 'cookie_id' group by all)""", **truth)[0]
    assert fewest == 1 and 4 <= most <= 5  # 1–4 own cookies, maybe a household's
    odd_case = rows(generated, "select count(*) from crm where email != lower(trim(email))",
                    crm=("crm_contacts", "all"))[0][0]
    assert odd_case > 0
    junk, bad_time, total, distinct_rows = rows(generated, """
        select count(*) filter (where user_id in ('undefined', 'null', '0')),
            count(*) filter (where event_timestamp = 'not-a-date'), count(*),
            (select count(*) from (select distinct * from web))
        from web""", web=("web_events", "all"))[0]
    assert junk > 0 and bad_time > 0 and distinct_rows < total


def test_households_share_cookies_and_devices_with_two_known_people(larger):
    # cookies and devices used by two and by three people
    members = {row[0]: row[1] for row in rows(larger, """
        select n, count(*) from (select identifier_value, count(distinct person_id) as n
            from truth where identifier_type in ('cookie_id', 'device_id') group by all)
        where n > 1 group by n""", truth=("ground_truth", "load"))}
    assert members.get(2, 0) > 10 and members.get(3, 0) > 0
    shared_devices = rows(larger, """
        select count(*) from (select identifier_value from truth
            where identifier_type = 'device_id' group by all having count(distinct person_id) > 1)
        """, truth=("ground_truth", "load"))[0][0]
    assert shared_devices > 0
    # cookies on which two registered people signed in: the people whose user ids its events
    # carry are exactly those the truth lists it as linkable for
    two_known = rows(larger, """
        with signed_in as (
            select cookie_id, list(distinct 'p' || substr(user_id, 2)) as people
            from web where regexp_full_match(user_id, 'u[0-9]+') group by all
            having count(distinct user_id) > 1
        )
        select signed_in.cookie_id, signed_in.people,
            list(distinct truth.person_id) filter (where truth.is_linkable = 'true')
        from signed_in inner join truth on truth.identifier_value = signed_in.cookie_id
        group by all""", web=("web_events", "all"), truth=("ground_truth", "all"))
    assert len(two_known) > 5
    assert all(set(people) == set(linkable) for _, people, linkable in two_known), two_known


def test_duplicate_crm_contacts_share_an_email_or_a_phone_and_are_linkable(larger):
    duplicates = rows(larger, """
        select duplicate.contact_id,
            lower(trim(duplicate.email)) = lower(trim(original.email)),
            duplicate.phone, original.phone,
            (select list(distinct person_id || ':' || is_linkable) from truth
             where identifier_type = 'crm_contact_id'
                and identifier_value in (duplicate.contact_id, original.contact_id)),
            duplicate.user_id
        from crm as duplicate
        inner join crm as original on original.contact_id = 'C' || substr(duplicate.contact_id, 2)
        where duplicate.contact_id like 'D%'
        group by all""", crm=("crm_contacts", "all"), truth=("ground_truth", "all"))
    same_email = [row for row in duplicates if row[1]]
    same_phone = [row for row in duplicates if not row[1]]
    assert len(same_email) > 5 and len(same_phone) > 5
    assert all(duplicate != original and to_e164(duplicate, "NL") == original
               for _, _, duplicate, original, _, _ in same_phone)
    for contact_id, _, _, _, persons, user_id in duplicates:
        assert user_id is None, contact_id  # no account on the duplicate record
        assert persons == [f"p{contact_id[1:]}:true"], contact_id  # one person, linkable


def test_guest_checkouts_the_owners_a_gift_and_a_dummy_phone(larger):
    orders = rows(larger, """
        select lower(trim(guest_email)), guest_phone from orders
        where guest_email is not null""", orders=("orders", "all"))
    owners: dict[tuple[str, str], set[tuple[str, str]]] = {}  # the union of load and batch
    for identifier_type, value, person, linkable in rows(larger, """
            select identifier_type, identifier_value, person_id,
                max(is_linkable) from truth group by all""", truth=("ground_truth", "all")):
        owners.setdefault((identifier_type, value), set()).add((person, linkable))
    registered = {person for (kind, _), people in owners.items() if kind == "user_id"
                  for person, _ in people}
    own, own_registered, gifts, dummies = 0, 0, 0, 0
    for email, phone in orders:
        (email_owner, _), = owners[("email", email)]
        if phone is None:
            continue
        phone_owners = owners[("phone", to_e164(phone, "NL"))]
        if len(phone_owners) > 1:  # the dummy phone: no one's, never linkable
            assert to_e164(phone, "NL") == "+31201234567"
            assert all(linkable == "false" for _, linkable in phone_owners)
            dummies += 1
        elif phone_owners == {(email_owner, "true")}:
            own += 1  # the same person's email and phone: linkable through this order
            own_registered += email_owner in registered
        else:  # a gift: someone else's email next to the buyer's own phone
            (buyer, linkable), = phone_owners
            assert buyer != email_owner and email_owner in registered and linkable == "false"
            gifts += 1
    assert own > 100 and own_registered > 10 and gifts > 0 and dummies > 1


def test_returning_visitors_sign_in_on_their_old_cookie_in_the_later_batch(generated):
    returning = rows(generated, """
        with back as (
            select distinct person_id from batch_truth where person_id < 'p1'
        )
        select
            back.person_id,
            (select count(*) from load_truth where load_truth.person_id = back.person_id
                and identifier_type = 'user_id'),
            (select list(identifier_value) from load_truth
             where load_truth.person_id = back.person_id and identifier_type = 'cookie_id'
                and is_linkable = 'false'),
            (select list(identifier_type || ':' || identifier_value || ':' || is_linkable)
             from batch_truth where batch_truth.person_id = back.person_id)
        from back""", load_truth=("ground_truth", "load"), batch_truth=("ground_truth", "batch"))
    assert len(returning) > 5  # ~20 % of the batch's people
    batch_sign_ins = {(cookie, user) for cookie, user in rows(generated, """
        select distinct cookie_id, user_id from web where event_name = 'sign_in'""",
        web=("web_events", "batch"))}
    load_users = {(cookie, user) for cookie, user in rows(generated, """
        select distinct cookie_id, user_id from web
        where regexp_full_match(user_id, 'u[0-9]+')""",
        web=("web_events", "load"))}
    batch_contacts = {row[0]: row[1] for row in rows(generated, """
        select contact_id, lower(trim(email)) from crm""", crm=("crm_contacts", "batch"))}
    load_cookies = {row[0] for row in rows(generated, "select distinct cookie_id from web",
                                           web=("web_events", "load"))}
    for person, user_ids_before, anonymous_cookies, batch_truth in returning:
        number = person[1:]
        assert user_ids_before == 0  # anonymous in the first load
        listed = {entry.rsplit(":", 1)[0]: entry.rsplit(":", 1)[1] for entry in batch_truth}
        assert listed[f"user_id:u{number}"] == "true"
        assert listed[f"crm_contact_id:C{number}"] == "true"
        assert listed[f"email:{batch_contacts[f'C{number}']}"] == "true"
        old = [cookie for cookie in anonymous_cookies or [] if f"cookie_id:{cookie}" in listed]
        assert len(old) == 1, (person, anonymous_cookies, listed)
        # the old cookie: anonymous events in the first load, a sign-in now, linkable now
        assert old[0] in load_cookies
        assert not any(cookie == old[0] for cookie, _ in load_users)
        assert (old[0], f"u{number}") in batch_sign_ins
        assert listed[f"cookie_id:{old[0]}"] == "true"


def test_ids_are_unique_across_the_load_and_its_batch(generated):
    # duplicates (an event sent twice, a contact exported twice) are identical rows
    web, app, orders, lines, contacts, contact_rows = rows(generated, """
        select
            (select count(distinct event_id) = (select count(*) from (select distinct * from web))
             from web),
            (select count(distinct event_id) = (select count(*) from (select distinct * from app))
             from app),
            (select count(distinct order_id) = count(*) from orders),
            (select count(distinct order_line_id) = count(*) from lines),
            (select count(distinct contact_id) from crm),
            (select count(*) from (select distinct * from crm))
        """, web=("web_events", "all"), app=("app_events", "all"), orders=("orders", "all"),
        lines=("order_lines", "all"), crm=("crm_contacts", "all"))[0]
    assert web and app and orders and lines and contacts == contact_rows
    # every account, contact and email belongs to one person
    assert not rows(generated, """
        select identifier_type, identifier_value from truth
        where identifier_type in ('user_id', 'crm_contact_id', 'email')
        group by all having count(distinct person_id) > 1""", truth=("ground_truth", "all"))
    # the batch's people: returning ones of the first load, or new ones from 10,000,000
    returning, new, other = rows(generated, """
        select
            count(distinct person_id) filter (where person_id in (select person_id from load)),
            count(distinct person_id) filter (where person_id >= 'p10000000'),
            count(distinct person_id) filter (where person_id < 'p10000000'
                and person_id not in (select person_id from load))
        from batch""", load=("ground_truth", "load"), batch=("ground_truth", "batch"))[0]
    assert returning > 5 and new > returning and other == 0


def test_one_event_per_part_has_a_clock_years_ahead_and_some_arrive_late(generated):
    for which in ["load", "batch"]:
        assert rows(generated, "select count(*) from web where event_timestamp like '2031-%'",
                    web=("web_events", which)) == [(1,)]
    late, earliest = rows(generated, """
        select count(*) filter (where event_timestamp < '2024-03-31'),
            min(event_timestamp) filter (where event_timestamp != 'not-a-date')
        from web""", web=("web_events", "batch"))[0]
    assert late > 0 and earliest >= "2024-03-23"  # within the week before the batch


@pytest.fixture(scope="module")
def generated_build(generated, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated_build")
    database = root / "generated.duckdb"
    code = dbt_build(["demo"], database, target_path=root / "target",
                     dbt_vars={"shop_raw_path": str(generated),
                               "export_path": str(root / "exports")})
    assert code == 0, "dbt build of the generated data failed: see dbt's output above"
    return database


def test_identity_quality_meets_the_targets_on_generated_data(generated_build, generated):
    quality = measure(generated_build, generated)
    assert quality.identifiers > 1000 and quality.linkable_pairs > 100
    assert quality.precision >= 0.99
    assert quality.recall >= 0.95


def test_a_late_sign_in_merges_the_old_anonymous_profile(generated_build, generated):
    old_cookies = rows(generated, """
        select load.identifier_value, 'u' || substr(load.person_id, 2) from load
        inner join batch using (identifier_type, identifier_value, person_id)
        where load.identifier_type = 'cookie_id' and load.is_linkable = 'false'
            and batch.is_linkable = 'true'""",
                       load=("ground_truth", "load"), batch=("ground_truth", "batch"))
    assert len(old_cookies) > 5
    with duckdb.connect(str(generated_build), read_only=True) as connection:
        for cookie, user_id in old_cookies:
            profiles = connection.execute(
                "select count(distinct customer_id) from marts.dim_customer_keys where"
                " (identifier_type, identifier_value) in (('cookie_id', ?), ('user_id', ?))",
                [cookie, user_id]).fetchone()[0]
            assert profiles == 1, (cookie, user_id)


def test_every_generated_raw_row_is_accounted_for(generated_build, generated):
    with duckdb.connect(str(generated_build), read_only=True) as connection:
        raw_events = connection.execute(
            "select count(*) from read_parquet(?)",
            [str(generated / "web_events" / "*.parquet")]).fetchone()[0]
        reconciled = connection.execute(
            "select raw_row_count, staged_row_count + duplicate_row_count + quarantined_row_count"
            " from quality.row_count_reconciliation where source_table = 'shop.web_events'"
        ).fetchone()
    assert reconciled == (raw_events, raw_events)


def write_truth(path: Path, values: str) -> None:
    with duckdb.connect() as connection:
        connection.execute(
            f"copy (select * from (values {values}) as t(identifier_type, identifier_value,"
            f" person_id, is_linkable)) to '{path}' (format parquet)")


def write_keys(database: Path, values: str) -> None:
    """A database holding only marts.dim_customer_keys, with rows ``values`` of
    (identifier_type, identifier_value, customer_id)."""
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        connection.execute(
            f"create table marts.dim_customer_keys as select * from (values {values})"
            " as t(identifier_type, identifier_value, customer_id)")


def test_the_quality_report_sees_over_merges_and_splits(tmp_path):
    """A hand-made truth and prediction: the figures are counted here by hand."""
    truth = tmp_path / "truth"
    (truth / "ground_truth").mkdir(parents=True)
    database = tmp_path / "predicted.duckdb"
    # person A: a1, a2, a3 (linkable); person B: b1, b2 (linkable); person C: c1 (alone)
    write_truth(truth / "ground_truth" / "part-0.parquet", """
        ('cookie_id', 'a1', 'A', 'true'), ('cookie_id', 'a2', 'A', 'true'),
        ('user_id', 'a3', 'A', 'true'), ('cookie_id', 'b1', 'B', 'true'),
        ('user_id', 'b2', 'B', 'true'), ('cookie_id', 'c1', 'C', 'false')""")
    # predicted: {a1, a2, b1} over-merged, {a3} split off, {b2}, c1 missing
    write_keys(database, """
        ('cookie_id', 'a1', 'X'), ('cookie_id', 'a2', 'X'), ('cookie_id', 'b1', 'X'),
        ('user_id', 'a3', 'Y'), ('user_id', 'b2', 'Z')""")
    quality = measure(database, truth)
    # predicted pairs: X has 3 → 3 pairs, of which (a1, a2) is true
    assert (quality.predicted_pairs, quality.true_predicted_pairs) == (3, 1)
    # linkable pairs: A 3, B 1 → 4; found together: (a1, a2) only
    assert (quality.linkable_pairs, quality.found_linkable_pairs) == (4, 1)
    assert quality.over_merged_persons == 2  # A and B share profile X
    assert quality.split_persons == 2        # A in X and Y, B in X and Z
    assert quality.precision == pytest.approx(1 / 3)
    assert quality.recall == pytest.approx(1 / 4)


def test_the_quality_report_reads_a_load_and_its_batches_as_one_truth(tmp_path):
    """An identifier listed again by a batch counts once, linkable if any part says so."""
    truth = tmp_path / "truth"
    (truth / "ground_truth").mkdir(parents=True)
    # first load: A anonymous on cookie a1 (not linkable); B on cookie s
    write_truth(truth / "ground_truth" / "part-00000.parquet", """
        ('cookie_id', 'a1', 'A', 'false'), ('cookie_id', 's', 'B', 'false'),
        ('user_id', 'b1', 'B', 'true')""")
    # the batch: A registers and signs in on a1; C uses cookie s too (shared across parts)
    write_truth(truth / "ground_truth" / "batch-0001-part-00000.parquet", """
        ('user_id', 'a2', 'A', 'true'), ('cookie_id', 'a1', 'A', 'true'),
        ('cookie_id', 's', 'C', 'false'), ('user_id', 'c1', 'C', 'true')""")
    database = tmp_path / "predicted.duckdb"
    write_keys(database, """
        ('cookie_id', 'a1', 'X'), ('user_id', 'a2', 'X'), ('user_id', 'b1', 'Y'),
        ('cookie_id', 's', 'Y'), ('user_id', 'c1', 'Z')""")
    quality = measure(database, truth)
    # judged: a1, a2, b1, c1 (s belongs to B and C: left out); a1 listed twice counts once
    assert (quality.identifiers, quality.persons) == (4, 3)
    assert (quality.predicted_pairs, quality.true_predicted_pairs) == (1, 1)
    assert (quality.linkable_pairs, quality.found_linkable_pairs) == (1, 1)  # (a1, a2)
    assert (quality.over_merged_persons, quality.split_persons) == (0, 0)
    # had A not returned, a1 would be anonymous: no linkable pair, found apart from a2
    (truth / "ground_truth" / "batch-0001-part-00000.parquet").unlink()
    assert measure(database, truth).linkable_pairs == 0


def test_the_quality_report_refuses_a_database_not_built_from_the_data(tmp_path):
    """Nothing of the truth in the database (e.g. the demo build): no figures, a message."""
    truth = tmp_path / "truth"
    (truth / "ground_truth").mkdir(parents=True)
    write_truth(truth / "ground_truth" / "part-0.parquet", """
        ('cookie_id', 'a1', 'A', 'true'), ('user_id', 'a2', 'A', 'true')""")
    database = tmp_path / "other.duckdb"
    write_keys(database, "('cookie_id', 'zz', 'X')")
    with pytest.raises(ValueError, match="none of the 2 identifiers of the ground truth"):
        measure(database, truth)

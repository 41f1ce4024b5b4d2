"""The scale data generator, its ground truth, and the identity-quality report."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from openprofile.cli import dbt_build
from openprofile.generate import generate
from openprofile.identity_quality import measure


def digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*.parquet"))}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("generated") / "data"
    counts = generate(20_000, 11, out, chunk_rows=7_000)
    assert counts["web_events"] + counts["app_events"] >= 20_000
    return out


def test_same_seed_same_bytes_other_seed_other_data(generated, tmp_path):
    again = tmp_path / "again"
    generate(20_000, 11, again, chunk_rows=7_000)
    assert digest(again) == digest(generated)
    other = tmp_path / "other"
    generate(20_000, 12, other, chunk_rows=7_000)
    assert digest(other) != digest(generated)


def test_files_are_chunked_and_shaped_like_the_demo_seeds(generated):
    assert len(list((generated / "web_events").glob("*.parquet"))) >= 3  # 7,000 rows a part
    seeds = Path(__file__).parents[2] / "seeds" / "demo"
    with duckdb.connect() as connection:
        for table in ["web_events", "app_events", "crm_contacts", "orders", "order_lines"]:
            header = (seeds / f"raw_shop__{table}.csv").read_text().splitlines()[0].split(",")
            described = connection.execute(
                "describe select * from read_parquet(?)",
                [str(generated / table / "*.parquet")]).fetchall()
            assert [row[0] for row in described] == header, table
            assert {row[1] for row in described} == {"VARCHAR"}, table


def test_the_data_has_the_promised_structure(generated):
    with duckdb.connect() as connection:
        web = str(generated / "web_events" / "*.parquet")
        truth = str(generated / "ground_truth" / "*.parquet")
        people, never_signed_in = connection.execute(
            "select count(distinct person_id), count(distinct person_id) filter (where person_id"
            " not in (select person_id from read_parquet(?) where identifier_type = 'user_id'))"
            " from read_parquet(?)", [truth, truth]).fetchone()
        assert never_signed_in / people > 0.5  # most visitors never sign in
        cookies_per_person = connection.execute(
            "select min(n), max(n) from (select person_id, count(*) as n from read_parquet(?)"
            " where identifier_type = 'cookie_id' group by all)", [truth]).fetchone()
        assert cookies_per_person[0] == 1 and 4 <= cookies_per_person[1] <= 5
        shared = connection.execute(
            "select count(*) from (select identifier_value from read_parquet(?)"
            " where identifier_type = 'cookie_id' group by all having count(*) > 1)",
            [truth]).fetchone()[0]
        assert shared > 0
        odd_case = connection.execute(
            "select count(*) from read_parquet(?) where email != lower(trim(email))",
            [str(generated / "crm_contacts" / "*.parquet")]).fetchone()[0]
        assert odd_case > 0
        junk, bad_time, rows, distinct_rows = connection.execute(
            "select count(*) filter (where user_id in ('undefined', 'null', '0')),"
            " count(*) filter (where event_timestamp = 'not-a-date'), count(*),"
            " (select count(*) from (select distinct * from read_parquet(?)))"
            " from read_parquet(?)", [web, web]).fetchone()
        assert junk > 0 and bad_time > 0 and distinct_rows < rows


@pytest.fixture(scope="module")
def generated_build(generated, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("generated_build")
    database = root / "generated.duckdb"
    code = dbt_build(["demo"], database, target_path=root / "target",
                     dbt_vars={"shop_raw_path": str(generated),
                               "export_path": str(root / "exports")})
    assert code == 0
    return database


def test_identity_quality_meets_the_targets_on_generated_data(generated_build, generated):
    quality = measure(generated_build, generated)
    assert quality.identifiers > 1000 and quality.linkable_pairs > 100
    assert quality.precision >= 0.99
    assert quality.recall >= 0.95


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


def test_the_quality_report_sees_over_merges_and_splits(tmp_path):
    """A hand-made truth and prediction: the figures are counted here by hand."""
    truth = tmp_path / "truth"
    (truth / "ground_truth").mkdir(parents=True)
    database = tmp_path / "predicted.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema marts")
        # person A: a1, a2, a3 (linkable); person B: b1, b2 (linkable); person C: c1 (alone)
        connection.execute("""
            copy (select * from (values
                ('cookie_id', 'a1', 'A', 'true'), ('cookie_id', 'a2', 'A', 'true'),
                ('user_id', 'a3', 'A', 'true'), ('cookie_id', 'b1', 'B', 'true'),
                ('user_id', 'b2', 'B', 'true'), ('cookie_id', 'c1', 'C', 'false'))
                as t(identifier_type, identifier_value, person_id, is_linkable))
            to '""" + str(truth / "ground_truth" / "part-0.parquet") + "' (format parquet)")
        # predicted: {a1, a2, b1} over-merged, {a3} split off, {b2}, c1 missing
        connection.execute("""
            create table marts.dim_customer_keys as select * from (values
                ('cookie_id', 'a1', 'X'), ('cookie_id', 'a2', 'X'), ('cookie_id', 'b1', 'X'),
                ('user_id', 'a3', 'Y'), ('user_id', 'b2', 'Z'))
                as t(identifier_type, identifier_value, customer_id)""")
    quality = measure(database, truth)
    # predicted pairs: X has 3 → 3 pairs, of which (a1, a2) is true
    assert (quality.predicted_pairs, quality.true_predicted_pairs) == (3, 1)
    # linkable pairs: A 3, B 1 → 4; found together: (a1, a2) only
    assert (quality.linkable_pairs, quality.found_linkable_pairs) == (4, 1)
    assert quality.over_merged_persons == 2  # A and B share profile X
    assert quality.split_persons == 2        # A in X and Y, B in X and Z
    assert quality.precision == pytest.approx(1 / 3)
    assert quality.recall == pytest.approx(1 / 4)

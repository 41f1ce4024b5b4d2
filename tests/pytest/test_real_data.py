"""The same models, unchanged, on the real public data sets in ../shared/data.

Expected figures are computed here straight from the raw files with DuckDB (or taken from
SOURCE.md), independently of the models.
"""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

pytestmark = pytest.mark.real_data


def test_online_retail_known_customers_and_row_accounting(online_retail_build, online_retail_parquet):
    raw = duckdb.connect()
    raw_rows, raw_customers = raw.execute(
        "select count(*), count(distinct CustomerID) from read_parquet(?)",
        [str(online_retail_parquet)],
    ).fetchone()
    assert (raw_rows, raw_customers) == (541_909, 4_372)  # SOURCE.md's known figures

    with duckdb.connect(str(online_retail_build), read_only=True) as db:
        known = db.execute("select count(*) from marts.dim_customers where is_known").fetchone()[0]
        assert known == raw_customers
        unknown = db.execute(
            "select count(*) from marts.dim_customers where not is_known"
        ).fetchone()[0]
        # every guest invoice with at least one real sale line is an anonymous buyer; lines
        # without a customer at price 0 or with a negative quantity outside a C-cancellation
        # are stock movements, A-invoices accounting adjustments (none is a purchase)
        guest_invoices = raw.execute(
            "select count(distinct InvoiceNo) from read_parquet(?) where CustomerID is null"
            " and InvoiceNo not like 'A%' and UnitPrice != 0"
            " and not (Quantity < 0 and InvoiceNo not like 'C%')",
            [str(online_retail_parquet)],
        ).fetchone()[0]
        assert unknown == guest_invoices

        staged, duplicates, quarantined = db.execute(
            "select staged_row_count, duplicate_row_count, quarantined_row_count"
            " from quality.row_count_reconciliation"
            " where source_table = 'online_retail.order_lines'"
        ).fetchone()
        assert staged + duplicates + quarantined == raw_rows
        reasons = dict(db.execute(
            "select quarantine_reason, count(*) from quality.quarantined_records group by 1"
        ).fetchall())
        assert set(reasons) <= {"not a sale: accounting adjustment (InvoiceNo A…)",
                                "not a sale: stock movement without a customer"}
        # surplus copies of lines identical in every column, among the lines that are sales
        exact_duplicates = raw.execute(
            "select count(*) - count(distinct (InvoiceNo, StockCode, Description, Quantity,"
            " InvoiceDate, UnitPrice, CustomerID, Country)) from read_parquet(?)"
            " where InvoiceNo not like 'A%' and not (CustomerID is null and (UnitPrice = 0"
            " or (Quantity < 0 and InvoiceNo not like 'C%')))",
            [str(online_retail_parquet)],
        ).fetchone()[0]
        assert duplicates == exact_duplicates


def test_online_retail_revenue_in_equals_revenue_out(online_retail_build, online_retail_parquet):
    raw_revenue = duckdb.connect().execute(
        "select sum(Quantity * cast(UnitPrice as decimal(18, 3))) from read_parquet(?)",
        [str(online_retail_parquet)],
    ).fetchone()[0]
    with duckdb.connect(str(online_retail_build), read_only=True) as db:
        placed, refunded = db.execute(
            "select sum(activity_amount) filter (where activity_type = 'order_placed'),"
            " sum(activity_amount) filter (where activity_type = 'order_refunded')"
            " from marts.fct_activities"
        ).fetchone()
        duplicate_amount, quarantined_amount = db.execute(
            "select coalesce(duplicate_amount, 0), coalesce(quarantined_amount, 0)"
            " from quality.row_count_reconciliation"
        ).fetchone()
    assert placed - refunded + duplicate_amount + quarantined_amount == raw_revenue
    assert isinstance(raw_revenue, Decimal)


def test_every_snowplow_cookie_belongs_to_exactly_one_profile(snowplow_build, snowplow_web_csv):
    raw_cookies = {
        row[0]
        for row in duckdb.connect().execute(
            "select distinct trim(domain_userid) from read_csv(?, all_varchar = true)"
            " where nullif(trim(domain_userid), '') is not null",
            [str(snowplow_web_csv)],
        ).fetchall()
    }
    assert len(raw_cookies) == 42
    with duckdb.connect(str(snowplow_build), read_only=True) as db:
        rows = db.execute(
            "select identifier_value, count(distinct customer_id) from marts.dim_customer_keys"
            " where identifier_type = 'cookie_id' group by identifier_value"
        ).fetchall()
        assert {value for value, _ in rows} == raw_cookies
        assert all(profiles == 1 for _, profiles in rows)
        orphans = db.execute(
            "select count(*) from marts.dim_customer_keys as keys"
            " left join marts.dim_customers as customers using (customer_id)"
            " where customers.customer_id is null"
        ).fetchone()[0]
        assert orphans == 0


def test_snowplow_rows_are_all_accounted_for(snowplow_build, snowplow_web_csv, snowplow_mobile_csv):
    raw = duckdb.connect()
    expected = {
        "snowplow.web_events": raw.execute(
            "select count(*) from read_csv(?, all_varchar = true)", [str(snowplow_web_csv)]
        ).fetchone()[0],
        "snowplow.mobile_events": raw.execute(
            "select count(*) from read_csv(?, all_varchar = true)", [str(snowplow_mobile_csv)]
        ).fetchone()[0],
    }
    assert expected == {"snowplow.web_events": 160, "snowplow.mobile_events": 130}
    with duckdb.connect(str(snowplow_build), read_only=True) as db:
        rows = db.execute(
            "select source_table, raw_row_count, staged_row_count + duplicate_row_count"
            " + quarantined_row_count, duplicate_row_count from quality.row_count_reconciliation"
        ).fetchall()
        # Snowplow's test set has 3 web events repeating an event_id (SOURCE.md: duplicates on purpose).
        web_duplicate_ids = raw.execute(
            "select count(*) - count(distinct event_id) from read_csv(?, all_varchar = true)",
            [str(snowplow_web_csv)],
        ).fetchone()[0]
    for source_table, raw_count, accounted, duplicates in rows:
        assert raw_count == accounted == expected[source_table]
        if source_table == "snowplow.web_events":
            assert duplicates == web_duplicate_ids

"""Customer-lifetime summary data (frequency, recency, T, monetary_value)."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import duckdb
import pytest

from conftest import SHARED_DATA
from openprofile import clv
from openprofile.cli import main


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def test_summary_data_by_hand():
    purchases = [
        clv.Purchase("A", day("2020-01-01"), Decimal("10.00")),
        clv.Purchase("A", day("2020-01-01"), Decimal("5.00")),   # same day: one purchase day of 15
        clv.Purchase("A", day("2020-01-08"), Decimal("20.00")),
        clv.Purchase("A", day("2020-01-22"), Decimal("30.00")),
        clv.Purchase("A", day("2020-03-01"), Decimal("100.00")),  # after the observation end
        clv.Purchase("B", day("2020-01-15"), Decimal("7.00")),
        clv.Purchase("C", day("2020-02-01"), Decimal("9.00")),    # first purchase after the end
    ]
    weeks = clv.summary_data(purchases, day("2020-01-29"), "weeks")
    assert weeks == [
        clv.Summary("A", 2, Decimal(3), Decimal(4), Decimal(25)),
        clv.Summary("B", 0, Decimal(0), Decimal(2), Decimal(0)),
    ]
    days = clv.summary_data(purchases, day("2020-01-29"), "days")
    assert [(s.recency, s.T) for s in days] == [(Decimal(21), Decimal(28)), (0, Decimal(14))]
    with pytest.raises(ValueError, match="unit"):
        clv.summary_data(purchases, day("2020-01-29"), "months")


def test_cdnow_command_matches_an_independent_sql_computation(tmp_path):
    source = SHARED_DATA / "cdnow" / "CDNOW_master.txt"
    if not source.exists():
        pytest.skip(f"real data not found at {source}")
    out = tmp_path / "cdnow_summary.csv"
    assert main(["clv-summary", "--input", str(source), "--observation-end", "1997-09-30",
                 "--unit", "weeks", "--out", str(out)]) == 0
    with out.open(newline="") as handle:
        ours = {row["customer_id"]: row for row in csv.DictReader(handle)}
    assert len(ours) == 23_570  # the CDNOW cohort (SOURCE.md)

    expected = duckdb.connect().execute(
        r"""
        with lines as (
            select regexp_split_to_array(trim(line), '\s+') as fields
            from read_csv(?, columns = {'line': 'VARCHAR'}, delim = '|', header = false)
            where trim(line) != '' and trim(line) not like 'customer_id%'
        ),
        raw as (
            select
                fields[1] as customer_id,
                strptime(fields[2], '%Y%m%d')::date as day,
                cast(fields[4] as decimal(18, 2)) as amount
            from lines
        ),
        days as (
            select customer_id, day, sum(amount) as total
            from raw where day <= date '1997-09-30' group by all
        ),
        ranked as (
            select *, row_number() over (partition by customer_id order by day) as n from days
        )
        select
            customer_id,
            count(*) - 1,
            round((max(day) - min(day)) / 7.0, 6),
            round((date '1997-09-30' - min(day)) / 7.0, 6),
            coalesce(round(avg(total) filter (where n > 1), 6), 0)
        from ranked group by customer_id
        """,
        [str(source)],
    ).fetchall()
    assert len(expected) == len(ours)
    for customer_id, frequency, recency, age, monetary in expected:
        row = ours[customer_id]
        assert int(row["frequency"]) == frequency, customer_id
        assert Decimal(row["recency"]) == Decimal(str(recency)).quantize(Decimal("0.000001"))
        assert Decimal(row["T"]) == Decimal(str(age)).quantize(Decimal("0.000001"))
        assert Decimal(row["monetary_value"]) == Decimal(str(monetary)).quantize(
            Decimal("0.000001")), customer_id

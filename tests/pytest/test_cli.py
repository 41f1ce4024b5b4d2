"""The command line's own rules (no dbt run needed)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from openprofile.cli import (PROJECT_ROOT, dbt_build, default_database, landed_files,
                             landed_files_note, parse_vars)


def test_vars_are_parsed_as_a_yaml_mapping():
    assert parse_vars("{reporting_currency: GBP, high_value_threshold_amount: 500}") == {
        "reporting_currency": "GBP", "high_value_threshold_amount": 500}
    assert parse_vars(None) == {}


@pytest.mark.parametrize("text", ["[GBP]", "just text", "{unclosed: "])
def test_vars_that_are_no_mapping_are_refused(text):
    with pytest.raises(SystemExit, match="--vars"):
        parse_vars(text)


def test_a_second_vars_after_the_separator_is_refused_not_silently_applied(tmp_path):
    # a second --vars would replace the inputs and build the demo data instead
    with pytest.raises(ValueError, match="--vars"):
        dbt_build(["online_retail"], tmp_path / "x.duckdb", extra_args=["--vars", "{a: 1}"])


def test_unknown_inputs_are_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown input"):
        dbt_build(["shopify"], tmp_path / "x.duckdb")


def test_each_input_set_gets_its_own_database_file():
    assert default_database(["demo"]) == PROJECT_ROOT / "openprofile.duckdb"
    assert default_database(["snowplow", "online_retail"]) == (
        PROJECT_ROOT / "openprofile_snowplow_online_retail.duckdb")
    assert isinstance(default_database(["online_retail"]), Path)


def test_a_build_over_landed_files_says_which_files_it_typed(tmp_path):
    # the files the event base tables hold rows of, before and after a build
    database = tmp_path / "landed.duckdb"
    assert landed_files(database) is None
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema staging")
        for table in ("base_shop__web_events", "base_shop__app_events"):
            connection.execute(f"create table staging.{table} (load_unit varchar)")
        connection.execute(
            "insert into staging.base_shop__web_events values ('w1'), ('w1'), ('w2')")
        connection.execute("insert into staging.base_shop__app_events values ('a1')")
    assert landed_files(database) == {"w1", "w2", "a1"}

    assert landed_files_note(None, {"w1", "a1"}, full_refresh=False) == (
        "typed all 2 landed event files (full build)")
    assert landed_files_note({"w1", "a1"}, {"w1", "a1", "w2"}, full_refresh=False) == (
        "typed 1 new landed event file(s); the 2 loaded by earlier builds were kept"
        " (incremental build)")
    assert landed_files_note({"w1", "a1"}, {"w1", "a1", "w2"}, full_refresh=True) == (
        "typed all 3 landed event files (full build)")

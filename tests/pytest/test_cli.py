"""The command line's own rules (no dbt run needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from openprofile.cli import PROJECT_ROOT, dbt_build, default_database, parse_vars


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

"""The same models on Apache Spark give the same marts as on DuckDB (issue 7).

Builds each input (the demo seeds, the hand-written identity cases of
tests/fixtures/identity_cases, and the real Online Retail and Snowplow files when
../shared/data has them) on the ``spark`` target (a local Spark session,
``openprofile/spark.py``) and compares every table of the ``marts`` and ``quality`` schemas,
and the demo's export files, with the DuckDB build of the same input: the same rows, compared
as sorted text. Spark's tables are Parquet files in its warehouse folder, read here with
DuckDB.

Needs the ``spark`` extra (``pip install -e .[spark]``; ``openprofile test`` installs it) and
Java 17. Select it alone with ``pytest -m spark``; leave it out with ``-m "not spark"``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from openprofile.cli import PROJECT_ROOT, dbt_build_spark

pytestmark = pytest.mark.spark

# Columns holding the time of the build (dbt's run_started_at), not a value from the data.
BUILD_TIME_COLUMNS = {("identity_key_history", "first_built_at")}


def build_on_spark(tmp_path_factory: pytest.TempPathFactory, inputs: list[str],
                   project_dir: Path = PROJECT_ROOT) -> Path:
    """``inputs`` of ``project_dir`` built on the spark target; returns the Spark folder
    (warehouse, metastore)."""
    pytest.importorskip("pyspark", reason="the spark extra is not installed: pip install -e '.[spark]'")
    if shutil.which("java") is None:
        pytest.fail("the spark target needs Java 17 on the PATH (deselect with -m 'not spark')")
    root = tmp_path_factory.mktemp(f"spark_{'_'.join(inputs)}")
    code = dbt_build_spark(inputs, root / "spark", target_path=root / "target",
                           project_dir=project_dir,
                           dbt_vars={"export_path": str(root / "exports")})
    if code != 0:
        pytest.fail(f"dbt build --target spark of {inputs} failed with exit code {code}; "
                    "see the output above")
    return root / "spark"


@pytest.fixture(scope="module")
def spark_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built on the spark target."""
    return build_on_spark(tmp_path_factory, ["demo"])


def _tables(database: Path) -> list[tuple[str, str, list[str]]]:
    """(schema, table, columns) of every table in the marts and quality schemas."""
    with duckdb.connect(str(database), read_only=True) as connection:
        tables = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_schema in ('marts', 'quality') and table_type = 'BASE TABLE'"
            " order by all"
        ).fetchall()
        return [
            (schema, table, [row[0] for row in connection.execute(
                "select column_name from information_schema.columns"
                " where table_schema = ? and table_name = ? order by ordinal_position",
                [schema, table]).fetchall()])
            for schema, table in tables
        ]


def _sorted_rows(connection: duckdb.DuckDBPyConnection, relation: str,
                 columns: list[str]) -> list[tuple]:
    as_text = ", ".join(f'cast("{column}" as varchar) as "{column}"' for column in columns)
    return connection.execute(f"select {as_text} from {relation} order by all").fetchall()


def _differences(duckdb_build: Path, spark_folder: Path) -> list[str]:
    tables = _tables(duckdb_build)
    assert len(tables) >= 15, tables  # the marts exist at all
    differences = []
    with duckdb.connect(str(duckdb_build), read_only=True) as connection:
        for schema, table, columns in tables:
            compared = [column for column in columns if (table, column) not in BUILD_TIME_COLUMNS]
            files = spark_folder / "warehouse" / f"{schema}.db" / table
            expected = _sorted_rows(connection, f"{schema}.{table}", compared)
            actual = _sorted_rows(
                connection, f"read_parquet('{files}/**/*.parquet', hive_partitioning = true)",
                compared)
            if actual != expected:
                extra = sorted(set(actual) - set(expected))[:3]
                missing = sorted(set(expected) - set(actual))[:3]
                differences.append(f"{schema}.{table}: {len(actual)} rows on Spark, "
                                   f"{len(expected)} on DuckDB; only on Spark {extra}; "
                                   f"only on DuckDB {missing}")
    return differences


def test_every_mart_table_on_spark_equals_the_duckdb_build(demo_build: Path, spark_build: Path):
    differences = _differences(demo_build, spark_build)
    assert not differences, "\n".join(differences)


def test_the_identity_cases_on_spark_equal_the_duckdb_build(
        tmp_path_factory: pytest.TempPathFactory, identity_cases_build: tuple[Path, Path]):
    # the hand-written identity rules (junk ids, phones, limits, shared devices, hubs …)
    project, database = identity_cases_build
    differences = _differences(database, build_on_spark(tmp_path_factory, ["demo"], project))
    assert not differences, "\n".join(differences)


@pytest.mark.real_data
def test_online_retail_on_spark_equals_the_duckdb_build(
        tmp_path_factory: pytest.TempPathFactory, online_retail_build: Path):
    # typed Parquet input: numbers, a DOUBLE customer id, naive UK timestamps
    differences = _differences(online_retail_build,
                               build_on_spark(tmp_path_factory, ["online_retail"]))
    assert not differences, "\n".join(differences)


@pytest.mark.real_data
def test_snowplow_on_spark_equals_the_duckdb_build(
        tmp_path_factory: pytest.TempPathFactory, snowplow_build: Path):
    # CSV input read as text, JSON contexts, tracker sessions
    differences = _differences(snowplow_build, build_on_spark(tmp_path_factory, ["snowplow"]))
    assert not differences, "\n".join(differences)


def test_the_segment_memberships_are_not_empty_on_spark(spark_build: Path):
    # guards the comparison above against two empty builds agreeing
    files = spark_build / "warehouse" / "marts.db" / "segment_memberships"
    with duckdb.connect() as connection:
        segments = connection.execute(
            f"select count(distinct segment_name), count(*) from read_parquet('{files}/*.parquet')"
        ).fetchone()
    assert segments[0] >= 5 and segments[1] > 100, segments


@pytest.mark.parametrize("file_format", ["parquet", "csv"])
def test_the_export_files_on_spark_hold_the_same_rows(demo_build: Path, spark_build: Path,
                                                      file_format: str):
    folders = {
        "duckdb": demo_build.parent / "exports_demo" / f"segment_members_{file_format}",
        "spark": spark_build.parent / "exports" / f"segment_members_{file_format}",
    }
    rows = {}
    with duckdb.connect() as connection:
        for engine, folder in folders.items():
            reader = ("read_parquet('{}', hive_partitioning = true)" if file_format == "parquet"
                      else "read_csv('{}', hive_partitioning = true, header = true, "
                           "all_varchar = true)")
            relation = reader.format(f"{folder}/*/*.{file_format}")
            rows[engine] = _sorted_rows(
                connection, relation,
                ["segment_name", "customer_id", "email_sha256", "phone_sha256", "entered_at"])
    assert rows["spark"], "no export rows on Spark"
    assert rows["spark"] == rows["duckdb"]

"""A BI tool opens the built database with a plain DuckDB client, no dbt loaded, and can query
every relation: a view that calls a function only dbt registers would fail here."""

from __future__ import annotations

import subprocess
import sys


def test_every_relation_is_queryable_without_dbt(demo_build):
    # A separate interpreter that imports duckdb only, as a BI tool's driver would.
    script = (
        "import duckdb, sys\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "relations = con.execute(\"select table_schema, table_name, table_type from"
        " information_schema.tables order by 1, 2\").fetchall()\n"
        "assert relations, 'no relations'\n"
        "for schema, name, kind in relations:\n"
        "    con.execute(f'select count(*) from \"{schema}\".\"{name}\"').fetchone()\n"
        "print(len(relations), sum(kind == 'VIEW' for _, _, kind in relations))\n"
        "assert 'dbt' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(demo_build)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    relation_count, view_count = map(int, result.stdout.split())
    assert relation_count >= 20
    assert view_count >= 4  # the staging and segment views are really exercised


def test_a_duckdb_1x_client_can_read_the_file(demo_build, tmp_path):
    """Most BI tools and JDBC drivers bundle DuckDB 1.x: profiles.yml writes the file in the
    v1.1.0 storage format so they can open it. A fresh venv with duckdb<2 proves it."""
    import venv

    env_dir = tmp_path / "duckdb1"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "duckdb>=1.1,<2"], capture_output=True, text=True, check=False,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    script = (
        "import duckdb, sys\n"
        "assert duckdb.__version__.startswith('1.'), duckdb.__version__\n"
        "con = duckdb.connect(sys.argv[1], read_only=True)\n"
        "print(con.execute('select count(*) from marts.dim_customers').fetchone()[0])\n"
    )
    result = subprocess.run([str(python), "-c", script, str(demo_build)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 0


def test_timestamp_parsing_does_not_depend_on_the_machines_time_zone(demo_build, tmp_path):
    """DuckDB parses offset timestamps in the session time zone; profiles.yml pins it to UTC,
    so a build on a machine set to Vancouver time gives the same instants."""
    import os

    from openprofile.cli import PROJECT_ROOT, _bin

    result = subprocess.run(
        [_bin("dbt"), "build", "--project-dir", str(PROJECT_ROOT), "--profiles-dir",
         str(PROJECT_ROOT), "--target-path", str(tmp_path / "target"),
         "--select", "test_parse_timestamp_utc"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "TZ": "America/Vancouver",
             "OPENPROFILE_DUCKDB_PATH": str(tmp_path / "tz.duckdb")},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "PASS test_parse_timestamp_utc" in result.stdout

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

"""Rules about the project itself, read from dbt's manifest of the demo build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import copy_project


def test_a_segment_missing_from_the_memberships_fails_the_build_naming_it(tmp_path):
    """ADR 0004: a new file in models/marts/segments/ that the union does not read stops dbt."""
    project = copy_project(tmp_path / "project")
    (project / "models" / "marts" / "segments" / "segment_probe_forgotten.sql").write_text(
        "select customer_id, first_seen_at as qualified_at from {{ ref('customer_measures') }}\n"
    )
    env = {**os.environ, "OPENPROFILE_DUCKDB_PATH": str(tmp_path / "probe.duckdb")}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), "run", "--select", "dim_customers",
         "--project-dir", str(project), "--profiles-dir", str(project),
         "--target-path", str(tmp_path / "target")],
        env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode != 0
    assert "segment model segment_probe_forgotten is not in segment_memberships" in result.stdout
    assert "int_segment_members_unioned.sql" in result.stdout


def test_public_marts_have_enforced_contracts_and_documented_columns(demo_manifest):
    manifest = json.loads(demo_manifest.read_text())
    problems = []
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model":
            continue
        if not node["description"].strip():
            problems.append(f"{node['name']}: no description")
        for column in node["columns"].values():
            if not column["description"].strip():
                problems.append(f"{node['name']}.{column['name']}: no description")
        if node["config"]["materialized"] == "external":
            # export files (models/marts/exports): not relations a BI tool reads; tested instead
            if not node["original_file_path"].startswith("models/marts/exports/"):
                problems.append(f"{node['name']}: export outside models/marts/exports/")
        elif node["original_file_path"].startswith("models/marts/"):
            if not node["config"]["contract"]["enforced"]:
                problems.append(f"{node['name']}: public mart without an enforced contract")
            if node["config"].get("access") != "public" and node.get("access") != "public":
                problems.append(f"{node['name']}: mart not declared public")
    assert not problems, "\n".join(problems)


def test_every_built_column_is_documented_and_nothing_else(demo_manifest, demo_db):
    manifest = json.loads(demo_manifest.read_text())
    problems = []
    for node in manifest["nodes"].values():
        if node["resource_type"] not in ("model", "seed"):
            continue
        built = [
            row[0]
            for row in demo_db.execute(
                "select column_name from information_schema.columns"
                " where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            ).fetchall()
        ]
        documented = list(node["columns"])
        if set(built) != set(documented):
            problems.append(
                f"{node['name']}: undocumented {sorted(set(built) - set(documented))},"
                f" documented but absent {sorted(set(documented) - set(built))}"
            )
    assert not problems, "\n".join(problems)

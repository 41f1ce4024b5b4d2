"""Rules about the project itself, read from dbt's manifest of the demo build."""

from __future__ import annotations

import json


def test_every_segment_model_feeds_the_memberships(demo_manifest):
    manifest = json.loads(demo_manifest.read_text())
    nodes = manifest["nodes"]
    segment_models = {
        node_id
        for node_id, node in nodes.items()
        if node["resource_type"] == "model"
        and node["original_file_path"].startswith("models/marts/segments/")
    }
    assert len(segment_models) >= 4
    memberships = next(
        node for node in nodes.values()
        if node["resource_type"] == "model" and node["name"] == "int_segment_members_unioned"
    )
    missing = segment_models - set(memberships["depends_on"]["nodes"])
    assert not missing, f"add these segments to int_segment_members_unioned.sql: {sorted(missing)}"


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
        if node["original_file_path"].startswith("models/marts/"):
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

"""The connected-components macro against an independent union-find, on graphs chosen to break
label propagation: long chains in the worst label order, stars, random graphs, isolated nodes."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from openprofile.cli import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "connected_components"


def union_find_components(nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, str]:
    """Reference answer: node -> smallest node of its component."""
    parent = {node: node for node in nodes}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        root_a, root_b = find(a), find(b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {node: find(node) for node in nodes}


def run_components(tmp_path: Path, nodes, edges, max_rounds: int = 64):
    project = tmp_path / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copytree(PROJECT_ROOT / "macros" / "identity", project / "macros")
    database = tmp_path / "components.duckdb"
    with duckdb.connect(str(database)) as con:
        con.execute("create schema graph")
        con.execute("create table graph.nodes (node_id varchar)")
        con.execute("create table graph.edges (from_id varchar, to_id varchar)")
        con.executemany("insert into graph.nodes values (?)", [[n] for n in nodes])
        con.executemany("insert into graph.edges values (?, ?)", [list(e) for e in edges])
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dbt"), "run", "--project-dir", str(project),
         "--profiles-dir", str(project), "--vars", f"{{identity_max_rounds: {max_rounds}}}"],
        cwd=project, env={**os.environ, "OPENPROFILE_DUCKDB_PATH": str(database)},
        capture_output=True, text=True, check=False,
    )
    components = None
    if result.returncode == 0:
        with duckdb.connect(str(database), read_only=True) as con:
            components = dict(con.execute("select node_id, component_id from main.components").fetchall())
            leftovers = con.execute(
                "select count(*) from information_schema.tables where table_name like '%__cc_%'"
            ).fetchone()[0]
            assert leftovers == 0, "scratch tables were not dropped"
    return result, components


def chain(n: int, reverse: bool) -> tuple[list[str], list[tuple[str, str]]]:
    nodes = [f"n{i:05d}" for i in range(n)]
    order = list(reversed(nodes)) if reverse else nodes
    return nodes, list(zip(order, order[1:]))


@pytest.mark.parametrize("reverse", [False, True], ids=["ascending-chain", "descending-chain"])
def test_long_chain_converges_to_one_component(tmp_path, reverse):
    nodes, edges = chain(3000, reverse)
    result, components = run_components(tmp_path, nodes, edges)
    assert result.returncode == 0, result.stdout[-3000:]
    assert components == union_find_components(nodes, edges)
    rounds = int(result.stdout.split("converged: ")[1].split(" round")[0])
    assert rounds <= 3, f"a chain should need a few rounds, not its length: {rounds}"


def test_chain_in_random_label_order_converges_in_logarithmic_rounds(tmp_path):
    rng = random.Random(3)
    nodes = [f"{rng.getrandbits(64):016x}" for _ in range(3000)]
    edges = list(zip(nodes, nodes[1:]))  # a path visiting the labels in random order
    result, components = run_components(tmp_path, nodes, edges)
    assert result.returncode == 0, result.stdout[-3000:]
    assert components == union_find_components(nodes, edges)
    assert len(set(components.values())) == 1
    rounds = int(result.stdout.split("converged: ")[1].split(" round")[0])
    assert rounds <= 24, f"rounds should grow with log(n) (~12 here), not n: {rounds}"


def test_random_graph_with_isolated_nodes_and_stars(tmp_path):
    rng = random.Random(11)
    nodes = [f"{rng.getrandbits(64):016x}" for _ in range(4000)]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(2500)]
    hub = nodes[0]
    edges += [(hub, leaf) for leaf in nodes[1:200]]  # one star
    edges += [(nodes[300], nodes[300])]  # a self-loop is no link
    result, components = run_components(tmp_path, nodes, edges)
    assert result.returncode == 0, result.stdout[-3000:]
    assert components == union_find_components(nodes, edges)


def test_a_graph_that_has_not_converged_fails_the_build_with_advice(tmp_path):
    rng = random.Random(5)
    nodes = [f"{rng.getrandbits(64):016x}" for _ in range(3000)]
    edges = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(3000)]
    result, _ = run_components(tmp_path, nodes, edges, max_rounds=1)
    assert result.returncode != 0
    assert "did not converge in 1 round(s)" in result.stdout
    assert "identity_max_rounds" in result.stdout

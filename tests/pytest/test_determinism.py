"""Two builds of the same input give identical marts, whatever the input row order."""

from __future__ import annotations

import csv
import hashlib
import random

import shutil

import duckdb
import pytest

from conftest import copy_project
from openprofile.cli import PROJECT_ROOT, dbt_build

IDENTITY_CASES = PROJECT_ROOT / "tests" / "fixtures" / "identity_cases"

MARTS = [
    ("marts", "dim_customers"),
    ("marts", "dim_customer_keys"),
    ("marts", "fct_activities"),
    ("marts", "customer_measures"),
    ("marts", "segment_memberships"),
    ("marts", "segment_membership_history"),  # on a first build: entered when the data qualified
    ("marts", "fct_sessions"),
    ("marts", "business_measures"),
    ("marts", "next_best_offers"),
    ("marts", "activation_audience_members"),
    ("marts", "fct_identity_edges"),
    ("quality", "quarantined_records"),
    ("quality", "row_count_reconciliation"),
    ("quality", "flagged_records"),
]


def mart_digests(database) -> dict[str, str]:
    """sha256 of every mart's rows, sorted on all columns, rendered as text."""
    digests = {}
    with duckdb.connect(str(database), read_only=True) as con:
        for schema, name in MARTS:
            rows = con.execute(f"select * from {schema}.{name} order by all").fetchall()
            digests[name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def export_digests(exports) -> dict[str, str]:
    """sha256 of every export file under ``exports``, by relative path: the files themselves,
    not their rows, must be identical (an activation system diffs or re-uploads them)."""
    return {str(path.relative_to(exports)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(exports.rglob("*")) if path.is_file()}


def shuffle_seed_rows(project, seed: int) -> None:
    rng = random.Random(seed)
    for path in sorted((project / "seeds").rglob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            header, *rows = list(csv.reader(handle))
        rng.shuffle(rows)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)


def build_copy(tmp_path, name, raw_files=(), seed=None):
    """Build a copy of the project, its demo seeds replaced by ``raw_files`` and their rows
    shuffled with ``seed`` (None: as they are); returns the database path."""
    project = copy_project(tmp_path / f"{name}_project")
    for raw in raw_files:
        shutil.copy(raw, project / "seeds" / "demo" / raw.name)
    if seed is not None:
        shuffle_seed_rows(project, seed=seed)
    database = tmp_path / f"{name}.duckdb"
    code = dbt_build(["demo"], database, target_path=tmp_path / f"target_{name}",
                     project_dir=project, dbt_vars={"phone_default_country": "US"})
    assert code == 0
    return database


@pytest.mark.parametrize("data_set", ["demo", "identity_cases"])
def test_shuffled_input_rows_give_identical_marts(tmp_path, data_set):
    raw_files = sorted(IDENTITY_CASES.glob("raw_shop__*.csv")) if data_set == "identity_cases" else []
    original = mart_digests(build_copy(tmp_path, "original", raw_files))
    shuffled = mart_digests(build_copy(tmp_path, "shuffled", raw_files, seed=7))
    differing = [name for name in original if original[name] != shuffled[name]]
    assert not differing, f"marts differ after shuffling the input rows: {differing}"
    # the export files byte for byte (dbt_build writes them to <project>/exports/<database>)
    original_files = export_digests(tmp_path / "original_project" / "exports" / "original")
    shuffled_files = export_digests(tmp_path / "shuffled_project" / "exports" / "shuffled")
    assert original_files, "the builds wrote no export files"
    differing = sorted(name for name in original_files | shuffled_files
                       if original_files.get(name) != shuffled_files.get(name))
    assert not differing, f"export files differ after shuffling the input rows: {differing}"

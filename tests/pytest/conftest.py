"""Shared fixtures: each data set is built once per test session into a temporary DuckDB file.

A build takes seconds (dbt start-up dominates), so tests never build per test: they share
these session fixtures and only read the resulting database.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from openprofile.cli import PROJECT_ROOT, dbt_build

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def build_or_fail(tmp_root: Path, inputs: list[str], name: str) -> Path:
    """Build ``inputs`` into ``tmp_root/<name>.duckdb``; fail the test session if dbt fails."""
    database = tmp_root / f"{name}.duckdb"
    code = dbt_build(inputs, database, target_path=tmp_root / f"target_{name}",
                     dbt_vars={"export_path": str(tmp_root / f"exports_{name}")})
    if code != 0:
        pytest.fail(f"dbt build of {inputs} failed with exit code {code}; see the output above")
    return database


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo seeds built into a fresh DuckDB file; returns its path."""
    return build_or_fail(tmp_path_factory.mktemp("demo"), ["demo"], "demo")


@pytest.fixture(scope="session")
def demo_manifest(demo_build: Path) -> Path:
    """dbt's manifest.json of the demo build."""
    return demo_build.parent / "target_demo" / "manifest.json"


@pytest.fixture()
def demo_db(demo_build: Path):
    """A read-only connection to the demo build, as a BI tool would open it (no dbt loaded)."""
    connection = duckdb.connect(str(demo_build), read_only=True)
    yield connection
    connection.close()


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"real data not found at {path} (see ../shared/data/SOURCE.md)")
    return path


@pytest.fixture(scope="session")
def online_retail_parquet() -> Path:
    return _require(SHARED_DATA / "online-retail" / "online_retail.parquet")


@pytest.fixture(scope="session")
def snowplow_web_csv() -> Path:
    return _require(SHARED_DATA / "snowplow-web" / "events.csv")


@pytest.fixture(scope="session")
def snowplow_mobile_csv() -> Path:
    return _require(SHARED_DATA / "snowplow-mobile" / "events.csv")


@pytest.fixture(scope="session")
def online_retail_build(tmp_path_factory: pytest.TempPathFactory, online_retail_parquet: Path) -> Path:
    return build_or_fail(tmp_path_factory.mktemp("online_retail"), ["online_retail"], "online_retail")


@pytest.fixture(scope="session")
def snowplow_build(
    tmp_path_factory: pytest.TempPathFactory, snowplow_web_csv: Path, snowplow_mobile_csv: Path
) -> Path:
    return build_or_fail(tmp_path_factory.mktemp("snowplow"), ["snowplow"], "snowplow")


def copy_project(destination: Path) -> Path:
    """Copy the dbt project (not .venv, target, databases, local outputs) to ``destination``.

    Returns ``destination``.
    """
    patterns = shutil.ignore_patterns(".venv", "target", "logs", "*.duckdb", "*.wal", ".git",
                                      "__pycache__", ".pytest_cache", "*.egg-info", "spark",
                                      "published")
    local_outputs = {PROJECT_ROOT / "bench" / "data", PROJECT_ROOT / "bench" / "work",
                     PROJECT_ROOT / "exports", PROJECT_ROOT / "generated"}

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(patterns(folder, names))
        return skipped | {name for name in names if Path(folder) / name in local_outputs}

    shutil.copytree(PROJECT_ROOT, destination, ignore=ignore)
    return destination


IDENTITY_CASES = PROJECT_ROOT / "tests" / "fixtures" / "identity_cases"


def copy_identity_cases_project(destination: Path) -> Path:
    """A copy of the project whose demo seeds are the hand-written identity cases.

    The raw files of ``tests/fixtures/identity_cases`` replace the demo's; their phones are
    American, so ``phone_default_country`` is US. Returns ``destination``.
    """
    project = copy_project(destination)
    for raw in IDENTITY_CASES.glob("raw_shop__*.csv"):
        shutil.copy(raw, project / "seeds" / "demo" / raw.name)
    dbt_project = project / "dbt_project.yml"
    dbt_project.write_text(dbt_project.read_text().replace(
        'phone_default_country: "NL"', 'phone_default_country: "US"'))
    return project


@pytest.fixture(scope="session")
def identity_cases_build(tmp_path_factory) -> tuple[Path, Path]:
    """(project, database): the identity cases built once per test session on DuckDB."""
    project = copy_identity_cases_project(tmp_path_factory.mktemp("identity_cases") / "project")
    database = project.parent / "cases.duckdb"
    code = dbt_build(["demo"], database, target_path=project.parent / "target",
                     project_dir=project,
                     dbt_vars={"export_path": str(project.parent / "exports")})
    assert code == 0, "dbt build of the identity cases failed: see dbt's output above"
    return project, database

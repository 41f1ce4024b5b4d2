"""Publish a finished build for serving: a read-only copy of the marts, switched to atomically.

DuckDB allows one writer per file, and a dbt build rewrites the marts table by table, so the
lookup API never reads the file dbt writes. After a build has passed (every model and test), its
public relations (schemas ``marts`` and ``segments``) are copied into a new DuckDB file in the
publication folder, and the folder's ``CURRENT`` pointer is replaced with one atomic rename. The
API reopens when ``CURRENT`` changes; until then it keeps answering from the previous file.

Layout of a publication folder::

    published/<database stem>/
        CURRENT                              name of the file being served (one line)
        build-20261130T041500123456Z.duckdb  one file per publication (the last ``keep`` are kept)
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path

import duckdb
import yaml

PUBLISHED_SCHEMAS = ("marts", "segments")
REQUIRED_RELATIONS = (
    "marts.dim_customers",
    "marts.dim_customer_keys",
    "marts.customer_measures",
    "marts.fct_activities",
    "marts.segment_memberships",
    "marts.customer_id_history",
)
INDEXES = (
    ("marts.dim_customer_keys", "identifier_value"),
    ("marts.dim_customer_keys", "customer_id"),
    ("marts.dim_customers", "customer_id"),
    ("marts.customer_measures", "customer_id"),
    ("marts.fct_activities", "customer_id"),
    ("marts.segment_memberships", "customer_id"),
    ("marts.customer_id_history", "previous_customer_id"),
)
FAILED_STATUSES = {"error", "fail", "runtime error", "skipped"}
POINTER = "CURRENT"


class PublishError(RuntimeError):
    """The build cannot be published (failed, incomplete or missing); the message says why."""


def publication_folder(database: Path, root: Path) -> Path:
    """The folder under ``root`` where builds of ``database`` are published (``root/<stem>``)."""
    return root / database.stem


def _effective_vars(project_dir: Path, run_results: dict | None) -> dict:
    """The project's vars as the build saw them: dbt_project.yml defaults, then --vars."""
    project = yaml.safe_load((project_dir / "dbt_project.yml").read_text())
    effective = dict(project.get("vars") or {})
    cli_vars = (run_results or {}).get("args", {}).get("vars") or {}
    if isinstance(cli_vars, str):
        cli_vars = yaml.safe_load(cli_vars) or {}
    effective.update(cli_vars)
    return effective


def _check_run_results(run_results_path: Path | None) -> dict | None:
    if run_results_path is None:
        return None
    if not run_results_path.exists():
        raise PublishError(f"{run_results_path} not found: build first (openprofile build), or pass "
                           "the --target-path of the build")
    run_results = json.loads(run_results_path.read_text())
    failed = sorted(
        result["unique_id"] for result in run_results.get("results", [])
        if result.get("status") in FAILED_STATUSES
    )
    if failed:
        shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
        raise PublishError(f"the last build did not pass ({shown}); fix it and build again — "
                           "a failed build is never published")
    if run_results.get("args", {}).get("which") != "build":
        raise PublishError("run_results.json is not from a dbt build (models and tests) but from "
                           f"dbt {run_results.get('args', {}).get('which')}: run dbt build")
    if run_results.get("args", {}).get("select"):
        raise PublishError("the last dbt build was a partial one (--select): build everything")
    return run_results


def publish(
    database: Path,
    folder: Path,
    run_results_path: Path | None,
    project_dir: Path,
    keep: int = 3,
) -> Path:
    """Copy the public relations of ``database`` into a new file in ``folder`` and switch to it.

    Args:
        database: the DuckDB file a ``dbt build`` wrote (not open for writing by anyone).
        folder: publication folder (created if missing).
        run_results_path: dbt's ``run_results.json`` of that build; publishing refuses when any
            model or test in it failed or was skipped. None skips the check (tests only).
        project_dir: the dbt project, for the vars the build used (``phone_default_country``).
        keep: how many publications to keep, the current one included (at least 1).

    Returns:
        The new published file (now named in ``folder/CURRENT``).

    Raises:
        PublishError: the build failed, the database lacks a required mart, or ``keep`` < 1.
    """
    if keep < 1:
        raise PublishError("keep must be at least 1")
    run_results = _check_run_results(run_results_path)
    if not database.exists():
        raise PublishError(f"{database} does not exist: build first (openprofile build)")
    if run_results is not None and run_results_path is not None:
        # a build killed after the last recorded one changed the file but left the old
        # run_results.json: never publish a database newer than its build record
        changed = max(path.stat().st_mtime for path in (database, database.with_name(
            database.name + ".wal")) if path.exists())
        if changed > run_results_path.stat().st_mtime + 1:
            raise PublishError(f"{database.name} changed after the last recorded build "
                               f"({run_results_path}): an interrupted build? build again")
    settings = _effective_vars(project_dir, run_results)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one publication at a time per folder
        return _publish_locked(database, folder, run_results, settings, keep)


def _publish_locked(database: Path, folder: Path, run_results: dict | None, settings: dict,
                    keep: int) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"build-{stamp}.duckdb"
    partial = folder / f".build-{stamp}.duckdb.partial"
    for stale in folder.glob(".build-*.duckdb.partial"):
        stale.unlink()  # left by an interrupted publication (we hold the lock)
    try:
        _copy(database, partial, run_results, settings)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, target)
    pointer_tmp = folder / f".{POINTER}.{stamp}"
    pointer_tmp.write_text(target.name + "\n")
    os.replace(pointer_tmp, folder / POINTER)
    _prune(folder, keep)
    return target


def _copy(database: Path, partial: Path, run_results: dict | None, settings: dict) -> None:
    with duckdb.connect(str(partial)) as connection:
        connection.execute("attach ? as source (read_only)", [str(database)])
        relations = connection.execute(
            "select table_schema, table_name from information_schema.tables"
            " where table_catalog = 'source' and table_schema in (select unnest(?))"
            " order by table_schema, table_name",
            [list(PUBLISHED_SCHEMAS)],
        ).fetchall()
        present = {f"{schema}.{name}" for schema, name in relations}
        missing = sorted(set(REQUIRED_RELATIONS) - present)
        if missing:  # the caller removes the partial file
            raise PublishError(f"{database} lacks {', '.join(missing)}: not a complete build")
        for schema in PUBLISHED_SCHEMAS:
            connection.execute(f'create schema if not exists "{schema}"')
        for schema, name in relations:
            # Views (segments) become tables: the published file stands alone.
            connection.execute(
                f'create table "{schema}"."{name}" as select * from source."{schema}"."{name}"'
            )
        for table, column in INDEXES:
            # point lookups of the API: ART indexes instead of scans on large builds
            connection.execute(f"create index {table.replace('.', '_')}_{column}"
                               f" on {table} ({column})")
        connection.execute("create schema publication")
        connection.execute(
            "create table publication.build as select"
            " ?::timestamp as published_at, ?::timestamp as built_at, ? as dbt_invocation_id,"
            " ? as source_database, ? as phone_default_country, ? as reporting_currency",
            [
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                _built_at(run_results, database),
                (run_results or {}).get("metadata", {}).get("invocation_id"),
                database.name,
                str(settings.get("phone_default_country", "")),
                str(settings.get("reporting_currency", "")),
            ],
        )
        connection.execute("detach source")
        connection.execute("checkpoint")


def _built_at(run_results: dict | None, database: Path) -> dt.datetime:
    generated = (run_results or {}).get("metadata", {}).get("generated_at")
    if generated:
        parsed = dt.datetime.fromisoformat(generated.replace("Z", "+00:00"))
        return parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return dt.datetime.fromtimestamp(database.stat().st_mtime, dt.UTC).replace(tzinfo=None)


def _prune(folder: Path, keep: int) -> None:
    current = current_file(folder)
    builds = sorted(folder.glob("build-*.duckdb"), reverse=True)
    for old in builds[keep:]:
        if old != current:
            old.unlink(missing_ok=True)


def current_file(folder: Path) -> Path | None:
    """The published file ``folder/CURRENT`` names, or None when nothing (valid) is published.

    Only a plain ``build-*.duckdb`` name inside ``folder`` counts: a pointer naming anything else
    (another folder, ``..``, a missing file) is treated as no publication.
    """
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name or "/" in name or "\\" in name or not (name.startswith("build-")
                                                        and name.endswith(".duckdb")):
        return None
    path = folder / name
    return path if path.is_file() else None

"""Build benchmark (``openprofile bench``): wall time, peak memory and per-model times.

For each size (web + app events) it generates the data once (reused from
``bench/data/events-<N>-seed-<S>/`` when complete), then measures, each in a fresh DuckDB file:

1. the **baseline**: DuckDB reading the raw events (Parquet) and writing them once as a table;
2. the **full build**: ``dbt build`` (models, seeds, data and unit tests) of that data;
3. the **follow-up build** after appending ~1 % new events (new part files of a later batch,
   90 days later: new people, and returning anonymous visitors who now sign in on their old
   cookie, so their old unknown profiles merge into known ones; a few late-arriving events):
   ``dbt build`` again on the same database file: the event base models are incremental
   over landed files and type only the new part files; every other model is rebuilt. This is
   what a daily run costs today.

Peak memory is the maximum resident set size of the measured process (``wait4``). Results are
appended to ``bench/results.csv`` and written as Markdown to ``bench/results.md``.
"""

import csv
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from openprofile.generate import generate

RESULT_FIELDS = ["measured_at", "events", "step", "seconds", "peak_rss_mb", "slowest_models"]


@dataclass(frozen=True)
class Measurement:
    """One measured step; ``slowest_models`` is 'name seconds; …' from run_results.json."""

    measured_at: str
    events: int
    step: str
    seconds: float
    peak_rss_mb: float
    slowest_models: str


def _run_measured(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Run ``command``; returns (wall seconds, peak RSS of that process tree's largest, code)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def dataset(events: int, seed: int, root: Path) -> Path:
    """The generated data for ``events`` and ``seed`` under ``root``, generated when missing."""
    folder = root / f"events-{events}-seed-{seed}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        counts = generate(events, seed, folder)
        marker.write_text(json.dumps(counts))
    return folder


def landing_copy(folder: Path) -> Path:
    """A fresh copy of the generated first load ``folder`` to build from and then grow.

    Incremental builds remember the paths of the files they loaded, so the full build and the
    follow-up build must read the same folder; the generated data itself stays untouched for
    the next run.
    """
    landing = folder.with_name(folder.name + "-landing")
    shutil.rmtree(landing, ignore_errors=True)
    shutil.copytree(folder, landing)
    return landing


def append_one_percent(landing: Path, seed: int) -> Path:
    """Add ~1 % more events to ``landing``: batch 1, as extra part files; returns ``landing``.

    The batch (see :mod:`openprofile.generate`) holds new people and returning ones: anonymous
    visitors of the first load who now sign in on their old cookie, so old unknown profiles
    merge into known ones; a few of its events arrive late (dated before the batch's period).
    """
    counts = json.loads((landing / ".complete").read_text())
    generate(max(1000, (counts["web_events"] + counts["app_events"]) // 100), seed + 1, landing,
             batch=1)
    return landing


def _slowest(target: Path, count: int = 5) -> str:
    results = json.loads((target / "run_results.json").read_text())["results"]
    models = sorted((r for r in results if r["unique_id"].startswith("model.")),
                    key=lambda r: -r["execution_time"])[:count]
    return "; ".join(f"{r['unique_id'].split('.')[-1]} {r['execution_time']:.1f}" for r in models)


def run(sizes: list[int], seed: int, root: Path, project: Path,
        memory_limit: str | None = None) -> list[Measurement]:
    """Measure baseline, full build and follow-up build for each size.

    Args:
        sizes: event counts, e.g. ``[1_000_000, 10_000_000]``.
        seed: generator seed.
        root: benchmark folder (data, databases, results).
        project: the dbt project.
        memory_limit: DuckDB memory limit of the builds (e.g. ``4GB``); None: DuckDB's default.

    Returns:
        The measurements, also appended to ``root/results.csv`` and ``root/results.md``.

    Raises:
        RuntimeError: a dbt build failed (its exit code in the message).
    """
    measurements = []
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    dbt = str(Path(sys.executable).parent / "dbt")
    for events in sizes:
        data = dataset(events, seed, root / "data")
        work = root / "work" / f"events-{events}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        baseline_db = work / "baseline.duckdb"
        baseline_sql = (
            "import duckdb, sys; c = duckdb.connect(sys.argv[1]);"
            " c.execute(\"create table raw_events as select * from read_parquet(?, union_by_name"
            " = true)\", [[sys.argv[2], sys.argv[3]]]); c.close()")
        seconds, rss, code = _run_measured(
            [sys.executable, "-c", baseline_sql, str(baseline_db),
             str(data / "web_events" / "*.parquet"), str(data / "app_events" / "*.parquet")],
            dict(os.environ), project)
        if code:
            raise RuntimeError(f"baseline failed with exit code {code}")
        measurements.append(Measurement(stamp, events, "baseline: read raw events, write once",
                                        round(seconds, 1), round(rss), ""))
        database = work / "openprofile.duckdb"
        landing = landing_copy(data)
        for step in ["full build", "build after +1% events"]:
            if step != "full build":
                append_one_percent(landing, seed)
            target = work / f"target-{step.split()[0]}"
            env = {**os.environ, "OPENPROFILE_DUCKDB_PATH": str(database)}
            if memory_limit:
                env["OPENPROFILE_DUCKDB_MEMORY_LIMIT"] = memory_limit
            command = [dbt, "build", "--project-dir", str(project), "--profiles-dir",
                       str(project), "--target-path", str(target), "--vars",
                       json.dumps({"inputs": ["demo"], "shop_raw_path": str(landing),
                                   "export_path": str(work / "exports")})]
            seconds, rss, code = _run_measured(command, env, project)
            if code:
                raise RuntimeError(f"{step} of {events:,} events failed with exit code {code}; "
                                   f"see {target}/run_results.json")
            label = f"{step} (memory_limit {memory_limit})" if memory_limit else step
            measurements.append(Measurement(stamp, events, label, round(seconds, 1), round(rss),
                                            _slowest(target)))
        with duckdb.connect(str(database), read_only=True) as connection:
            profiles = connection.execute("select count(*) from marts.dim_customers").fetchone()
        measurements.append(Measurement(stamp, events, "profiles after the follow-up build",
                                        float(profiles[0]), 0, ""))
    _write(root, measurements)
    return measurements


def _write(root: Path, measurements: list[Measurement]) -> None:
    results = root / "results.csv"
    new = not results.exists()
    with results.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, RESULT_FIELDS, lineterminator="\n")
        if new:
            writer.writeheader()
        for measurement in measurements:
            writer.writerow(asdict(measurement))
    (root / "results.md").write_text(markdown(measurements), encoding="utf-8")


def markdown(measurements: list[Measurement]) -> str:
    """The measurements as a Markdown table."""
    lines = ["| events | step | wall s | peak RSS MB | slowest models (s) |",
             "|---:|---|---:|---:|---|"]
    for m in measurements:
        if m.step.startswith("profiles"):
            lines.append(f"| {m.events:,} | {m.step} | {int(m.seconds):,} profiles | | |")
        else:
            lines.append(f"| {m.events:,} | {m.step} | {m.seconds:.1f} | {m.peak_rss_mb:,.0f} | "
                         f"{m.slowest_models} |")
    return "\n".join(lines) + "\n"

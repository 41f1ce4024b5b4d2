"""Command line of OpenProfile: build, test, publish and serve unified customer profiles.

Run it as ``python3 -m openprofile …`` from a fresh clone (it sets up ``.venv`` first, see
:mod:`openprofile.bootstrap`) or as ``openprofile …`` inside the environment. Every command
runs from the project root, whatever the current directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INPUTS = ("demo", "snowplow", "online_retail")


def default_database(inputs: list[str]) -> Path:
    """DuckDB file a build of ``inputs`` writes when none is given.

    ``["demo"]`` → ``openprofile.duckdb`` (the profile's default); anything else →
    ``openprofile_<input>[_<input>…].duckdb``, so a real-data build never overwrites the demo.
    All paths are in the project root.
    """
    if inputs == ["demo"]:
        return PROJECT_ROOT / "openprofile.duckdb"
    return PROJECT_ROOT / f"openprofile_{'_'.join(inputs)}.duckdb"


PUBLISHED_ROOT = PROJECT_ROOT / "published"


def _bin(name: str) -> str:
    """The executable ``name`` of the environment this interpreter runs in."""
    return str(Path(sys.executable).parent / name)


def dbt_build(
    inputs: list[str],
    database: Path,
    extra_args: list[str] | None = None,
    target_path: Path | None = None,
    project_dir: Path = PROJECT_ROOT,
    dbt_vars: dict | None = None,
) -> int:
    """Run ``dbt build`` over ``inputs`` into the DuckDB file ``database``.

    Args:
        inputs: names from :data:`INPUTS`.
        database: DuckDB file to (re)build; its folder is created if missing. A relative path
            is taken relative to the current directory.
        extra_args: further dbt arguments, e.g. ``["--select", "dim_customers"]``; not
            ``--vars`` (pass ``dbt_vars``).
        dbt_vars: further dbt vars (see README, "Configuration"), merged with ``inputs``;
            ``export_path`` defaults to ``<project_dir>/exports/<database stem>`` (absolute).
        target_path: dbt's target folder (compiled SQL, run_results.json); default ``target/``.
        project_dir: the dbt project to build (a copy of this one in tests).

    Returns:
        dbt's exit code (0 when every model and test passed).

    Raises:
        ValueError: an input name not in :data:`INPUTS`, or ``--vars`` in ``extra_args``.
    """
    database = database.resolve()
    database.parent.mkdir(parents=True, exist_ok=True)
    command = [_bin("dbt"), "build", *_dbt_arguments(
        inputs, project_dir / "exports" / database.stem, extra_args, target_path, project_dir,
        dbt_vars)]
    env = {**os.environ, "OPENPROFILE_DUCKDB_PATH": str(database)}
    return subprocess.run(command, cwd=project_dir, env=env, check=False).returncode


def dbt_build_spark(
    inputs: list[str],
    spark_dir: Path,
    extra_args: list[str] | None = None,
    target_path: Path | None = None,
    project_dir: Path = PROJECT_ROOT,
    dbt_vars: dict | None = None,
) -> int:
    """Run ``dbt build --target spark`` over ``inputs`` on a local Spark session.

    Args:
        spark_dir: folder of the Spark warehouse (Parquet files of every table, under
            ``warehouse/<schema>.db/<table>``) and metastore; created if missing.
        Others as :func:`dbt_build`; ``export_path`` defaults to
        ``<project_dir>/exports/spark_<spark_dir name>``.

    Returns:
        dbt's exit code (0 when every model and test passed; 2 when dbt could not run).

    Raises:
        ValueError: as :func:`dbt_build`.
    """
    spark_dir = spark_dir.resolve()
    command = [sys.executable, "-m", "openprofile.spark", "build", "--target", "spark",
               *_dbt_arguments(inputs, project_dir / "exports" / f"spark_{spark_dir.name}",
                               extra_args, target_path, project_dir, dbt_vars)]
    env = {**os.environ, "OPENPROFILE_SPARK_DIR": str(spark_dir)}
    return subprocess.run(command, cwd=project_dir, env=env, check=False).returncode


def _dbt_arguments(inputs: list[str], export_path: Path, extra_args: list[str] | None,
                   target_path: Path | None, project_dir: Path, dbt_vars: dict | None) -> list[str]:
    unknown = sorted(set(inputs) - set(INPUTS))
    if unknown:
        raise ValueError(f"unknown input(s) {unknown}; choose from {', '.join(INPUTS)}")
    if any(arg == "--vars" or arg.startswith("--vars=") for arg in extra_args or []):
        raise ValueError("pass dbt vars with --vars of openprofile build, not after --: "
                         "a second --vars would silently replace the inputs")
    arguments = [
        "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
        "--vars", json.dumps({
            # absolute, so the export views in the database work from any folder; one folder
            # per database, so building another input never overwrites the demo's exports
            "export_path": str(export_path),
            **(dbt_vars or {}),
            "inputs": list(inputs),
        }),
    ]
    if target_path is not None:
        arguments += ["--target-path", str(target_path)]
    return arguments + (extra_args or [])


def profile_summary(database: Path) -> str:
    """One line: how many unified profiles the built ``database`` holds, known and unknown."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as connection:
        known, unknown = connection.execute(
            "select count(*) filter (where is_known), count(*) filter (where not is_known)"
            " from marts.dim_customers"
        ).fetchone()
    return f"{known + unknown} unified profiles: {known} known, {unknown} unknown"


EVENT_BASE_TABLES = ("staging.base_shop__web_events", "staging.base_shop__app_events")


def landed_files(database: Path) -> set[str] | None:
    """The landed raw event files (paths, the ``load_unit`` column) whose rows the event base
    tables of ``database`` hold; None when the file or those tables do not exist (a first
    build, or a database built from the seeds holds {'seed'})."""
    import duckdb

    if not database.exists():
        return None
    with duckdb.connect(str(database), read_only=True) as connection:
        present = {f"{schema}.{name}" for schema, name in connection.execute(
            "select schema_name, table_name from duckdb_tables()").fetchall()}
        if not all(table in present for table in EVENT_BASE_TABLES):
            return None
        rows = connection.execute(" union ".join(
            f"select distinct load_unit from {table}" for table in EVENT_BASE_TABLES)).fetchall()
    return {load_unit for (load_unit,) in rows}


def landed_files_note(before: set[str] | None, after: set[str], full_refresh: bool) -> str:
    """One line: what a build over landed files loaded, from the files the database held
    before (``landed_files``; None when nothing) and after the build."""
    if before is None or full_refresh or not before <= after:
        return f"typed all {len(after)} landed event files (full build)"
    return (f"typed {len(after - before)} new landed event file(s); the {len(before)} "
            "loaded by earlier builds were kept (incremental build)")


def parse_vars(text: str | None) -> dict:
    """dbt vars given as YAML or JSON text (``'{reporting_currency: GBP}'``) as a dict.

    Raises:
        SystemExit: the text is not a YAML mapping (with a message that says so).
    """
    if not text:
        return {}
    import yaml

    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise SystemExit(f"openprofile: --vars is not valid YAML: {error}") from None
    if not isinstance(parsed, dict):
        raise SystemExit("openprofile: --vars must be a mapping, e.g. '{reporting_currency: GBP}'")
    return parsed


def _build(args: argparse.Namespace) -> int:
    dbt_vars = parse_vars(args.vars)
    inputs = args.input or dbt_vars.pop("inputs", None) or ["demo"]
    if isinstance(inputs, str):
        inputs = [inputs]
    dbt_vars.pop("inputs", None)
    if args.target == "spark":
        return _build_spark(inputs, args, dbt_vars)
    database = Path(args.database).resolve() if args.database else default_database(inputs)
    landed = dbt_vars.get("shop_raw_path") and "demo" in inputs
    before = landed_files(database) if landed else None
    started = time.monotonic()
    try:
        code = dbt_build(inputs, database, args.dbt_args, dbt_vars=dbt_vars)
    except ValueError as error:
        raise SystemExit(f"openprofile: {error}") from None
    if code != 0:
        print(f"openprofile: the build failed (dbt exit code {code}; see dbt's output above); "
              "nothing was published", file=sys.stderr)
    if code == 0:
        source = f" (files under {dbt_vars['shop_raw_path']})" if landed else ""
        print(f"openprofile: built {database.name} from {', '.join(inputs)}{source} in "
              f"{time.monotonic() - started:.1f} s; {profile_summary(database)}")
        if landed:
            print("openprofile: " + landed_files_note(
                before, landed_files(database) or set(), "--full-refresh" in args.dbt_args))
        if args.dbt_args and not args.no_publish:
            print("openprofile: not published: dbt arguments given, so this may be a partial "
                  "build; `openprofile publish` publishes it anyway", file=sys.stderr)
        elif not args.no_publish:
            code = _publish_or_explain(database, PROJECT_ROOT / "target" / "run_results.json")
    return code


def _build_spark(inputs: list[str], args: argparse.Namespace, dbt_vars: dict) -> int:
    from openprofile.spark import spark_dir

    if args.database:
        raise SystemExit("openprofile: --database names a DuckDB file; the spark target writes "
                         "to OPENPROFILE_SPARK_DIR (default spark/)")
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SystemExit("openprofile: the spark target needs the spark extra: "
                         ".venv/bin/pip install -e '.[spark]' (and Java 17)") from None
    started = time.monotonic()
    try:
        code = dbt_build_spark(inputs, spark_dir(), args.dbt_args, dbt_vars=dbt_vars)
    except ValueError as error:
        raise SystemExit(f"openprofile: {error}") from None
    if code == 0:
        print(f"openprofile: built {', '.join(inputs)} on the spark target in "
              f"{time.monotonic() - started:.1f} s (tables in {spark_dir() / 'warehouse'}); "
              "the lookup API serves DuckDB builds only, so nothing is published")
    return code


def _publish_or_explain(database: Path, run_results: Path, folder: Path | None = None) -> int:
    from openprofile.publish import PublishError, publication_folder, publish

    folder = folder or publication_folder(database, PUBLISHED_ROOT)
    try:
        published = publish(database, folder, run_results, PROJECT_ROOT)
    except PublishError as error:
        print(f"openprofile: not published: {error}", file=sys.stderr)
        return 1
    shown = published.relative_to(PROJECT_ROOT) if published.is_relative_to(PROJECT_ROOT) \
        else published
    print(f"openprofile: published {shown} for the lookup API")
    return 0


def _publish(args: argparse.Namespace) -> int:
    database = Path(args.database).resolve() if args.database else default_database(["demo"])
    run_results = Path(args.target_path or PROJECT_ROOT / "target") / "run_results.json"
    return _publish_or_explain(database, run_results,
                               Path(args.folder).resolve() if args.folder else None)


def _add_publication_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database", help="whose publications to serve (default openprofile.duckdb)")
    parser.add_argument("--folder", help="publication folder (default published/<database stem>)")


def _publication(args: argparse.Namespace) -> tuple[Path, Path]:
    """(database, publication folder) named by --database / --folder."""
    from openprofile.publish import publication_folder

    database = Path(args.database).resolve() if args.database else default_database(["demo"])
    if args.folder:
        return database, Path(args.folder).resolve()
    return database, publication_folder(database, PUBLISHED_ROOT)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from openprofile.api import ConfigurationError, create_app, load_api_keys
    from openprofile.publish import current_file

    database, folder = _publication(args)
    try:
        keys = load_api_keys()
    except ConfigurationError as error:
        raise SystemExit(f"openprofile serve: {error}") from None
    if current_file(folder) is None:
        print(f"openprofile serve: nothing published in {folder} yet; /v1/health says 'not "
              "ready' until `openprofile build` (or `openprofile publish`) publishes a build",
              file=sys.stderr)
    # no access log by default: lookup URLs carry identifiers (emails, phones)
    uvicorn.run(create_app(folder, keys), host=args.host, port=args.port,
                log_level=args.log_level, access_log=args.access_log)
    return 0


def _lint(_: argparse.Namespace) -> int:
    return subprocess.run(
        [_bin("sqlfluff"), "lint", "models", "tests"],
        cwd=PROJECT_ROOT, check=False,
    ).returncode


def _install_spark_extra() -> int:
    """Install the ``spark`` extra (dbt-spark, PySpark) unless present; returns pip's exit code."""
    import importlib.util

    if importlib.util.find_spec("pyspark") and importlib.util.find_spec("dbt.adapters.spark"):
        return 0
    return subprocess.run(
        [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--quiet",
         "-e", f"{PROJECT_ROOT}[dev,spark]"], cwd=PROJECT_ROOT, check=False).returncode


def _test(args: argparse.Namespace) -> int:
    steps = [
        ("sqlfluff lint", lambda: _lint(args)),
        ("install the spark extra (for the Spark parity test)", _install_spark_extra),
        ("dbt build (demo data, models + data tests + unit tests)",
         lambda: dbt_build(["demo"], default_database(["demo"]))),
        ("pytest", lambda: subprocess.run(
            [sys.executable, "-m", "pytest", *args.pytest_args], cwd=PROJECT_ROOT, check=False
        ).returncode),
    ]
    for name, step in steps:
        print(f"openprofile test: {name}", flush=True)
        code = step()
        if code != 0:
            print(f"openprofile test: {name} failed (exit {code})", file=sys.stderr)
            return code
    return 0


def _clv_summary(args: argparse.Namespace) -> int:
    from openprofile import clv

    summaries = clv.summary_data(
        clv.read_cdnow(Path(args.input)),
        dt.date.fromisoformat(args.observation_end),
        args.unit,
    )
    clv.write_csv(summaries, Path(args.out))
    repeaters = [s for s in summaries if s.frequency > 0]
    mean_frequency = sum(s.frequency for s in summaries) / len(summaries) if summaries else 0
    print(f"openprofile: {len(summaries)} customers ({len(repeaters)} with repeat purchases), "
          f"mean frequency {mean_frequency:.4f}; wrote {args.out}")
    return 0


def _bench_api(args: argparse.Namespace) -> int:
    from openprofile import api_bench

    database, folder = _publication(args)
    clients = [int(part) for part in args.clients.split(",")]
    results = api_bench.run(folder, clients, args.seconds)
    print(api_bench.markdown(args.label or database.stem, results))
    return 0


def _generate(args: argparse.Namespace) -> int:
    from openprofile.generate import generate

    started = time.monotonic()
    counts = generate(args.events, args.seed, Path(args.out), batch=args.batch)
    print(f"openprofile: wrote {', '.join(f'{n:,} {t}' for t, n in counts.items())} to "
          f"{args.out} in {time.monotonic() - started:.1f} s; build with `openprofile build "
          f"--database {Path(args.out).resolve().name}.duckdb "
          f"--vars '{{shop_raw_path: {Path(args.out).resolve()}}}'`")
    return 0


def _quality(args: argparse.Namespace) -> int:
    from openprofile import identity_quality

    try:
        quality = identity_quality.measure(Path(args.database).resolve(), Path(args.generated))
    except (FileNotFoundError, ValueError) as error:
        raise SystemExit(f"openprofile quality: {error}") from None
    print(identity_quality.markdown(args.label or Path(args.generated).name, quality))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from openprofile import bench

    sizes = [int(size.replace("_", "")) for size in args.events.split(",")]
    measurements = bench.run(sizes, args.seed, Path(args.folder).resolve(), PROJECT_ROOT,
                             memory_limit=args.memory_limit)
    print(bench.markdown(measurements), end="")
    print(f"openprofile: appended to {Path(args.folder) / 'results.csv'}")
    return 0


def _at_least_1000(text: str) -> int:
    value = int(text)
    if value < 1000:
        raise argparse.ArgumentTypeError("must be at least 1000")
    return value


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default ``sys.argv[1:]``) and run the command; returns the exit code."""
    parser = argparse.ArgumentParser(prog="openprofile", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="dbt build: raw data → unified profiles, measures, segments")
    build.add_argument("--input", action="append", choices=INPUTS,
                       help="raw input to build from (repeatable; default demo)")
    build.add_argument("--database", help="DuckDB file to write (default openprofile.duckdb for the demo, openprofile_<inputs>.duckdb otherwise)")
    build.add_argument("--vars", help="dbt vars as YAML, e.g. '{reporting_currency: GBP}'")
    build.add_argument("--target", choices=["duckdb", "spark"], default="duckdb",
                       help="engine: duckdb (default, a file) or spark (a local Spark session; "
                            "needs the spark extra and Java 17, see README)")
    build.add_argument("dbt_args", nargs=argparse.REMAINDER,
                       help="further dbt arguments after --, e.g. -- --select dim_customers")
    build.add_argument("--no-publish", action="store_true",
                       help="do not publish the finished build for the lookup API")
    build.set_defaults(run=_build)

    publish = commands.add_parser(
        "publish", help="publish the last passed build for the lookup API (build does it too)")
    publish.add_argument("--database", help="DuckDB file the build wrote (default openprofile.duckdb)")
    publish.add_argument("--target-path", help="dbt target folder of that build (default target/)")
    publish.add_argument("--folder", help="publication folder (default published/<database stem>)")
    publish.set_defaults(run=_publish)

    serve = commands.add_parser("serve", help="the profile lookup API (FastAPI + uvicorn)")
    _add_publication_arguments(serve)
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="TCP port (default 8000)")
    serve.add_argument("--access-log", action="store_true",
                       help="log every request line (off by default: URLs hold identifiers)")
    serve.add_argument("--log-level", default="info",
                       choices=["critical", "error", "warning", "info", "debug"])
    serve.set_defaults(run=_serve)

    generate = commands.add_parser(
        "generate", help="scale data: raw shop tables as Parquet, with the ground truth")
    generate.add_argument("--events", type=_at_least_1000, required=True,
                          help="web + app events to write, at least 1000 (the output has at least as many)")
    generate.add_argument("--seed", type=int, default=1,
                          help="random seed (default 1): the same seed gives the same bytes")
    generate.add_argument("--out", required=True, help="folder to write (its tables replaced)")
    generate.add_argument("--batch", type=int, default=0,
                          help="0: a first load; n > 0: a later batch to add to one")
    generate.set_defaults(run=_generate)

    quality = commands.add_parser(
        "quality", help="identity-resolution precision/recall against generated ground truth")
    quality.add_argument("--database", required=True, help="DuckDB file built from the data")
    quality.add_argument("--generated", required=True, help="the folder openprofile generate wrote")
    quality.add_argument("--label", help="name of the data in the table")
    quality.set_defaults(run=_quality)

    bench_cmd = commands.add_parser(
        "bench", help="benchmark: baseline, full build and +1%% build at each size")
    bench_cmd.add_argument("--events", default="1000000,10000000",
                           help="comma-separated sizes (web + app events)")
    bench_cmd.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    bench_cmd.add_argument("--folder", default=str(PROJECT_ROOT / "bench"),
                           help="data, databases and results (default bench/)")
    bench_cmd.add_argument("--memory-limit",
                           help="DuckDB memory limit of the builds, e.g. 4GB (default DuckDB's 80%%)")
    bench_cmd.set_defaults(run=_bench)

    bench_api = commands.add_parser(
        "bench-api", help="benchmark of the lookup API (lookups/s, p50/p99) at N clients")
    _add_publication_arguments(bench_api)
    bench_api.add_argument("--clients", default="1,16", help="comma-separated client counts")
    bench_api.add_argument("--seconds", type=float, default=10.0, help="measuring time per count")
    bench_api.add_argument("--label", help="name of the data in the table (default database stem)")
    bench_api.set_defaults(run=_bench_api)

    lint = commands.add_parser("lint", help="sqlfluff lint of every SQL file")
    lint.set_defaults(run=_lint)

    test = commands.add_parser(
        "test", help="lint + dbt build with all dbt tests + pytest (~5 min; what CI runs)",
        description="sqlfluff lint, then dbt build of the demo into openprofile.duckdb (not "
                    "published), then pytest, stopping at the first failing step")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="arguments for pytest after --")
    test.set_defaults(run=_test)

    summary = commands.add_parser(
        "clv-summary",
        help="BG/NBD / Gamma-Gamma summary data (frequency, recency, T, monetary_value) of a "
             "CDNOW-format purchase file, as CSV")
    summary.add_argument("--input", required=True,
                         help="whitespace-separated file: customer_id yyyymmdd quantity amount")
    summary.add_argument("--observation-end", required=True, help="last day counted, YYYY-MM-DD")
    summary.add_argument("--unit", choices=["days", "weeks"], default="weeks")
    summary.add_argument("--out", required=True, help="CSV file to write")
    summary.set_defaults(run=_clv_summary)

    args = parser.parse_args(argv)
    for name in ("dbt_args", "pytest_args"):
        if getattr(args, name, None) and getattr(args, name)[0] == "--":
            setattr(args, name, getattr(args, name)[1:])
    try:
        return args.run(args)
    except (ValueError, OSError, RuntimeError) as error:
        print(f"openprofile {args.command}: {error}", file=sys.stderr)
        return 2
    except Exception as error:  # DuckDB's errors (e.g. a database file that does not exist)
        if type(error).__module__.split(".")[0] not in ("duckdb", "_duckdb"):
            raise
        print(f"openprofile {args.command}: {error}", file=sys.stderr)
        return 2

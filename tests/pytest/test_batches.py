"""Loading the data in three batches, building after each, gives the marts one build gives.

Two ways in: the demo seeds, rewritten with the rows loaded so far (every model is rebuilt),
and landed Parquet files (var shop_raw_path), one more file per table and batch. Over landed
files the event base models type only the new files (macros/staging/landed_files.sql), and the
activity and session models write only what changed, sessionizing again only the devices with
changed activity (macros/incremental/sync_rows.sql). Either way the marts (and, for landed
files, every staging and intermediate table) must equal one build over all the data. Cases: a
sign-in arriving a day after the anonymous events it explains, a session spanning the batch
boundary, a late event joining two sessions of an earlier batch, an event whose device clock is
years in the future (quarantined: it must hide no later event and move no "latest" date), and,
across batches, a plain duplicate, a conflicting second version of an event (its activity and
session rows of the earlier builds must go) and the same row without an event id twice.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from conftest import copy_project
from openprofile.cli import PROJECT_ROOT, dbt_build

SEEDS = PROJECT_ROOT / "seeds" / "demo"
WEB = "raw_shop__web_events.csv"
# marts that are a function of the data (state kept across builds is left out: the history
# tables and customer_id_history record the build sequence on purpose)
COMPARED = {
    "dim_customers": "*", "dim_customer_keys": "*", "fct_activities": "*",
    "fct_sessions": "*", "customer_measures": "*", "business_measures": "*",
    "segment_memberships": "* exclude (entered_at)", "next_best_offers": "*",
    "fct_identity_edges": "*", "activation_audience_members": "* exclude (entered_at)",
}
HISTORY = {"identity_key_history", "segment_membership_history", "customer_id_history"}


def web_row(event_id, cookie, user, name, timestamp):
    return [event_id, cookie, user, name, "https://www.example-shoes.com/", "", "", "", "", "",
            "", "", timestamp]


SCENARIO = {  # batch → extra web events
    1: [web_row("b_late_1", "ck_late", "", "page_view", "2022-11-29T10:00:00Z"),
        web_row("b_span_1", "ck_span", "", "page_view", "2022-11-29T23:50:00Z"),
        web_row("b_future", "ck_future", "", "page_view", "2031-06-01T00:00:00Z"),
        web_row("b_conflict", "ck_conflict", "", "page_view", "2022-11-29T09:00:00Z"),
        web_row("", "ck_no_id", "", "page_view", "2022-11-29T09:00:00Z"),
        web_row("b_gap_1", "ck_gap", "", "page_view", "2022-11-29T10:00:00Z"),
        web_row("b_gap_3", "ck_gap", "", "page_view", "2022-11-29T10:50:00Z")],
    2: [web_row("b_late_2", "ck_late", "u_late", "sign_in", "2022-11-30T10:00:00Z"),
        web_row("b_span_2", "ck_span", "", "page_view", "2022-11-30T00:05:00Z"),
        web_row("b_late_1", "ck_late", "", "page_view", "2022-11-29T10:00:00Z"),  # sent again
        web_row("", "ck_no_id", "", "page_view", "2022-11-29T09:00:00Z")],  # again, no id
    3: [web_row("b_future_next", "ck_future", "", "page_view", "2022-11-30T12:00:00Z"),
        web_row("b_conflict", "ck_conflict", "", "page_view", "2022-11-29T09:30:00Z"),
        web_row("b_gap_2", "ck_gap", "", "page_view", "2022-11-29T10:25:00Z")],  # late
}


def read(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def batch_rows(seed: Path, batch: int) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of ``seed`` that batch ``batch`` (1–3) brings: a third of the
    seed's rows, plus the scenario's web events."""
    header, rows = read(seed)
    third = -(-len(rows) // 3)
    kept = rows[third * (batch - 1): third * batch]
    if seed.name == WEB:
        kept += SCENARIO[batch]
    return header, kept


def write_batches_up_to(project: Path, last_batch: int) -> None:
    """Seeds holding the rows of batches 1..last_batch."""
    for seed in sorted(SEEDS.glob("raw_shop__*.csv")):
        header = read(seed)[0]
        kept = [row for batch in range(1, last_batch + 1) for row in batch_rows(seed, batch)[1]]
        with (project / "seeds" / "demo" / seed.name).open("w", newline="",
                                                           encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(kept)


def land_batch(landing: Path, batch: int) -> None:
    """One Parquet file per table with the rows of ``batch``, every column text (empty
    fields NULL, as the seeds load them), in ``landing/<table>/batch-<n>.parquet``."""
    for seed in sorted(SEEDS.glob("raw_shop__*.csv")):
        header, rows = batch_rows(seed, batch)
        folder = landing / seed.stem.removeprefix("raw_shop__")
        folder.mkdir(parents=True, exist_ok=True)
        with duckdb.connect() as db:
            db.execute("create table rows (" + ", ".join(f'"{name}" varchar' for name in header)
                       + ")")
            if rows:
                db.executemany("insert into rows values (" + ", ".join("?" for _ in header) + ")",
                               [[value if value != "" else None for value in row] for row in rows])
            db.execute(f"copy rows to '{folder / f'batch-{batch}.parquet'}' (format parquet)")


def customer_of(database: Path, identifier_type: str, value: str) -> str | None:
    with duckdb.connect(str(database), read_only=True) as db:
        row = db.execute("select customer_id from marts.dim_customer_keys"
                         " where identifier_type = ? and identifier_value = ?",
                         [identifier_type, value]).fetchone()
    return row[0] if row else None


@pytest.fixture(scope="module", params=["seeds", "landed_files"])
def builds(request, tmp_path_factory) -> dict[str, Path]:
    """Databases after each of three batches (one database, built after each) and of one
    build over all three (a fresh database)."""
    root = tmp_path_factory.mktemp(f"batches_{request.param}")
    project = copy_project(root / "project")
    landing = root / "landing"
    landed = {"shop_raw_path": str(landing)} if request.param == "landed_files" else {}
    batched = root / "batched.duckdb"
    databases = {"mode": request.param}
    for batch in (1, 2, 3):
        if landed:
            land_batch(landing, batch)
        else:
            write_batches_up_to(project, batch)
        code = dbt_build(["demo"], batched, target_path=root / f"target_{batch}",
                         project_dir=project,
                         dbt_vars={"export_path": str(root / "exports"), **landed})
        assert code == 0, f"build after batch {batch} failed"
        snapshot = root / f"after_batch_{batch}.duckdb"
        snapshot.write_bytes(batched.read_bytes())
        databases[f"after_batch_{batch}"] = snapshot
    once = root / "once.duckdb"
    assert dbt_build(["demo"], once, target_path=root / "target_once", project_dir=project,
                     dbt_vars={"export_path": str(root / "exports_once"), **landed}) == 0
    databases["once"] = once
    databases.update(project=project, landing=landing, root=root)
    return databases


def _differences(builds, schemas: tuple[str, ...], tables: dict[str, str] | None) -> list[str]:
    differing = []
    with duckdb.connect() as db:
        db.execute(f"attach '{builds['after_batch_3']}' as batched (read_only)")
        db.execute(f"attach '{builds['once']}' as once (read_only)")
        if tables is None:
            names = db.execute(
                "select schema_name, table_name from duckdb_tables() where database_name = 'once'"
                f" and schema_name in {schemas} order by all").fetchall()
            tables = {f"{schema}.{name}": "*" for schema, name in names if name not in HISTORY}
        for name, columns in tables.items():
            for left, right in (("batched", "once"), ("once", "batched")):
                extra = db.execute(
                    f"select count(*) from (select {columns} from {left}.{name}"
                    f" except all select {columns} from {right}.{name})").fetchone()[0]
                if extra:
                    differing.append(f"{name}: {extra} rows only in {left}")
    return differing


def test_three_batches_give_the_marts_of_one_build(builds):
    compared = {f"marts.{name}": columns for name, columns in COMPARED.items()}
    differing = _differences(builds, ("marts",), compared)
    assert not differing, "\n".join(differing)


def test_incremental_staging_and_intermediate_tables_equal_one_build(builds):
    if builds["mode"] != "landed_files":
        pytest.skip("the seeds are rebuilt whole; only landed files load incrementally")
    differing = _differences(builds, ("staging", "intermediate", "quality"), None)
    assert not differing, "\n".join(differing)
    with duckdb.connect(str(builds["after_batch_3"]), read_only=True) as db:
        rows = dict(db.execute(
            "select coalesce(event_id, '(none)'), count(*) from staging.base_shop__web_events"
            " where cookie_id in ('ck_late', 'ck_conflict', 'ck_no_id') group by all").fetchall())
        reasons = {row[0] for row in db.execute(
            "select quarantine_reason from staging.base_shop__web_events"
            " where event_id = 'b_conflict'").fetchall()}
        units = db.execute("select count(distinct load_unit) from staging.base_shop__web_events"
                           ).fetchone()[0]
    # the duplicate and the id-less row of batch 2 are kept next to batch 1's, not replacing
    # them; the conflict across batches quarantines both versions, as one build does
    assert rows == {"b_late_1": 2, "b_late_2": 1, "b_conflict": 2, "(none)": 2}
    assert reasons == {"conflicting rows share this event_id"}
    assert units == 3


def test_a_late_sign_in_moves_the_earlier_anonymous_activity_to_the_known_profile(builds):
    after_1, after_2 = builds["after_batch_1"], builds["after_batch_2"]
    anonymous = customer_of(after_1, "cookie_id", "ck_late")
    assert anonymous is not None and customer_of(after_1, "user_id", "u_late") is None
    known = customer_of(after_2, "user_id", "u_late")
    assert customer_of(after_2, "cookie_id", "ck_late") == known
    with duckdb.connect(str(after_2), read_only=True) as db:
        owners = db.execute("select distinct customer_id from marts.fct_activities"
                            " where source_record_id in ('b_late_1', 'b_late_2')").fetchall()
        is_known = db.execute("select is_known from marts.dim_customers where customer_id = ?",
                              [known]).fetchone()[0]
        left_behind = db.execute("select count(*) from marts.dim_customers"
                                 " where customer_id = ? and customer_id != ?",
                                 [anonymous, known]).fetchone()[0]
    assert owners == [(known,)] and is_known
    assert left_behind == 0  # no anonymous profile of ck_late is left behind


def test_a_session_spanning_the_batch_boundary_is_one_session(builds):
    with duckdb.connect(str(builds["after_batch_2"]), read_only=True) as db:
        customer = db.execute("select customer_id from marts.dim_customer_keys"
                              " where identifier_value = 'ck_span'").fetchone()[0]
        sessions = db.execute("select count(*), max(activity_count) from marts.fct_sessions"
                              " where customer_id = ?", [customer]).fetchone()
    assert sessions == (1, 2)


def sessions_of_cookie(database: Path, cookie: str) -> list[int]:
    """The activity counts of the sessions of the profile holding ``cookie``, in order."""
    with duckdb.connect(str(database), read_only=True) as db:
        return [row[0] for row in db.execute(
            "select activity_count from marts.fct_sessions where customer_id = ("
            " select customer_id from marts.dim_customer_keys where identifier_value = ?)"
            " order by started_at", [cookie]).fetchall()]


def test_a_late_event_in_the_gap_between_two_sessions_joins_them(builds):
    # batch 1: 10:00 and 10:50, two sessions; batch 3 brings 10:25, which leaves no gap of
    # 30 minutes: an increment must sessionize the device's older activity again
    assert sessions_of_cookie(builds["after_batch_1"], "ck_gap") == [1, 1]
    assert sessions_of_cookie(builds["after_batch_3"], "ck_gap") == [3]


def test_an_event_from_a_clock_years_ahead_is_quarantined_and_hides_nothing(builds):
    with duckdb.connect(str(builds["after_batch_3"]), read_only=True) as db:
        loaded = {row[0] for row in db.execute(
            "select source_record_id from marts.fct_activities"
            " where source_record_id in ('b_future', 'b_future_next')").fetchall()}
        quarantined = db.execute(
            "select quarantine_reason from quality.quarantined_records"
            " where raw_record like '%\"b_future\"%'").fetchall()
        latest = db.execute("select max(occurred_at) from marts.fct_activities").fetchone()[0]
    assert loaded == {"b_future_next"}
    assert quarantined == [("event_timestamp in the future (a wrong clock)",)]
    assert latest.year < 2031  # the "latest activity" (measures' as-of date) stays real


def _landing_copy(builds, name: str) -> Path:
    """A copy of the landing folder of the three batches, at another path."""
    landing = builds["root"] / f"landing_{name}"
    shutil.copytree(builds["landing"], landing)
    return landing


def _build_after_batch_3(builds, capfd, name: str, landing: Path, select: str,
                         alter: str | None = None, **dbt_vars) -> tuple[int, str]:
    """(exit code, output) of ``dbt build --select select`` over ``landing``, with the extra
    ``dbt_vars``, on a copy of the database after batch 3 (``<root>/<name>.duckdb``), first
    changed by the SQL statement ``alter`` when given."""
    root = builds["root"]
    database = root / f"{name}.duckdb"
    database.write_bytes(builds["after_batch_3"].read_bytes())
    if alter:
        with duckdb.connect(str(database)) as db:
            db.execute(alter)
    capfd.readouterr()
    code = dbt_build(["demo"], database, ["--select", select],
                     target_path=root / f"target_{name}", project_dir=builds["project"],
                     dbt_vars={"export_path": str(root / "exports"), "shop_raw_path": str(landing),
                               **dbt_vars})
    return code, capfd.readouterr().out


def test_a_landed_file_replaced_after_loading_fails_the_build_saying_what_to_do(builds, capfd):
    if builds["mode"] != "landed_files":
        pytest.skip("only landed files are loaded incrementally")
    landing = _landing_copy(builds, "replaced")
    # batch 1's web file replaced by batch 2's rows under the same name
    shutil.copy(landing / "web_events" / "batch-2.parquet", landing / "web_events" / "batch-1.parquet")
    code, output = _build_after_batch_3(builds, capfd, "replaced", landing,
                                        "assert_landed_files_are_loaded_whole")
    assert code != 0
    assert "FAIL" in output and "assert_landed_files_are_loaded_whole" in output


def test_an_increment_over_another_folder_stops_and_says_to_rebuild(builds, capfd):
    if builds["mode"] != "landed_files":
        pytest.skip("only landed files are loaded incrementally")
    moved = _landing_copy(builds, "moved")  # the same files, by other paths
    code, output = _build_after_batch_3(builds, capfd, "moved", moved, "base_shop__web_events")
    assert code != 0
    assert "file(s) an earlier build loaded are not in" in output and "--full-refresh" in output


def test_a_changed_session_timeout_sessionizes_every_device_again(builds, capfd):
    if builds["mode"] != "landed_files":
        pytest.skip("only landed files are built incrementally")
    # no new file: only the var changed. With 20 minutes, ck_gap's 25-minute gaps split its
    # one session of batch 3 in three, although none of its activities changed.
    code, output = _build_after_batch_3(builds, capfd, "timeout", builds["landing"],
                                        "+fct_sessions", session_timeout_minutes=20)
    assert code == 0, output
    assert sessions_of_cookie(builds["root"] / "timeout.duckdb", "ck_gap") == [1, 1, 1]


@pytest.mark.parametrize("model, change, message", [
    ("int_activities_sessionized", "add column legacy varchar", "no longer made: legacy"),
    ("int_activities_sessionized", "drop column session_timeout_minutes",
     "missing session_timeout_minutes"),
])
def test_a_table_left_by_another_version_of_a_model_stops_the_increment_saying_to_rebuild(
        builds, capfd, model, change, message):
    if builds["mode"] != "landed_files":
        pytest.skip("only landed files are built incrementally")
    name = f"stale_{change.split()[0]}"
    code, output = _build_after_batch_3(builds, capfd, name, builds["landing"], model,
                                        alter=f"alter table intermediate.{model} {change}")
    assert code != 0
    assert message in output and "Rebuild it with --full-refresh" in output


def test_an_increment_with_another_shop_time_zone_stops_and_says_to_rebuild(builds, capfd):
    if builds["mode"] != "landed_files":
        pytest.skip("only landed files are loaded incrementally")
    # rows of batches 1-3 were typed as Amsterdam time; rows of later files typed as New York
    # time would mix two judgements in one table
    code, output = _build_after_batch_3(builds, capfd, "time_zone", builds["landing"],
                                        "base_shop__web_events",
                                        shop_time_zone="America/New_York")
    assert code != 0
    assert "shop_time_zone=Europe/Amsterdam" in output and "--full-refresh" in output

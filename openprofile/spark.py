"""The ``spark`` target: dbt on a local Spark session that knows OpenProfile's Python functions.

``python -m openprofile.spark build --target spark …`` (what ``openprofile build --target
spark`` runs) starts a local Spark session, registers the functions the models call
(``openprofile_phone_e164``, the same ``phonenumbers`` code as on DuckDB; ``openprofile_nfc``,
Unicode normalisation form C, and ``openprofile_strip_accents``, which DuckDB has built in), then runs dbt in the
same process, so dbt-spark's ``session`` method picks that session up. A plain ``dbt build
--target spark`` has no such functions; the build's first step says so and stops.

Where the tables live: ``OPENPROFILE_SPARK_DIR`` (default ``<project>/spark``) holds the
warehouse (Parquet files of every table, ``warehouse/<schema>.db/<table>``) and the metastore
(``metastore_db``, Derby: one Spark process at a time per folder).

Needs the optional dependencies: ``pip install -e .[spark]`` (dbt-spark, PySpark) and Java 17.
"""

from __future__ import annotations

import logging
import os
import sys
import unicodedata
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def spark_dir() -> Path:
    """Folder of the Spark warehouse and metastore (``OPENPROFILE_SPARK_DIR``, absolute)."""
    return Path(os.environ.get("OPENPROFILE_SPARK_DIR", PROJECT_ROOT / "spark")).resolve()


def start_session():
    """Start (or return) the local Spark session with OpenProfile's settings and functions.

    Settings: warehouse and metastore under :func:`spark_dir`; a few shuffle partitions (small
    tables); no web UI. The SQL settings come from profiles.yml when dbt connects.

    Returns:
        The ``pyspark.sql.SparkSession``.

    Raises:
        ImportError: PySpark is not installed (``pip install -e .[spark]``).
    """
    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType

    from openprofile.phone import to_e164

    # Python functions run in worker processes: they must use this environment (phonenumbers).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    folder = spark_dir()
    folder.mkdir(parents=True, exist_ok=True)
    # Settings fixed when the session starts. The SQL settings the models rely on (time zone,
    # string literals, export folders) are in profiles.yml, target spark, where dbt-spark
    # applies them to this session, as it would to a cluster's.
    session = (
        SparkSession.builder.appName("openprofile")
        .master(os.environ.get("OPENPROFILE_SPARK_MASTER", "local[*]"))
        .enableHiveSupport()
        .config("spark.sql.warehouse.dir", str(folder / "warehouse"))
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
                f"jdbc:derby:;databaseName={folder / 'metastore_db'};create=true")
        .config("spark.driver.extraJavaOptions", f"-Dderby.system.home={folder}")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    # FATAL: Spark logs long expressions it cannot compile to Java (and then interprets) as
    # errors with stack traces; failed statements reach dbt as exceptions either way
    session.sparkContext.setLogLevel("FATAL")
    # dbt reports a failed statement itself; PySpark would also print its Java stack trace
    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
    session.udf.register("openprofile_phone_e164", to_e164, StringType())
    session.udf.register("openprofile_nfc", _nfc, StringType())
    session.udf.register("openprofile_strip_accents", _strip_accents, StringType())
    return session


def _nfc(text: str | None) -> str | None:
    return None if text is None else unicodedata.normalize("NFC", text)


def _strip_accents(text: str | None) -> str | None:
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char)))


def main(argv: list[str] | None = None) -> int:
    """Run dbt with ``argv`` (e.g. ``["build", "--target", "spark"]``) on the local session.

    Returns:
        0 when dbt succeeded, 1 when a node failed, 2 when dbt could not run.
    """
    from dbt.cli.main import dbtRunner

    start_session()
    result = dbtRunner().invoke(list(sys.argv[1:] if argv is None else argv))
    if result.exception is not None:
        return 2
    return 0 if result.success else 1


if __name__ == "__main__":
    raise SystemExit(main())

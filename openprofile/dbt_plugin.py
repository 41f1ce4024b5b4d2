"""dbt-duckdb plugin: registers OpenProfile's Python functions on every dbt DuckDB connection.

Listed under ``plugins:`` in ``profiles.yml``. The functions exist only inside dbt's own
connections, so they are used only in models materialised as tables (a view calling one would
fail in a BI tool); macros/identity/normalize_phone.sql and macros/config/ensure_directory.sql
are the places that call them.
"""

from __future__ import annotations

from pathlib import Path

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from openprofile.phone import to_e164


def make_directory(path: str) -> str:
    """Create the folder ``path`` (and its parents) if missing; returns ``path``.

    Export files (dbt-duckdb external materialisations) need their parent folder to exist.

    Raises:
        OSError: the folder cannot be created (e.g. a file of that name exists).
    """
    Path(path).mkdir(parents=True, exist_ok=True)
    return path


class Plugin(BasePlugin):
    """Registers ``openprofile_phone_e164(raw VARCHAR, default_region VARCHAR) -> VARCHAR`` and
    ``openprofile_make_directory(path VARCHAR) -> VARCHAR`` (macro ensure_directory)."""

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        conn.create_function(
            "openprofile_phone_e164",
            to_e164,
            ["VARCHAR", "VARCHAR"],
            "VARCHAR",
            null_handling="special",
            side_effects=False,
        )
        conn.create_function(
            "openprofile_make_directory",
            make_directory,
            ["VARCHAR"],
            "VARCHAR",
            side_effects=True,
        )

"""dbt-duckdb plugin: registers OpenProfile's Python functions on every dbt DuckDB connection.

Listed under ``plugins:`` in ``profiles.yml``. The functions exist only inside dbt's own
connections, so they are used only in models materialised as tables (a view calling one would
fail in a BI tool); macros/identity/normalize_phone.sql is the one place that calls them.
"""

from __future__ import annotations

from dbt.adapters.duckdb.plugins import BasePlugin
from duckdb import DuckDBPyConnection

from openprofile.phone import to_e164


class Plugin(BasePlugin):
    """Registers ``openprofile_phone_e164(raw VARCHAR, default_region VARCHAR) -> VARCHAR``."""

    def configure_connection(self, conn: DuckDBPyConnection) -> None:
        conn.create_function(
            "openprofile_phone_e164",
            to_e164,
            ["VARCHAR", "VARCHAR"],
            "VARCHAR",
            null_handling="special",
            side_effects=False,
        )

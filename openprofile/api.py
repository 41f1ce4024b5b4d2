"""The profile lookup API (FastAPI): what do we know about this cookie, device, email …?

It reads only *published* builds (see :mod:`openprofile.publish`): a read-only DuckDB file named
by ``<folder>/CURRENT``. When a new build is published the API switches to it between two
requests; a request always sees one complete build.

Every endpoint but ``/v1/health`` needs an API key in the ``X-API-Key`` header. Keys come from
the environment (``OPENPROFILE_API_KEYS``, comma-separated) or a file
(``OPENPROFILE_API_KEYS_FILE``, one key per line), never from the repository.

Run it with ``openprofile serve`` (README, "Lookup API").
"""


import base64
import datetime as dt
import hmac
import json
import os
import threading
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Path as PathParam, Query, Security
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader

from openprofile.phone import to_e164
from openprofile.publish import current_file

API_KEY_HEADER = "X-API-Key"
MAX_IDENTIFIER_LENGTH = 256
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
INCLUDES = ("segments", "measures", "activities")
# Identifier types whose values are compared case-insensitively (as int_identifiers_normalized).
LOWER_CASE_TYPES = ("email",)


class ConfigurationError(RuntimeError):
    """The API cannot start: no API key configured, or no readable key file."""


def load_api_keys(environ: dict[str, str] | None = None) -> frozenset[str]:
    """The accepted API keys, from ``OPENPROFILE_API_KEYS`` and/or ``OPENPROFILE_API_KEYS_FILE``.

    Args:
        environ: the environment to read (default ``os.environ``).

    Returns:
        The set of keys (blank entries dropped).

    Raises:
        ConfigurationError: no key configured, the key file is missing, or a key is shorter than
            16 characters (the message says which and how to fix it).
    """
    environ = os.environ if environ is None else environ
    keys = [key.strip() for key in environ.get("OPENPROFILE_API_KEYS", "").split(",")]
    key_file = environ.get("OPENPROFILE_API_KEYS_FILE")
    if key_file:
        try:
            keys += [line.strip() for line in Path(key_file).read_text().splitlines()]
        except OSError as error:
            raise ConfigurationError(f"OPENPROFILE_API_KEYS_FILE={key_file}: {error}") from None
    keys = [key for key in keys if key and not key.startswith("#")]
    if not keys:
        raise ConfigurationError(
            "no API key configured: set OPENPROFILE_API_KEYS (comma-separated) or "
            "OPENPROFILE_API_KEYS_FILE (one key per line); e.g. "
            "OPENPROFILE_API_KEYS=$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
        )
    short = [key for key in keys if len(key) < 16]
    if short:
        raise ConfigurationError(f"{len(short)} API key(s) shorter than 16 characters; "
                                 "use long random keys")
    return frozenset(keys)


class PublishedDatabase:
    """Read-only connection to the build ``folder/CURRENT`` names; reopens when it changes.

    Thread-safe: :meth:`cursor` hands each request its own cursor of the current connection.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._connection: duckdb.DuckDBPyConnection | None = None
        self.build: dict[str, Any] = {}
        self.identifier_types: list[str] = []

    def cursor(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor on the current published build, or None when nothing is published.

        When ``CURRENT`` names a file that cannot be opened as a publication, the build already
        open keeps being served (None if there is none).
        """
        path = current_file(self.folder)
        with self._lock:
            if path is not None and path != self._path:
                self._switch(path)
            return self._connection.cursor() if self._connection is not None else None

    def _switch(self, path: Path) -> None:
        try:
            connection = duckdb.connect(str(path), read_only=True)
        except (duckdb.Error, OSError):
            return
        try:
            row = connection.execute("select * from publication.build").fetchone()
            columns = [column[0] for column in connection.description]
            # read once per publication: a scan of the keys is too slow for every request
            types = [found[0] for found in connection.execute(
                "select distinct identifier_type from marts.dim_customer_keys order by 1"
            ).fetchall()]
        except duckdb.Error:
            connection.close()
            return
        old = self._connection
        self._connection, self._path = connection, path
        self.build = dict(zip(columns, row, strict=True))
        self.identifier_types = types
        if old is not None:
            old.close()


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # marts hold naive UTC timestamps
        return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)  # exact: money is never turned into a binary float
    return value


def _rows(cursor: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = cursor.execute(sql, params).fetchall()
    columns = [column[0] for column in cursor.description]
    return [{name: _json_value(value) for name, value in zip(columns, row, strict=True)}
            for row in rows]


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a forged cursor
        return False
    return True


def _encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


def _decode_cursor(token: str, length: int) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, UnicodeDecodeError):
        values = None
    if not isinstance(values, list) or len(values) != length or not all(
        isinstance(value, str) and value.isprintable() and _encodable(value) for value in values
    ):
        raise HTTPException(400, "cursor is not one this API returned")
    return values


def normalized_candidates(identifier: str, identifier_type: str | None,
                          phone_default_country: str | None) -> list[tuple[str, str]]:
    """(identifier_type, identifier_value) pairs an identifier as typed may be stored as.

    The rules of int_identifiers_normalized: NFC, outer white space off, emails lower-cased,
    phones in E.164 (``phone_default_country`` for national numbers).

    Args:
        identifier: the value as the caller sent it.
        identifier_type: restrict to this type, or None for every type.
        phone_default_country: ISO 3166-1 alpha-2 region of the build.

    Returns:
        Candidate pairs; empty when nothing remains after normalisation. Without
        ``identifier_type`` the last pair's type is ``'*'``: any type other than email and
        phone, whose values are kept as typed.
    """
    text = unicodedata.normalize("NFC", identifier).strip()
    if not text:
        return []
    candidates = []
    types = [identifier_type] if identifier_type else None
    if types is None or "email" in types:
        candidates.append(("email", text.lower()))
    if types is None or "phone" in types:
        phone = to_e164(text, phone_default_country)
        if phone:
            candidates.append(("phone", phone))
    for other in types or ["*"]:
        if other not in ("email", "phone"):
            candidates.append((other, text))
    return candidates


def create_app(folder: Path, api_keys: frozenset[str]) -> FastAPI:
    """The FastAPI application serving the builds published in ``folder``.

    Args:
        folder: a publication folder (``published/<database stem>``), see
            :func:`openprofile.publish.publish`.
        api_keys: accepted keys (:func:`load_api_keys`); must not be empty.

    Raises:
        ConfigurationError: ``api_keys`` is empty.
    """
    if not api_keys:
        raise ConfigurationError("no API key configured")
    database = PublishedDatabase(folder)
    app = FastAPI(
        title="OpenProfile lookup API",
        version="1",
        description="Unified customer profiles, known and unknown, of the last published build. "
        f"Send an API key in the `{API_KEY_HEADER}` header (all endpoints but /v1/health).",
    )
    key_header = APIKeyHeader(name=API_KEY_HEADER, auto_error=False)

    known_keys = [known.encode("utf-8") for known in api_keys]

    def require_key(key: Annotated[str | None, Security(key_header)]) -> None:
        # compared as bytes: a non-ASCII header is just a wrong key, never an error
        given = (key or "").encode("utf-8", "surrogateescape")
        if key is None or not any(hmac.compare_digest(given, known) for known in known_keys):
            raise HTTPException(401, "missing or unknown API key",
                                headers={"WWW-Authenticate": API_KEY_HEADER})

    def cursor() -> duckdb.DuckDBPyConnection:
        current = database.cursor()
        if current is None:
            raise HTTPException(503, "no build published yet: run openprofile build")
        return current

    Db = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
    keyed = [Depends(require_key)]

    @app.get("/v1/health", summary="Liveness and readiness, with the served build's timestamps")
    def health() -> JSONResponse:
        current = database.cursor()
        if current is None:
            return JSONResponse({"status": "not ready", "reason": "no build published"}, 503)
        current.close()
        return JSONResponse({"status": "ready",
                             "build": {k: _json_value(v) for k, v in database.build.items()}})

    def profile_body(db: duckdb.DuckDBPyConnection, customer_id: str, include: set[str],
                     activities_limit: int, activities_cursor: str | None) -> dict[str, Any]:
        profiles = _rows(db, "select * from marts.dim_customers where customer_id = ?",
                         [customer_id])
        if not profiles:
            raise HTTPException(404, "no such profile")
        body: dict[str, Any] = {"profile": profiles[0]}
        body["identifiers"] = _rows(
            db,
            "select identifier_type, identifier_value, is_anonymous, is_shared, first_seen_at,"
            " last_seen_at from marts.dim_customer_keys where customer_id = ?"
            " order by identifier_type, identifier_value",
            [customer_id],
        )
        if "segments" in include:
            body["segments"] = _rows(
                db,
                "select segment_name, entered_at, qualified_at from marts.segment_memberships"
                " where customer_id = ? order by segment_name",
                [customer_id],
            )
        if "measures" in include:
            measures = _rows(db, "select * from marts.customer_measures where customer_id = ?",
                             [customer_id])
            body["measures"] = measures[0] if measures else None
        if "activities" in include:
            params: list[Any] = [customer_id]
            after = ""
            if activities_cursor:
                occurred_at, activity_id = _decode_cursor(activities_cursor, 2)
                try:
                    dt.datetime.fromisoformat(occurred_at)
                except ValueError:
                    raise HTTPException(400, "cursor is not one this API returned") from None
                after = " and (occurred_at, activity_id) < (?::timestamp, ?)"
                params += [occurred_at, activity_id]
            rows = _rows(
                db,
                "select activity_id, activity_type, activity_name, source_name, occurred_at,"
                " session_id, order_id, page_url, product_sku, product_name, product_category,"
                " reporting_amount, reporting_currency, cast(occurred_at as varchar) as _sort"
                f" from marts.fct_activities where customer_id = ?{after}"
                " order by occurred_at desc, activity_id desc limit ?",
                [*params, activities_limit + 1],
            )
            page, more = rows[:activities_limit], len(rows) > activities_limit
            body["activities"] = {
                "items": [{k: v for k, v in row.items() if k != "_sort"} for row in page],
                "next_cursor": _encode_cursor([page[-1]["_sort"], page[-1]["activity_id"]])
                if more else None,
            }
        return body

    def parse_include(include: str | None) -> set[str]:
        parts = {part.strip() for part in (include or "").split(",") if part.strip()}
        unknown = sorted(parts - set(INCLUDES))
        if unknown:
            raise HTTPException(422, f"include: unknown {unknown}; choose from {list(INCLUDES)}")
        return parts

    Include = Annotated[str | None, Query(
        max_length=64, description="comma-separated: " + ", ".join(INCLUDES))]
    ActivitiesLimit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
    PageCursor = Annotated[str | None, Query(max_length=512)]

    @app.get("/v1/profiles/lookup", dependencies=keyed,
             summary="The unified profile holding an identifier (cookie, device, email, phone …)")
    def lookup(
        db: Db,
        identifier: Annotated[str, Query(min_length=1, max_length=MAX_IDENTIFIER_LENGTH)],
        identifier_type: Annotated[str | None, Query(max_length=64)] = None,
        include: Include = None,
        activities_limit: ActivitiesLimit = DEFAULT_PAGE_SIZE,
        activities_cursor: PageCursor = None,
    ) -> dict[str, Any]:
        parts = parse_include(include)
        known_types = database.identifier_types
        if identifier_type is not None and identifier_type not in known_types:
            raise HTTPException(422, f"identifier_type: unknown; choose from {known_types}")
        candidates = normalized_candidates(identifier, identifier_type,
                                           database.build.get("phone_default_country"))
        matches: list[dict[str, Any]] = []
        for candidate_type, value in candidates:
            # '*': every type without a normalisation of its own (emails and phones have theirs)
            type_filter = (" and identifier_type not in ('email', 'phone')"
                           if candidate_type == "*" else " and identifier_type = ?")
            params = [value] if candidate_type == "*" else [value, candidate_type]
            matches += _rows(
                db,
                "select customer_id, identifier_type, identifier_value"
                f" from marts.dim_customer_keys where identifier_value = ?{type_filter}",
                params,
            )
        customers = sorted({match["customer_id"] for match in matches})
        if not customers:
            raise HTTPException(404, "no profile holds this identifier")
        if len(customers) > 1:
            raise HTTPException(409, {
                "message": "the value is an identifier of several types in different profiles; "
                           "pass identifier_type",
                "identifier_types": sorted({match["identifier_type"] for match in matches}),
            })
        body = profile_body(db, customers[0], parts, activities_limit, activities_cursor)
        body["matched_identifiers"] = sorted(
            ({"identifier_type": m["identifier_type"], "identifier_value": m["identifier_value"]}
             for m in matches), key=lambda m: (m["identifier_type"], m["identifier_value"]))
        return body

    @app.get("/v1/profiles/{customer_id}", dependencies=keyed,
             summary="A profile by customer id; ids absorbed by a merge resolve to the current one")
    def profile(
        db: Db,
        customer_id: Annotated[str, PathParam(max_length=64)],
        include: Include = None,
        activities_limit: ActivitiesLimit = DEFAULT_PAGE_SIZE,
        activities_cursor: PageCursor = None,
    ) -> dict[str, Any]:
        parts = parse_include(include)
        requested = customer_id
        current = db.execute("select count(*) from marts.dim_customers where customer_id = ?",
                             [customer_id]).fetchone()[0]
        if not current:
            successor = db.execute(
                "select current_customer_id from marts.customer_id_history"
                " where previous_customer_id = ?", [customer_id]).fetchone()
            if successor is None:
                raise HTTPException(404, "no such profile")
            customer_id = successor[0]
        body = profile_body(db, customer_id, parts, activities_limit, activities_cursor)
        body["requested_customer_id"] = requested
        body["merged_into"] = customer_id if customer_id != requested else None
        return body

    @app.get("/v1/segments", dependencies=keyed, summary="Every segment with its size")
    def segments(db: Db) -> dict[str, Any]:
        return {"segments": _rows(
            db,
            "select segment_name, count(memberships.customer_id) as member_count"
            " from (select distinct substr(table_name, 9) as segment_name"
            "       from information_schema.tables where table_schema = 'segments'"
            "       and table_name like 'segment\\_%' escape '\\') as names"
            " left join marts.segment_memberships as memberships using (segment_name)"
            " group by segment_name order by segment_name",
            [],
        )}

    @app.get("/v1/segments/{segment_name}/members", dependencies=keyed,
             summary="Members of one segment, by customer id, paged with a cursor")
    def segment_members(
        db: Db,
        segment_name: Annotated[str, PathParam(max_length=128)],
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
        cursor: PageCursor = None,
    ) -> dict[str, Any]:
        exists = db.execute(
            "select count(*) from information_schema.tables"
            " where table_schema = 'segments' and table_name = 'segment_' || ?",
            [segment_name]).fetchone()[0]
        if not exists:
            raise HTTPException(404, "no such segment")
        params: list[Any] = [segment_name]
        after = ""
        if cursor:
            (last_customer_id,) = _decode_cursor(cursor, 1)
            after = " and customer_id > ?"
            params.append(last_customer_id)
        rows = _rows(
            db,
            "select customer_id, entered_at, qualified_at from marts.segment_memberships"
            f" where segment_name = ?{after} order by customer_id limit ?",
            [*params, limit + 1],
        )
        page = rows[:limit]
        return {
            "segment_name": segment_name,
            "items": page,
            "next_cursor": _encode_cursor([page[-1]["customer_id"]]) if len(rows) > limit else None,
        }

    return app

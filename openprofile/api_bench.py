"""Benchmark of the lookup API: lookups per second and latency percentiles at N clients.

Starts ``openprofile serve`` on a free local port in a child process (uvicorn, one worker, as
documented), then each client thread sends ``GET /v1/profiles/lookup?identifier=…&include=
segments`` back to back over one keep-alive connection for a fixed time. Identifiers are a
deterministic sample of ``marts.dim_customer_keys`` of the published build, plus 10 % unknown
ones (404). A measurement, not a test: the figures go to the README.
"""

import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import duckdb

from openprofile.publish import current_file


@dataclass(frozen=True)
class Result:
    """One benchmark run: ``clients`` threads for ``seconds``; latencies in milliseconds."""

    clients: int
    seconds: float
    requests: int
    errors: int
    p50_ms: float
    p99_ms: float

    @property
    def per_second(self) -> float:
        """Completed lookups per second (all clients together)."""
        return self.requests / self.seconds


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def sample_identifiers(folder: Path, size: int, seed: int) -> list[str]:
    """``size`` identifier values of the published build (about 10 % unknown), deterministic."""
    with duckdb.connect(str(current_file(folder)), read_only=True) as connection:
        values = [row[0] for row in connection.execute(
            "select identifier_value from marts.dim_customer_keys order by identifier_id"
        ).fetchall()]
    rng = random.Random(seed)
    sample = [rng.choice(values) for _ in range(size)]
    return [value if rng.random() >= 0.1 else f"unknown-{rng.getrandbits(48):x}"
            for value in sample]


def _client(port: int, key: str, identifiers: list[str], deadline: float,
            latencies: list[float], errors: list[int]) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    index = 0
    while time.perf_counter() < deadline:
        query = urllib.parse.urlencode({"identifier": identifiers[index % len(identifiers)],
                                        "include": "segments"})
        index += 1
        started = time.perf_counter()
        connection.request("GET", f"/v1/profiles/lookup?{query}", headers={"X-API-Key": key})
        response = connection.getresponse()
        response.read()
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status not in (200, 404):
            errors.append(response.status)
    connection.close()


def run(folder: Path, clients: list[int], seconds: float, seed: int = 7) -> list[Result]:
    """Serve ``folder`` and measure each client count in turn.

    Args:
        folder: a publication folder with a published build.
        clients: numbers of concurrent clients, e.g. ``[1, 16]``.
        seconds: measuring time per client count (after a 1 s warm-up).
        seed: seed of the identifier sample.

    Returns:
        One :class:`Result` per client count.

    Raises:
        RuntimeError: nothing is published in ``folder`` or the server does not become ready.
    """
    if current_file(folder) is None:
        raise RuntimeError(f"nothing published in {folder}: run openprofile build first")
    key = secrets.token_urlsafe(24)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from openprofile.cli import main; sys.exit(main())",
         "serve", "--folder", str(folder),
         "--port", str(port), "--log-level", "warning"],
        env={**os.environ, "OPENPROFILE_API_KEYS": key},
    )
    try:
        _wait_ready(port)
        identifiers = sample_identifiers(folder, 5000, seed)
        results = []
        for count in clients:
            _measure(port, key, identifiers, count, 1.0)  # warm-up
            results.append(_measure(port, key, identifiers, count, seconds))
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_ready(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/v1/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the API did not become ready within 60 s")


def _measure(port: int, key: str, identifiers: list[str], clients: int,
             seconds: float) -> Result:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[int] = []
    deadline = time.perf_counter() + seconds
    threads = [threading.Thread(target=_client, args=(
        port, key, identifiers[i::clients] or identifiers, deadline, latencies[i], errors))
        for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    flat = sorted(latency for per_client in latencies for latency in per_client)
    quantiles = statistics.quantiles(flat, n=100, method="inclusive") if len(flat) > 1 else [0] * 99
    return Result(clients, elapsed, len(flat), len(errors), quantiles[49], quantiles[98])


def markdown(label: str, results: list[Result]) -> str:
    """The results as a Markdown table: data | clients | lookups/s | p50 | p99 | errors."""
    return "\n".join([
        "| data | clients | lookups/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|",
        *(f"| {label} | {r.clients} | {r.per_second:,.0f} | {r.p50_ms:.1f} | {r.p99_ms:.1f} | "
          f"{r.errors} |" for r in results),
    ])

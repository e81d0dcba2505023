"""Measure the app against its raw-SQL floor, side by side.

    DATABASE_URL=postgres://... python bench/run.py --scale 1

Generates data (unless the database has some), starts the app under gunicorn
(2 workers, DEBUG off, bench.settings: the raw twins mounted) on 127.0.0.1, then for each pair
(ORM endpoint or page, raw-SQL twin) alternates short slices of load on one
and the other so the machine's drift hits both alike. Writes
bench/results/latest.json and latest.md and prints EXPLAIN (ANALYZE) of the
filtered placements page.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
HOST = "127.0.0.1"
SUMMARY_YEAR = 2025  # a whole year of the generated placements

SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.backends.db import SessionStore
from django.db.models import Count
from rest_framework.authtoken.models import Token
from internships.models import Placement
admin = User.objects.get(username="bench-admin")
token, _ = Token.objects.get_or_create(user=admin)
session = SessionStore()
session[SESSION_KEY] = str(admin.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
session.set_expiry(24 * 3600)
session.create()
active = Placement.objects.filter(status="active")
top = lambda field: active.values(field).annotate(n=Count("id")).order_by("-n")[0][field]
print(json.dumps({
    "token": token.key,
    "session": session.session_key,
    "enterprise": top("enterprise_id"),
    "major": top("student__major_id"),
    "placements": Placement.objects.count(),
}))
"""

EXPLAIN = """
from django.contrib.auth.models import User
from internships import selectors
admin = User.objects.get(username="bench-admin")
base = selectors.placement_visible_to(admin).order_by("-starts_on", "id")
for label, filters in [
    ("status=active, major={major}", dict(status="active", student__major_id={major})),
    ("status=active, enterprise={enterprise}", dict(status="active", enterprise_id={enterprise})),
]:
    print("-- placements page, " + label)
    print(base.filter(**filters)[:100].explain(analyze=True))
    print("-- its count")
    print(base.filter(**filters).order_by().values("pk").explain(analyze=True))
"""


def manage(*args: str, env: dict, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args, *(["--no-imports"] if args[0] == "shell" else [])],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def get(port: int, path: str, headers: dict) -> tuple[int, float, int]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        size = len(response.read())
        return response.status, time.perf_counter() - started, size
    finally:
        connection.close()


def load(port: int, path: str, headers: dict, seconds: float, concurrency: int) -> list[float]:
    """Requests from ``concurrency`` clients for ``seconds``; their latencies."""
    deadline = time.perf_counter() + seconds
    latencies: list[float] = []
    lock = threading.Lock()

    def client():
        while time.perf_counter() < deadline:
            status, elapsed, _size = get(port, path, headers)
            if status != 200:
                raise RuntimeError(f"{path} answered {status}")
            with lock:
                latencies.append(elapsed)

    with ThreadPoolExecutor(concurrency) as pool:
        for future in [pool.submit(client) for _ in range(concurrency)]:
            future.result()
    return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure_pair(port, orm, raw, *, duration, slice_seconds, concurrency):
    sides = {"orm": orm, "raw": raw}
    samples = {"orm": [], "raw": []}
    busy = {"orm": 0.0, "raw": 0.0}
    for path, headers in sides.values():  # warm up both
        for _ in range(3):
            get(port, path, headers)
    rounds = max(1, int(duration / (2 * slice_seconds)))
    for _ in range(rounds):
        for side in ("orm", "raw"):
            path, headers = sides[side]
            started = time.perf_counter()
            samples[side] += load(port, path, headers, slice_seconds, concurrency)
            busy[side] += time.perf_counter() - started
    out = {}
    for side in ("orm", "raw"):
        values = samples[side]
        out[side] = {
            "path": sides[side][0],
            "requests": len(values),
            "throughput": len(values) / busy[side],
            "p50_ms": percentile(values, 0.50) * 1000,
            "p95_ms": percentile(values, 0.95) * 1000,
            "bytes": get(port, sides[side][0], sides[side][1])[2],
        }
    out["ratios"] = {
        "throughput": out["orm"]["throughput"] / out["raw"]["throughput"],
        "p50": out["orm"]["p50_ms"] / out["raw"]["p50_ms"],
        "p95": out["orm"]["p95_ms"] / out["raw"]["p95_ms"],
    }
    return out


def wait_until_up(port: int, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if get(port, "/health/", {})[0] in (200, 503):
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the app did not start")


def markdown(report: dict) -> str:
    lines = [
        f"Scale {report['scale']} ({report['placements']:,} placements), gunicorn 2 workers, "
        f"{report['concurrency']} concurrent clients, {report['duration']:g} s per pair, "
        "interleaved.",
        "",
        "| Pair | ORM req/s | raw req/s | throughput ORM/raw | p50 ORM/raw | p95 ORM/raw |"
        " ORM p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, pair in report["pairs"].items():
        r = pair["ratios"]
        lines.append(
            f"| {name} | {pair['orm']['throughput']:.1f} | {pair['raw']['throughput']:.1f} "
            f"| {r['throughput']:.2f} | {r['p50']:.2f} | {r['p95']:.2f} "
            f"| {pair['orm']['p95_ms']:.0f} |"
        )
    lines += [
        "",
        "Targets: API lists throughput ratio at least 0.5 and p95 ratio at most 2.5; the "
        "summary within 1.5 times its hand-written SQL (p50 ratio at most 1.5). Browser "
        "pages render HTML (layout, navigation, filter forms) against the same raw JSON "
        "floor, so their ratios show the cost of the whole page.",
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--duration", type=float, default=12, help="seconds per pair")
    parser.add_argument("--slice", type=float, default=1.0, help="seconds per slice")
    parser.add_argument("--concurrency", type=int, default=3)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("DATABASE_URL must point at a PostgreSQL database", file=sys.stderr)
        return 2
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-" + "x" * 40),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "LOG_LEVEL": "WARNING",
    }
    manage("migrate", "-v0", env=env)
    has_data = manage(
        "shell",
        "-c",
        "from partnerships.models import Enterprise; print(Enterprise.objects.exists())",
        env=env,
        capture=True,
    ).split()[-1]
    if has_data != "True":
        started = time.time()
        manage("generate_data", "--scale", str(args.scale), env=env)
        print(f"generated in {time.time() - started:.0f} s")
    manage(
        "shell",
        "-c",
        "from django.db import connection; connection.cursor().execute('ANALYZE')",
        env=env,
    )
    manage("collectstatic", "--noinput", "-v0", env=env)
    ids = json.loads(manage("shell", "-c", SETUP, env=env, capture=True).strip().splitlines()[-1])
    explain = manage(
        "shell",
        "-c",
        EXPLAIN.format(major=ids["major"], enterprise=ids["enterprise"]),
        env=env,
        capture=True,
    )
    print(explain)

    token = {"Authorization": f"Token {ids['token']}", "Accept": "application/json"}
    cookie = {"Cookie": f"sessionid={ids['session']}"}
    major, enterprise = ids["major"], ids["enterprise"]
    placements_major = f"status=active&major={major}&page_size=100"
    placements_enterprise = f"status=active&enterprise={enterprise}&page_size=100"
    pairs = {
        "API agreements (status=active)": (
            ("/api/v1/agreements/?status=active", token),
            ("/bench/agreements/?status=active", token),
        ),
        "API placements (status=active, major, 100)": (
            (f"/api/v1/placements/?{placements_major}", token),
            (f"/bench/placements/?{placements_major}", token),
        ),
        "API placements (status=active, enterprise, 100)": (
            (f"/api/v1/placements/?{placements_enterprise}", token),
            (f"/bench/placements/?{placements_enterprise}", token),
        ),
        "API enterprises (status=active)": (
            ("/api/v1/enterprises/?status=active", token),
            ("/bench/enterprises/?status=active", token),
        ),
        "Page agreements": (
            ("/partnerships/agreements/?status=active", cookie),
            ("/bench/agreements/?status=active&page_size=25", token),
        ),
        "Page placements (status=active, major, 100)": (
            (f"/internships/placements/?{placements_major}", cookie),
            (f"/bench/placements/?{placements_major}", token),
        ),
        "Page enterprises": (
            ("/partnerships/enterprises/?status=active", cookie),
            ("/bench/enterprises/?status=active&page_size=25", token),
        ),
        f"Summary report ({SUMMARY_YEAR})": (
            (f"/api/v1/reports/summary/?year={SUMMARY_YEAR}", token),
            (f"/bench/summary/?year={SUMMARY_YEAR}", token),
        ),
    }

    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{args.port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        start_new_session=True,
    )
    report = {
        "scale": args.scale,
        "placements": ids["placements"],
        "concurrency": args.concurrency,
        "duration": args.duration,
        "pairs": {},
        "explain": explain,
    }
    try:
        wait_until_up(args.port)
        for name, (orm, raw) in pairs.items():
            result = measure_pair(
                args.port,
                orm,
                raw,
                duration=args.duration,
                slice_seconds=args.slice,
                concurrency=args.concurrency,
            )
            report["pairs"][name] = result
            r = result["ratios"]
            print(
                f"{name}: throughput {r['throughput']:.2f}, p50 {r['p50']:.2f}, p95 {r['p95']:.2f}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(markdown(report))
    print(markdown(report))
    seq = "Seq Scan on internships_placement" in explain
    print("sequential scan of placements:", "YES" if seq else "no")
    return 0


if __name__ == "__main__":
    sys.exit(main())

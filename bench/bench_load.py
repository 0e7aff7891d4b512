"""Load benchmark: concurrent users against the production stack and against runserver.

Loopback only, bounded in time. Both servers use the same PostgreSQL database: your own copy of
giamngheo_bench (1,000,000 households), never giamngheo_bench itself (migrated here):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_mine \\
        .venv/bin/python bench/bench_load.py --users 200 --seconds 60

Each simulated user is a thread with its own keep-alive connection that loops for --seconds:
collaborators open their pages and the register, commune officers search and page the register
and open households, province staff open dashboards and statistics; a random 1–5 s pause between
requests (people read pages). Users share one signed-in session per account (a login costs a
deliberate ~0.3 s of password hashing and is not what is measured). Exports are not part of it:
they run on the worker. Printed per server: requests, errors, requests/s, p50/p95/max latency,
and the most PostgreSQL connections seen to the database during the run.
"""

import argparse
import http.client
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
from stack import Stack, free_port  # noqa: E402

PASSWORD = "Giamngheo@2026"  # the demo accounts of the benchmark database
ROLES = {
    "ctv.tumorong": ["/", "/cong-tac-vien/", "/ho-gia-dinh/"],
    "canbo.tumorong": ["/ho-gia-dinh/?q=nguyen+van", "/ho-gia-dinh/?status=POOR",
                       "/ho-gia-dinh/?after={code}", "/ho-gia-dinh/{code}/"],
    "tinh.quangngai": ["/", "/ho-gia-dinh/?status=NEAR_POOR", "/cong-tac-vien/thong-ke/",
                       "/tro-giup/", "/ho-gia-dinh/?q=tran+thi+lan"],
}  # fmt: skip


def sample_codes(database_url: str) -> list[str]:
    """200 household codes of the officer's commune (Tu Mơ Rông, 23425)."""
    with psycopg.connect(database_url) as conn:
        return [r[0] for r in conn.execute(
            "SELECT h.code FROM households_household h JOIN geo_unit u ON u.id = h.commune_id "
            "WHERE u.code = '23425' ORDER BY random() LIMIT 200")]  # fmt: skip


class Client:
    def __init__(self, base: str, context):
        parts = urllib.parse.urlsplit(base)
        self.https = parts.scheme == "https"
        self.host, self.port = parts.hostname, parts.port
        self.context = context
        self.base = base
        self.cookies: dict[str, str] = {}
        self.connection = None

    def _connect(self):
        if self.https:
            return http.client.HTTPSConnection(
                self.host, self.port, context=self.context, timeout=60
            )
        return http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, method, path, body=None, headers=None):
        headers = {
            **(headers or {}),
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        for attempt in (0, 1):
            if self.connection is None:
                self.connection = self._connect()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";")[0]
        return response.status, data, response.getheader("Location")

    def login(self, username):
        self.request("GET", "/tai-khoan/dang-nhap/")
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": self.cookies["csrftoken"],
                                       "username": username, "password": PASSWORD})  # fmt: skip
        status, _, location = self.request(
            "POST", "/tai-khoan/dang-nhap/", body,
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base + "/tai-khoan/dang-nhap/"},
        )  # fmt: skip
        if status != 302:
            raise RuntimeError(f"login of {username} failed: {status}")


def connections(database_url: str, name: str, stop: threading.Event, seen: list):
    with psycopg.connect(database_url, autocommit=True) as conn:
        while not stop.is_set():
            (n,) = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            ).fetchone()
            seen.append(n)
            stop.wait(0.5)


def ensure_accounts(database_url: str) -> None:
    """The benchmark signs in as three demo accounts; a copy without them gets the demo."""
    with psycopg.connect(database_url) as conn:
        found = {r[0] for r in conn.execute(
            "SELECT username FROM accounts_user WHERE username = ANY(%s)", [list(ROLES)])}  # fmt: skip
    if found != set(ROLES):
        print(f"accounts {sorted(set(ROLES) - found)} missing: manage.py demo_data", flush=True)
        env = {**os.environ, "DATABASE_URL": database_url}
        subprocess.run([sys.executable, "manage.py", "demo_data"], cwd=ROOT, env=env, check=True)


class Load:
    """``users`` threads, each a person with a keep-alive connection, for ``seconds``."""

    def __init__(self, base, context, options, codes, database_url):
        self.base, self.context, self.options = base, context, options
        self.codes, self.database_url = codes, database_url
        self.latencies: list[tuple[str, float]] = []
        self.errors: list[tuple[str, object]] = []
        self.lock = threading.Lock()

    def user(self, index, sessions, deadline):
        rng = random.Random(index)
        username = list(ROLES)[index % len(ROLES)]
        client = Client(self.base, self.context)
        client.cookies = dict(sessions[username])
        low, high = self.options.pause
        time.sleep(rng.uniform(0, min(high, 3)))  # users arrive over the first seconds
        while time.monotonic() < deadline:
            template = rng.choice(ROLES[username])
            path = template.format(code=rng.choice(self.codes))
            started = time.perf_counter()
            try:
                status, _, location = client.request("GET", path)
                if status == 302 and location and location.startswith("/"):
                    # e.g. a collaborator's home is their own record: a page, one hop away.
                    status, _, _ = client.request("GET", location)
            except Exception as exc:  # counted, never hidden
                status = repr(exc)
            elapsed = time.perf_counter() - started
            with self.lock:
                self.latencies.append((template, elapsed))
                if status != 200:
                    self.errors.append((path, status))
            time.sleep(rng.uniform(low, high))

    def run(self):
        sessions = {}
        for username in ROLES:
            client = Client(self.base, self.context)
            client.login(username)
            sessions[username] = dict(client.cookies)
        stop, seen = threading.Event(), []
        db_name = urllib.parse.urlsplit(self.database_url).path.lstrip("/")
        watcher = threading.Thread(
            target=connections, args=(self.database_url, db_name, stop, seen)
        )
        watcher.start()
        deadline = time.monotonic() + self.options.seconds
        threads = [threading.Thread(target=self.user, args=(i, sessions, deadline))
                   for i in range(self.options.users)]  # fmt: skip
        started, cpu, load = time.monotonic(), time.process_time(), os.getloadavg()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.wall = time.monotonic() - started
        self.client_cpu = (time.process_time() - cpu) / self.wall
        self.load = (load, os.getloadavg())
        stop.set()
        watcher.join()
        self.max_connections = max(seen or [0])
        return self


def _percentile(ordered, q):
    return ordered[min(int(q * len(ordered)), len(ordered) - 1)] * 1000 if ordered else 0


def report(name, load: Load):
    ordered = sorted(e for _t, e in load.latencies)
    p = lambda q: _percentile(ordered, q)  # noqa: E731
    print(
        f"{name:<34} {len(ordered):>6} req {len(load.errors):>5} err "
        f"{len(ordered) / load.wall:6.1f} req/s p50 {p(0.5):7.0f} ms  p95 {p(0.95):7.0f} ms  "
        f"max {p(1):7.0f} ms  db connections max {load.max_connections}"
    )
    (before, after) = load.load
    print(f"   load average {before[0]:.2f} before, {after[0]:.2f} after (1 min); "
          f"load generator CPU {100 * load.client_cpu:.0f} % of one core")  # fmt: skip
    if load.errors:
        kinds = {}
        for path, status in load.errors:
            key = f"{status} {path.split('?')[0]}"[:80]
            kinds[key] = kinds.get(key, 0) + 1
        print("   errors:", dict(sorted(kinds.items(), key=lambda kv: -kv[1])[:5]))
    if load.options.pages:
        by_page: dict[str, list[float]] = {}
        for template, elapsed in load.latencies:
            by_page.setdefault(template, []).append(elapsed)
        for template, times in sorted(by_page.items()):
            times.sort()
            print(f"   {template:34} {len(times):5} req  p50 {_percentile(times, 0.5):6.0f} ms  "
                  f"p95 {_percentile(times, 0.95):6.0f} ms")  # fmt: skip


def run_stack(options, codes, database_url):
    # gunicorn.conf.py's own rule unless told, not the tests' 2 workers.
    os.environ.setdefault("GUNICORN_WORKERS", str(options.workers or 2 * os.cpu_count() + 1))
    if options.threads:
        os.environ["GUNICORN_THREADS"] = str(options.threads)
    stack = Stack(Path(tempfile.mkdtemp(prefix="giamngheo-load-")), database_url=database_url)
    stack.prepare()
    stack.start(timeout=120)
    try:
        load = Load(stack.url, stack.ssl_context(), options, codes, database_url).run()
        env = stack.env
        kind = f"{env['GUNICORN_WORKERS']}×{env.get('GUNICORN_THREADS', '1')} threads"
        report(f"gunicorn ({kind}) + Caddy", load)
    finally:
        stack.stop()


def run_runserver(options, codes, database_url):
    port = free_port()
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": database_url,
           "SECRET_KEY": secrets.token_urlsafe(40)}  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(120):
            try:
                Client(f"http://127.0.0.1:{port}", None).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.5)
        base = f"http://127.0.0.1:{port}"
        report("runserver (make run)", Load(base, None, options, codes, database_url).run())
    finally:
        server.terminate()
        server.wait(30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--only", choices=["stack", "runserver"])
    parser.add_argument("--pause", type=float, nargs=2, default=(1.0, 5.0), metavar=("MIN", "MAX"),
                        help="seconds a person reads a page before the next (default 1 5)")  # fmt: skip
    parser.add_argument("--workers", type=int, help="gunicorn workers (default 2 × cores + 1)")
    parser.add_argument("--threads", type=int, help="gunicorn threads per worker (gthread)")
    parser.add_argument("--pages", action="store_true", help="p50/p95 of each page too")
    options = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres") or database_url.rstrip("/").endswith(
        "/giamngheo_bench"
    ):
        sys.exit("Set DATABASE_URL to your own PostgreSQL copy of giamngheo_bench.")
    ensure_accounts(database_url)
    codes = sample_codes(database_url)
    low, high = options.pause
    print(f"{options.users} users for {options.seconds} s against each server, "
          f"{low:g}–{high:g} s pauses; REDIS_URL {'set' if os.environ.get('REDIS_URL') else 'unset'}\n")  # fmt: skip
    if options.only in (None, "stack"):
        run_stack(options, codes, database_url)
    if options.only in (None, "runserver"):
        run_runserver(options, codes, database_url)


if __name__ == "__main__":
    main()

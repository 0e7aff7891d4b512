"""Load benchmark: concurrent users against the production stack and against runserver.

Loopback only, bounded in time. Both servers use the same PostgreSQL database: your own copy of
giamngheo_bench (1,000,000 households), never giamngheo_bench itself (migrated here):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/giamngheo_bench_mine [REDIS_URL=redis://…] \\
        .venv/bin/python bench/bench_load.py --users 200 --seconds 60 [--pages]
    … --pause 20 60          # people reading pages as docs/topology.md assumes
    … --workers 3 --threads 4  # gunicorn's gthread workers instead of the configured default

Each simulated user is a thread with its own keep-alive connection that loops for --seconds:
collaborators open their pages and the register and log activities (the form, a pause, the
save: a write), commune officers search (posting the term, as the page does) and page the register
and open households, province staff open dashboards and statistics; a random pause between
requests (people read pages; 1–5 s unless --pause). Users share one signed-in session per
account (a login costs a deliberate ~0.3 s of password hashing and is not what is measured);
the three demo accounts are created (manage.py demo_data) if the copy lacks them. Exports are
not part of it: they run on the worker. The first --warmup seconds (10) of the same load are
not measured: a server that has just started opens its connections and fills its caches then.
Printed per server: requests, errors, requests/s, p50/p95/max latency (per page with --pages), the most PostgreSQL connections seen, the load
average, and the CPU seconds used by each part (web server, Caddy, worker, the database's
backends, this load generator) in total and per request: what capacity the machine has.
The load generator is threads over http.client: its own CPU is printed (a few per cent of a
core), so it does not distort the figures.
"""

import argparse
import datetime
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
# Writes: a collaborator logs an activity (the form, then the save), as often as any page.
ACTIVITY = "write: log an activity"
WRITES = {"ctv.tumorong": [ACTIVITY]}


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


TICK = os.sysconf("SC_CLK_TCK")


def _proc_stats() -> dict[int, tuple[int, float]]:
    """pid → (session id, CPU seconds so far) of every process on the machine."""
    stats = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry.name)] = (int(fields[3]), (int(fields[11]) + int(fields[12])) / TICK)
    return stats


class Watcher(threading.Thread):
    """Every 0.5 s: the PostgreSQL connections to the database, and the CPU used by the
    server's processes (by session id) and by the database's backends since the start."""

    def __init__(self, database_url: str, sessions: dict[str, set[int]]):
        super().__init__()
        self.database_url, self.sessions = database_url, sessions
        self.name_ = urllib.parse.urlsplit(database_url).path.lstrip("/")
        self.stop, self.seen = threading.Event(), []
        self.start_cpu = {pid: cpu for pid, (_s, cpu) in _proc_stats().items()}
        self.last_cpu: dict[str, dict[int, float]] = {k: {} for k in [*sessions, "postgres"]}

    def sample(self, conn):
        pids = {r[0] for r in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [self.name_])}  # fmt: skip
        self.seen.append(len(pids))
        for pid, (session, cpu) in _proc_stats().items():
            used = cpu - self.start_cpu.get(pid, 0.0)
            for group, ids in self.sessions.items():
                if session in ids or pid in ids:
                    self.last_cpu[group][pid] = used
            if pid in pids:
                self.last_cpu["postgres"][pid] = used

    def run(self):
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self.stop.is_set():
                self.sample(conn)
                self.stop.wait(0.5)
            self.sample(conn)

    def cpu(self) -> dict[str, float]:
        return {group: sum(used.values()) for group, used in self.last_cpu.items()}


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
        self.measure_from = 0.0

    def user(self, index, sessions, deadline):
        rng = random.Random(index)
        username = list(ROLES)[index % len(ROLES)]
        client = Client(self.base, self.context)
        client.cookies = dict(sessions[username])
        low, high = self.options.pause
        # Users arrive over one mean pause (0–3 s for the default 1–5 s), not all at once.
        time.sleep(rng.uniform(0, (low + high) / 2))
        choices = ROLES[username] + WRITES.get(username, [])
        while time.monotonic() < deadline:
            template = rng.choice(choices)
            if template == ACTIVITY:
                self.log_activity(client, rng)
            elif "?q=" in template:
                self.search(client, template)
            else:
                self.page(client, template, template.format(code=rng.choice(self.codes)))
            time.sleep(rng.uniform(low, high))

    def page(self, client, name, path, method="GET", body=None, headers=None):
        """One page as a person sees it: the request, and the redirect it answers with."""
        started = time.perf_counter()
        try:
            status, data, location = client.request(method, path, body, headers)
            if status == 302 and location and location.startswith("/"):
                # e.g. a collaborator's home is their own record: a page, one hop away.
                path = location
                status, data, _ = client.request("GET", location)
        except Exception as exc:  # counted, never hidden
            status, data = repr(exc), b""
        elapsed = time.perf_counter() - started
        if time.monotonic() - elapsed >= self.measure_from:  # not during the warm-up
            with self.lock:
                self.latencies.append((name, elapsed))
                if status != 200:
                    self.errors.append((path, status))
        return status, data, path

    def search(self, client, template):
        """A search as the page does it: the term is posted (never put in a URL), the answer
        is a redirect to the list, which reads it from the session (core.search)."""
        path, _, query = template.partition("?")
        term = urllib.parse.parse_qs(query)["q"][0]
        body = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": client.cookies.get("csrftoken", ""), "q": term}
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Referer": self.base + path, "Origin": self.base}  # fmt: skip
        self.page(client, template, path, "POST", body, headers)

    def log_activity(self, client, rng):
        """Open the activity form, read it for a few seconds, save a visit (duty 1)."""
        status, _, form_path = self.page(
            client, "write: activity form", "/cong-tac-vien/ghi-hoat-dong/"
        )
        if status != 200:
            return
        time.sleep(rng.uniform(*self.options.pause))
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": client.cookies.get("csrftoken", ""),
            "done_on": datetime.date.today().isoformat(), "duty": "1",
            "description": f"Thăm hộ, hỏi nhu cầu trợ giúp (benchmark {rng.random():.6f})",
        })  # fmt: skip
        headers = {"Content-Type": "application/x-www-form-urlencoded",
                   "Referer": self.base + form_path, "Origin": self.base}  # fmt: skip
        status, data, landed = self.page(client, ACTIVITY, form_path, "POST", body, headers)
        if status == 200 and landed == form_path:  # the form again: refused
            with self.lock:
                self.errors.append((form_path, "activity refused"))

    def run(self, server_sessions: dict[str, set[int]]):
        sessions = {}
        for username in ROLES:
            client = Client(self.base, self.context)
            client.login(username)
            sessions[username] = dict(client.cookies)
        warmup = self.options.warmup
        self.measure_from = time.monotonic() + warmup
        deadline = self.measure_from + self.options.seconds
        threads = [threading.Thread(target=self.user, args=(i, sessions, deadline))
                   for i in range(self.options.users)]  # fmt: skip
        for t in threads:
            t.start()
        # The same load, not measured, until the servers' connections and caches are warm.
        time.sleep(max(0.0, self.measure_from - time.monotonic()))
        watcher = Watcher(self.database_url, server_sessions)
        watcher.start()
        started, cpu, load = time.monotonic(), time.process_time(), os.getloadavg()
        for t in threads:
            t.join()
        self.wall = time.monotonic() - started
        self.cpu = {**watcher.cpu(), "load generator": time.process_time() - cpu}
        self.load = (load, os.getloadavg())
        watcher.stop.set()
        watcher.join()
        self.cpu = {**watcher.cpu(), "load generator": self.cpu["load generator"]}
        self.max_connections = max(watcher.seen or [0])
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
    print(f"   load average {before[0]:.2f} before, {after[0]:.2f} after (1 min)")
    n = max(len(ordered), 1)
    print("   CPU: " + ", ".join(
        f"{group} {seconds:.0f} s ({100 * seconds / load.wall:.0f} % of a core, "
        f"{1000 * seconds / n:.1f} ms/request)" for group, seconds in load.cpu.items()))  # fmt: skip
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
    os.environ["GUNICORN_WORKERS"] = str(options.workers or os.cpu_count() + 1)
    if options.threads:
        os.environ["GUNICORN_THREADS"] = str(options.threads)
    stack = Stack(Path(tempfile.mkdtemp(prefix="giamngheo-load-")), database_url=database_url)
    stack.prepare()
    stack.start(timeout=120)
    try:
        sessions = {name: {stack.processes[name].pid} for name in ("gunicorn", "caddy", "worker")}
        load = Load(stack.url, stack.ssl_context(), options, codes, database_url).run(sessions)
        env = stack.env
        kind = f"{env['GUNICORN_WORKERS']}×{env.get('GUNICORN_THREADS', '4')} threads"
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
        load = Load(base, None, options, codes, database_url).run({"runserver": {server.pid}})
        report("runserver (make run)", load)
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
    parser.add_argument("--workers", type=int, help="gunicorn workers (default cores + 1)")
    parser.add_argument(
        "--threads", type=int, help="gunicorn threads per worker (default 4; 1: sync workers)"
    )
    parser.add_argument("--pages", action="store_true", help="p50/p95 of each page too")
    parser.add_argument("--warmup", type=float, default=10.0,
                        help="seconds of the same load before measuring (default 10; 0: none)")  # fmt: skip
    options = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres") or database_url.rstrip("/").endswith(
        "/giamngheo_bench"
    ):
        sys.exit("Set DATABASE_URL to your own PostgreSQL copy of giamngheo_bench.")
    ensure_accounts(database_url)
    codes = sample_codes(database_url)
    low, high = options.pause
    print(f"{options.users} users for {options.seconds} s (after {options.warmup:g} s of warm-up) against each server, "
          f"{low:g}–{high:g} s pauses; REDIS_URL {'set' if os.environ.get('REDIS_URL') else 'unset'}\n")  # fmt: skip
    if options.only in (None, "stack"):
        run_stack(options, codes, database_url)
    if options.only in (None, "runserver"):
        run_runserver(options, codes, database_url)


if __name__ == "__main__":
    main()

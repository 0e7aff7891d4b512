#!/usr/bin/env python3
"""Start the production stack on loopback from the project's own files, check it, stop it.

gunicorn (deploy/gunicorn.conf.py) + the background worker + Caddy (deploy/Caddyfile) with its
internal certificate authority, all as child processes of this script, with the same settings
the systemd units use. ``make production-smoke`` runs it; the test suite drives the same
``Stack`` class. It is a smoke test, not a supervisor: in production systemd runs the three.

    python deploy/stack.py                 # start, check /healthz and the login page, stop
    python deploy/stack.py --serve         # keep running until Ctrl+C

State (SQLite database unless DATABASE_URL is set, static files, media, Caddy's CA) goes into
a fresh temporary folder, or --state DIR.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_caddy() -> str | None:
    return shutil.which("caddy") or ("/usr/bin/caddy" if Path("/usr/bin/caddy").exists() else None)


class Stack:
    """The three processes on loopback. ``url`` is https://localhost:<port>."""

    def __init__(self, state: Path, python: str = sys.executable, database_url: str = ""):
        self.state = Path(state)
        self.python = python
        self.gunicorn_port = free_port()
        self.https_port = free_port()
        self.http_port = free_port()
        self.url = f"https://localhost:{self.https_port}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "giamngheo.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "localhost,127.0.0.1",
            "TRUSTED_PROXY": "1",
            "DATABASE_URL": database_url or f"sqlite:///{self.state / 'db.sqlite3'}",
            "STATIC_ROOT": str(self.state / "static"),
            "MEDIA_ROOT": str(self.state / "media"),
            "BACKUP_DIR": str(self.state / "backups"),
            "LOG_FORMAT": "json",
            "LOG_LEVEL": "INFO",
            "TASKS_WORKER_HEARTBEAT_SECONDS": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.gunicorn_port}",
            "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
            "SITE_ADDRESS": self.url,
            "CADDY_TLS": "internal",
            "CADDY_ADMIN": "off",
            "CADDY_HTTP_PORT": str(self.http_port),
            "CADDY_HTTPS_PORT": str(self.https_port),
            "UPSTREAM": f"127.0.0.1:{self.gunicorn_port}",
            # Caddy keeps its CA and certificates here instead of the user's home.
            "XDG_DATA_HOME": str(self.state / "caddy-data"),
            "XDG_CONFIG_HOME": str(self.state / "caddy-config"),
        }
        self.env.pop("PYTHONPATH", None)

    @property
    def ca_file(self) -> Path:
        return self.state / "caddy-data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"

    def manage(self, *args: str, **env: str) -> None:
        subprocess.run(
            [self.python, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **env},
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def prepare(self, admin_password: str | None = None, demo: bool = False) -> None:
        """migrate, collectstatic, an ``admin`` superuser and the demo province if asked."""
        self.state.mkdir(parents=True, exist_ok=True)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        if demo:
            self.manage("demo_data")
        if admin_password:
            self.manage(
                "createsuperuser",
                "--noinput",
                "--username=admin",
                "--email=admin@example.vn",
                DJANGO_SUPERUSER_PASSWORD=admin_password,
            )

    def _start(self, name: str, args: list[str]) -> None:
        log = open(self.state / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        self.processes[name] = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    def start(self, timeout: float = 60) -> None:
        caddy = find_caddy()
        if caddy is None:
            raise RuntimeError("caddy is not installed (Debian package `caddy`)")
        self.start_web()
        self.start_worker()
        self._start(
            "caddy",
            [caddy, "run", "--config", str(DEPLOY / "Caddyfile"), "--adapter", "caddyfile"],
        )
        self.wait_until_up(timeout)

    def start_web(self) -> None:
        gunicorn = str(Path(self.python).with_name("gunicorn"))
        self._start(
            "gunicorn", [gunicorn, "-c", str(DEPLOY / "gunicorn.conf.py"), "giamngheo.wsgi"]
        )

    def start_worker(self) -> None:
        self._start("worker", [self.python, "manage.py", "db_worker", "--no-startup-delay"])

    def ssl_context(self) -> ssl.SSLContext:
        """Trusts only the stack's own internal CA: a real certificate check, no shortcuts."""
        return ssl.create_default_context(cafile=str(self.ca_file))

    def wait_until_up(self, timeout: float, worker: bool = True) -> None:
        """Until /healthz answers 200 through Caddy (any answer when ``worker`` is False)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited:\n{self.log(name)[-3000:]}")
            if self.ca_file.exists():
                try:
                    with urllib.request.urlopen(
                        self.url + "/healthz", context=self.ssl_context(), timeout=20
                    ) as response:
                        if response.status == 200:
                            return
                except urllib.error.HTTPError as exc:  # 503 until the worker's first beat
                    if not worker and exc.code == 503:
                        return
                    last = exc
                except OSError as exc:  # not listening yet, TLS not ready, slow first answer
                    last = exc
            time.sleep(0.5)
        raise RuntimeError(f"the stack did not come up in {timeout:.0f} s: {last}")

    def log(self, name: str) -> str:
        path = self.state / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_process(self, name: str, timeout: float = 30) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def restart_web(self) -> None:
        """Stop gunicorn and start it again (a deploy, or a crash and systemd's restart)."""
        self.stop_process("gunicorn")
        self.start_web()
        self.wait_until_up(60, worker="worker" in self.processes)

    def stop(self) -> None:
        for name in ("caddy", "gunicorn", "worker"):
            self.stop_process(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--state", type=Path, help="folder for the database, files and CA")
    parser.add_argument("--serve", action="store_true", help="keep running until Ctrl+C")
    options = parser.parse_args()
    state = options.state or Path(tempfile.mkdtemp(prefix="giamngheo-stack-"))
    password = secrets.token_urlsafe(12)
    stack = Stack(state, database_url=os.environ.get("DATABASE_URL", ""))
    print(f"preparing {state} (migrate, collectstatic, admin user)…", flush=True)
    stack.prepare(admin_password=password)
    try:
        stack.start()
        with urllib.request.urlopen(stack.url + "/healthz", context=stack.ssl_context()) as r:
            print("healthz:", r.status, r.read().decode())
        with urllib.request.urlopen(
            stack.url + "/tai-khoan/dang-nhap/", context=stack.ssl_context()
        ) as r:
            print("login page:", r.status)
        print(f"up at {stack.url}  (admin / {password}; CA certificate {stack.ca_file})")
        if options.serve:
            print("Ctrl+C stops it.")
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
    finally:
        stack.stop()
        print("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())

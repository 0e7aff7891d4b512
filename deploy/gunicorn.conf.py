"""gunicorn settings for giamngheo (read by ``gunicorn -c deploy/gunicorn.conf.py``).

Why gunicorn (not granian): it is pure Python, packaged by Debian and known by every
hosting guide. Caddy in front absorbs slow clients and serves static files.

Worker class: gthread, cores + 1 processes × 4 threads. Measured with bench/bench_load.py (200
users on the 1,000,000-household database, 2 cores): 21.6 ms of web-server CPU per request
against 25.8 ms with 5 sync workers, because threads keep Caddy's connections alive (a sync
worker closes each one) and a thread waiting for PostgreSQL lets another run. Each thread
holds at most one PostgreSQL connection, so a machine uses at most workers × threads of them,
however many people visit (runserver opened one per keep-alive thread).
Everything is overridable from the environment file (GUNICORN_*); GUNICORN_THREADS=1 gives
sync workers.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# The application is loaded once in the master and the workers are forked from it, warm
# (giamngheo.core.warmup: templates compiled, URL tables, catalogues). A code change then needs
# a restart of the service (systemctl restart giamngheo-web), not just a HUP.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# Pages answer in well under a second; long work (imports, exports) runs on the worker,
# so a request that takes 60 s is a bug and is cut off.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Idle connections from Caddy stay open longer than Caddy keeps them (its transport's
# keepalive 60s), so Caddy never sends a request on a connection gunicorn is closing.
keepalive = 75
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
# Caddy on the same machine is the only client; it sets X-Forwarded-Proto/For.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips
# Access lines are written by the application's JSON request log (with the request id).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
capture_output = True
proc_name = "giamngheo-web"


def when_ready(server):
    """With ``preload_app`` the application is loaded here: warm it before the first fork."""
    if preload_app:
        from giamngheo.core.warmup import warm

        server.log.info("warmed up before forking: %s", warm())

"""gunicorn settings for giamngheo (read by ``gunicorn -c deploy/gunicorn.conf.py``).

Why gunicorn (not granian): it is pure Python, packaged by Debian and known by every
hosting guide; its sync workers hold exactly one PostgreSQL connection each, so the number
of connections is ``workers`` per machine and never grows with the number of visitors
(runserver opened one per keep-alive thread). Caddy in front absorbs slow clients and
serves static files, which is the setup gunicorn's sync workers are designed for.
Everything is overridable from the environment file (GUNICORN_*).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# 2 × cores + 1 is gunicorn's rule of thumb; each worker is one database connection.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
# Pages answer in well under a second; long work (imports, exports) runs on the worker,
# so a request that takes 60 s is a bug and is cut off.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
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

"""With REDIS_URL the cache and the sessions are in Redis, for real: what one client or
process writes, a second one reads, and the keys are in the Redis server.

Uses Redis at 127.0.0.1:6379 (database 15, keys under a prefix of its own, removed after).
Without Redis the tests are skipped on a developer's machine; under CI (CI set) they fail.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client, override_settings

from .settings_env import settings_with

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def in_redis(tmp_path):
    server = redis.Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL} ({exc}): CI must run these tests")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    env = {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": f"test-{secrets.token_hex(6)}"}
    loaded = settings_with(**env)
    try:
        with override_settings(CACHES=loaded["CACHES"], SESSION_ENGINE=loaded["SESSION_ENGINE"]):
            yield SimpleNamespace(server=server, loaded=loaded, env=env, tmp_path=tmp_path)
    finally:
        for key in server.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            server.delete(key)
        server.close()


def _other_process(in_redis, code: str) -> str:
    """``code`` run by a second Python process with the same settings (its own database: a
    file that does not exist, so whatever it reads comes from Redis)."""
    env = {
        **os.environ,
        **in_redis.env,
        "DJANGO_SETTINGS_MODULE": "giamngheo.settings",
        "DATABASE_URL": f"sqlite:///{in_redis.tmp_path / 'absent.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_with_redis_url_the_cache_is_redis_shared_between_processes(in_redis):
    assert in_redis.loaded["CACHES"]["default"]["BACKEND"].endswith("RedisCache")
    token = secrets.token_hex(8)
    cache.set("probe", token, 60)
    assert in_redis.server.exists(f"{in_redis.env['CACHE_KEY_PREFIX']}:1:probe")
    printed = _other_process(
        in_redis,
        "from django.core.cache import cache\n"
        "print(cache.get('probe'))\n"
        "cache.set('answer', cache.get('probe')[::-1], 60)",
    )
    assert printed == token
    assert cache.get("answer") == token[::-1]


def test_a_session_signed_in_on_one_client_is_read_from_redis_by_another(demo, in_redis):
    assert in_redis.loaded["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    first = Client()
    first.force_login(demo.users["canbo.tumorong"])
    key = first.cookies["sessionid"].value
    assert any(in_redis.server.scan_iter(f"{in_redis.env['CACHE_KEY_PREFIX']}:*{key}"))

    # The database row goes: a second client is still signed in, from Redis alone.
    Session.objects.filter(session_key=key).delete()
    second = Client()
    second.cookies["sessionid"] = key
    page = second.get("/")
    assert page.status_code == 200
    assert page.context["user"].username == "canbo.tumorong"
    printed = _other_process(
        in_redis,
        "from django.contrib.sessions.backends.cached_db import SessionStore\n"
        f"print(SessionStore({key!r}).get('_auth_user_id'))",
    )
    assert printed == str(demo.users["canbo.tumorong"].pk)

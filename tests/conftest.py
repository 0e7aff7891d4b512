"""Shared fixtures: the demo province on a real database, and signed-in clients."""

from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.test import override_settings

from giamngheo.accounts.models import User
from giamngheo.geo.models import Unit
from giamngheo.site.demo import DEMO_PASSWORD, build_demo

TEST_SETTINGS = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    # Plain HTTP and uncollected static files, as on a developer's machine.
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "WHITENOISE_USE_FINDERS": True,
    "WHITENOISE_AUTOREFRESH": True,
    # A per-process cache emptied before each test (the database cache table would outlive
    # the browser tests' flushes); tests/core/test_redis_and_s3.py and the dashboard cache
    # tests use Redis and the database cache for real.
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings():
    """Applied for the whole session, so the live server's middleware is built with them."""
    with override_settings(**TEST_SETTINGS):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: figures cached by one never reach another."""
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the units and demo province once; each test then runs in a rolled-back transaction."""
    with django_db_blocker.unblock():
        build_demo()


@pytest.fixture
def demo(db):
    """The demo province. Rebuilt if a browser test (which flushes tables) removed it."""
    build_demo()
    units = {
        u.code: u for u in Unit.objects.filter(code__in=["51", "23425", "23473", "23293", "21025"])
    }
    users = {u.username: u for u in User.objects.all()}
    return SimpleNamespace(
        province=units["51"],
        commune_a=units["23425"],  # Xã Tu Mơ Rông (rural)
        commune_b=units["23293"],  # Phường Kon Tum (urban)
        users=users,
        password=DEMO_PASSWORD,
    )


@pytest.fixture
def login(client):
    """Sign a demo user in on the test client: ``login(demo.users["canbo.tumorong"])``."""

    def _login(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return _login

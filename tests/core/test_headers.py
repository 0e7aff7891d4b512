"""Security headers: a Content-Security-Policy without inline code, and X-Forwarded-Proto
trusted only when the operator says a proxy sets it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_pages_carry_a_csp_without_unsafe_inline(demo, login, client):
    for response in (
        client.get(reverse("accounts:login")),
        login(demo.users["canbo.tumorong"]).get(reverse("households:household_list")),
    ):
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_inline_script_or_style():
    offenders = []
    for template in (ROOT / "giamngheo").rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for marker in ("<script>", "<style", " style=", " onclick=", " onchange=", " onsubmit="):
            if marker in text:
                offenders.append(f"{template.relative_to(ROOT)}: {marker.strip()}")
    assert not offenders


def test_signed_in_pages_are_not_stored(demo, login):
    response = login(demo.users["ctv.tumorong"]).get(reverse("site:home"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def _proxy_header(**env):
    environment = {k: v for k, v in os.environ.items() if k != "USE_X_FORWARDED_PROTO"}
    environment.update(env, DJANGO_SETTINGS_MODULE="giamngheo.settings")
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECURE_PROXY_SSL_HEADER)"],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "None"),
        ({"USE_X_FORWARDED_PROTO": "0"}, "None"),
        ({"USE_X_FORWARDED_PROTO": "1"}, "('HTTP_X_FORWARDED_PROTO', 'https')"),
    ],
)
def test_forwarded_proto_is_trusted_only_when_configured(env, expected):
    assert _proxy_header(**env) == expected


def test_a_forged_forwarded_proto_does_not_make_a_request_secure(rf, settings):
    request = rf.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert settings.SECURE_PROXY_SSL_HEADER is None
    assert not request.is_secure()

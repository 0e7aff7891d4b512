"""The production stack from deploy/ (gunicorn + worker + Caddy with its internal CA) on loopback."""

import io
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from openpyxl import load_workbook

from giamngheo.site.demo import DEMO_PASSWORD

from .stackclient import Browser, NoRedirect, load_stack_module


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    module = load_stack_module()
    stack = module.Stack(tmp_path_factory.mktemp("stack"))
    stack.password = DEMO_PASSWORD  # the demo's admin account
    stack.prepare(demo=True)
    stack.start()
    yield stack
    stack.stop()


def test_an_officer_logs_in_over_https_and_loads_pages(stack):
    browser = Browser(stack)
    home = browser.login("admin", stack.password)
    assert "Đăng xuất" in home
    for path in ("/ho-gia-dinh/", "/don-vi/", "/tai-khoan/"):
        with browser.get(path) as page:
            assert page.status == 200, path
            assert page.headers["Strict-Transport-Security"].startswith("max-age=")
            assert page.headers["X-Request-ID"]


def test_caddy_serves_the_hashed_static_files_itself(stack):
    with Browser(stack).get("/tai-khoan/dang-nhap/") as page:
        html = page.read().decode()
    css = next(part.split('"')[0] for part in html.split('href="/static/')[1:])
    assert "." in css
    with Browser(stack).get("/static/" + css) as response:
        assert response.status == 200
        assert response.headers["Server"] == "Caddy"
        assert "immutable" in response.headers["Cache-Control"]


def test_healthz_reports_database_migrations_and_worker(stack):
    with Browser(stack).get("/healthz") as response:
        body = json.loads(response.read())
    assert body == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }


def test_a_wrong_password_is_refused(stack):
    browser = Browser(stack)
    with browser.get("/tai-khoan/dang-nhap/"):
        pass
    with browser.post(
        "/tai-khoan/dang-nhap/", {"username": "admin", "password": "sai-mat-khau-1"}
    ) as page:
        assert page.url.endswith("/tai-khoan/dang-nhap/")
    with browser.get("/ho-gia-dinh/") as page:
        assert "/tai-khoan/dang-nhap/" in page.url


def test_plain_http_is_redirected_to_https(stack):
    opener = urllib.request.build_opener(NoRedirect())
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(f"http://localhost:{stack.http_port}/ho-gia-dinh/", timeout=10)
    assert redirect.value.code in (301, 308)
    assert redirect.value.headers["Location"].startswith("https://")


def test_an_export_job_survives_the_web_process_restarting(stack):
    """The job lives in the database queue: a web restart between asking and downloading
    loses nothing, and the officer's session (in the database) carries on."""
    stack.stop_process("worker")
    browser = Browser(stack)
    browser.login("canbo.tumorong", DEMO_PASSWORD)
    with browser.get("/ho-gia-dinh/?status=POOR"):
        pass
    with browser.post("/ho-gia-dinh/xuat.xlsx?status=POOR", {}, "/ho-gia-dinh/") as page:
        job_path = urllib.parse.urlparse(page.url).path
        assert re.fullmatch(r"/xuat/[0-9a-f-]{36}/", job_path), page.url
        assert 'http-equiv="refresh"' in page.read().decode()

    stack.restart_web()
    stack.start_worker()

    deadline = time.monotonic() + 60
    while True:
        with browser.get(job_path) as page:
            html = page.read().decode()
        if "export-download" in html or time.monotonic() > deadline:
            break
        time.sleep(1)
    assert "export-download" in html, html
    with browser.get(job_path + "tai-ve/") as download:
        workbook = load_workbook(io.BytesIO(download.read()), read_only=True)
    rows = list(workbook.active.iter_rows(min_row=2, values_only=True))
    assert rows and all(r[0].startswith("23425-") and r[4] == "Hộ nghèo" for r in rows)


def test_gunicorn_workers_are_forked_warm(stack):
    """The master compiled every template before forking (core.warmup, preload_app)."""
    log = stack.log("gunicorn")
    found = re.search(r"warmed up before forking: \{'templates': (\d+)\}", log)
    assert found, log[-2000:]
    assert int(found.group(1)) > 100
    assert log.index("warmed up before forking") < log.index("Booting worker")

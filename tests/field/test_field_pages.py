"""The field app's shell, manifest and service worker, and the wipe at logout."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_shell_renders_the_pages_forms_for_a_collaborator(demo, login):
    response = login(demo.users["ctv.tumorong"]).get("/thuc-dia/")
    assert response.status_code == 200
    html = response.content.decode()
    for form in ("activity", "request", "shock", "household", "survey"):
        assert f'data-form="{form}"' in html
    assert 'name="need"' in html and 'name="statement"' in html and 'type="file"' in html
    assert "Thực địa" in html


def test_the_shell_needs_a_login(client, demo):
    assert client.get("/thuc-dia/").status_code == 302


def test_manifest_and_service_worker_are_served_from_the_root(client, demo):
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    body = manifest.json()
    assert body["start_url"] == "/thuc-dia/" and body["display"] == "standalone"
    assert {icon["sizes"] for icon in body["icons"]} == {"192x192", "512x512"}
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert worker["Service-Worker-Allowed"] == "/"
    assert b'"/thuc-dia/"' in worker.content and b"field/app.js" in worker.content


def test_status_says_who_is_signed_in_or_401(client, demo, login):
    assert client.get("/thuc-dia/trang-thai/").status_code == 401
    signed_in = login(demo.users["ctv.tumorong"]).get("/thuc-dia/trang-thai/")
    assert signed_in.json()["user"] == "ctv.tumorong"


def test_logout_tells_the_browser_to_clear_the_sites_storage(demo, login):
    response = login(demo.users["ctv.tumorong"]).post("/tai-khoan/dang-xuat/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'

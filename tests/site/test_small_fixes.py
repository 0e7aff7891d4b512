"""The favicon is served, an administrator reaches the administration from the menu, a
commune's breadcrumb links its province only for those who may open it; refusal pages."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from giamngheo.core.refusals import kept_values, server_error

pytestmark = pytest.mark.django_db


def test_the_favicon_is_an_icon_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_only_an_administrator_has_the_administration_in_the_menu(demo, login, client):
    page = login(demo.users["canbo.tumorong"]).get("/").content.decode()
    assert 'id="admin-link"' not in page
    page = login(demo.users["admin"]).get("/").content.decode()
    assert 'href="/quan-tri/" id="admin-link"' in page


def test_the_commune_breadcrumb_links_the_province_only_when_it_can_be_opened(demo, login):
    url = reverse("geo:unit_detail", args=["21025"])
    province = reverse("geo:unit_detail", args=["51"])
    officer = login(demo.users["canbo.camthanh"])
    page = officer.get(url).content.decode()
    assert f'href="{province}"' not in page and "Quảng Ngãi" in page
    assert officer.get(province).status_code == 404
    staff = login(demo.users["tinh.quangngai"])
    assert f'href="{province}"' in staff.get(url).content.decode()
    assert staff.get(province).status_code == 200


def test_refusal_pages_are_vietnamese_and_offer_the_way_back(demo, login):
    client = login(demo.users["ctv.camthanh"])
    refused = client.post(
        reverse("clubs:plan_set"), {"year": "2026", "planned": "3"}, HTTP_REFERER="/cau-lac-bo/"
    )
    body = refused.content.decode()
    assert refused.status_code == 403
    assert "Bạn không được làm việc này" in body and 'href="/cau-lac-bo/"' in body
    assert 'id="kept-values"' in body and "<dd>3</dd>" in body
    missing = client.get("/khong-co/")
    assert missing.status_code == 404 and "Không tìm thấy trang" in missing.content.decode()


def test_secrets_are_never_shown_back_and_the_500_page_stands_alone():
    request = RequestFactory().post(
        "/", {"password": "bí mật", "csrfmiddlewaretoken": "x", "name": "Lan", "empty": ""}
    )
    assert kept_values(request) == [("name", "Lan")]
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Có lỗi xảy ra" in response.content.decode()

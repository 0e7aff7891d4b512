import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_login_page_is_in_vietnamese(client, demo):
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng nhập" in body and "Tên đăng nhập" in body and "Mật khẩu" in body


def test_demo_officer_logs_in_with_the_documented_password(client, demo):
    response = client.post(
        reverse("accounts:login"), {"username": "canbo.tumorong", "password": demo.password}
    )
    assert response.status_code == 302
    home = client.get(reverse("site:home")).content.decode()
    assert "Cán bộ xã" in home or "Công chức" in home
    assert "Xã Tu Mơ Rông" in home


def test_wrong_password_shows_a_vietnamese_error(client, demo):
    response = client.post(
        reverse("accounts:login"), {"username": "canbo.tumorong", "password": "sai"}
    )
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "ctv.tumorong", "password": "sai-mat-khau"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "ctv.tumorong", "password": demo.password}
    )
    assert response.status_code == 429
    assert "tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client, demo, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            reverse("accounts:login"), {"username": "ctv.tumorong", "password": "sai-mat-khau"}
        )
    response = client.post(
        reverse("accounts:login"), {"username": "ctv.kontum", "password": demo.password}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("password", ["ngan", "12345678901234", "password123"])
def test_weak_passwords_are_refused(password, settings):
    settings.LANGUAGE_CODE = "vi"
    with pytest.raises(ValidationError):
        validate_password(password)


def test_logout_needs_a_post_and_ends_the_session(client, demo):
    client.force_login(
        demo.users["canbo.tumorong"], backend="django.contrib.auth.backends.ModelBackend"
    )
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("site:home")).status_code == 302

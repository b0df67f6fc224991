from django.test import Client
from django.urls import reverse

from tests.cast import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_russian(db, client):
    page = client.get(reverse("login")).content.decode()
    assert "Вход в портал" in page and "Пароль" in page


def test_wrong_password_shows_russian_error(cast, client):
    response = login(client, "specialist_a", "wrong")
    assert response.status_code == 200
    assert "Неверный логин или пароль" in response.content.decode()


def test_lockout_after_repeated_failures(cast, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "specialist_a", "wrong")
    # Now even the right password is refused for this username from this address.
    response = login(client, "specialist_a", PASSWORD)
    assert response.status_code == 429  # Too Many Requests, as django-axes answers a lockout
    assert "Вход временно заблокирован" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another user at the same address is not locked out.
    assert login(Client(), "coordinator_a", PASSWORD).status_code == 302


def test_forms_require_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "admin", "password": PASSWORD})
    assert response.status_code == 403


def test_pages_carry_content_security_policy(cast, client):
    client.force_login(cast.users["specialist_a"])
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["X-Frame-Options"] == "DENY"


def test_password_reset_sends_russian_letter(
    cast, client, mailoutbox, django_capture_on_commit_callbacks
):
    # The letter is ordered through the outbox: it goes once the request is committed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "head_a@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Восстановление пароля" in mailoutbox[0].subject
    assert "/accounts/password/reset/" in mailoutbox[0].body


def test_password_change(cast, client):
    client.force_login(cast.users["head_a"])
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Новый-пароль-2026",
            "new_password2": "Новый-пароль-2026",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert login(client, "head_a", "Новый-пароль-2026").status_code == 302

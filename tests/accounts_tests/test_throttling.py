"""Login lockout by username + IP and by IP alone, with the client's IP taken behind the
configured proxies; password reset throttled and answering alike for known and unknown
addresses."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.password_reset import email_counter_key
from outbox.models import PendingTask
from tests.cast import PASSWORD


def login(client, username, password, address):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
        REMOTE_ADDR="10.0.0.2",  # the proxy
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


def test_lockout_is_per_client_address_behind_the_proxy(cast, behind_one_proxy, settings):
    attacker, owner = Client(), Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(attacker, "specialist_a", "wrong", "203.0.113.66")
    locked = login(attacker, "specialist_a", PASSWORD, "203.0.113.66")
    assert "Вход временно заблокирован" in locked.content.decode()
    # Same proxy, another client: the person whose login it is still gets in.
    assert login(owner, "specialist_a", PASSWORD, "198.51.100.7").status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(cast, behind_one_proxy, settings):
    client = Client()
    for number in range(settings.AXES_FAILURE_LIMIT):
        # The client writes its own X-Forwarded-For; the proxy appends the real address.
        login(client, "specialist_a", "wrong", f"6.6.6.{number}, 203.0.113.66")
    locked = login(client, "specialist_a", PASSWORD, "6.6.6.99, 203.0.113.66")
    assert "Вход временно заблокирован" in locked.content.decode()


def test_one_try_on_many_logins_locks_the_address(cast, behind_one_proxy, settings):
    settings.AXES_IP_FAILURE_LIMIT = 6
    client = Client()
    for number in range(6):
        login(client, f"someone{number}", "password1", "203.0.113.66")
    locked = login(client, "coordinator_a", PASSWORD, "203.0.113.66")
    assert "Вход временно заблокирован" in locked.content.decode()
    assert login(Client(), "coordinator_a", PASSWORD, "198.51.100.7").status_code == 302


RESET_ADDRESS = "192.0.2.77"  # a client address no other test uses
KNOWN, UNKNOWN = "coordinator_b@example.org", "nobody-16@example.org"


@pytest.fixture
def fresh_reset_counters():
    """Only this test's counters: the cache may be the shared Redis (never flushed here)."""
    keys = [
        f"password-reset:ip:{RESET_ADDRESS}",
        email_counter_key(KNOWN),
        email_counter_key(UNKNOWN),
    ]
    cache.delete_many(keys)
    yield
    cache.delete_many(keys)


def test_password_reset_answers_alike_and_is_throttled(
    cast, client, settings, fresh_reset_counters
):
    settings.PASSWORD_RESET_PER_ADDRESS = 3
    settings.PASSWORD_RESET_PER_EMAIL = 1
    url = reverse("password_reset")

    def reset(email):
        return client.post(url, {"email": email}, REMOTE_ADDR=RESET_ADDRESS)

    known, unknown = reset(KNOWN), reset(UNKNOWN)
    # The same answer; the web process did not even look the addresses up.
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert PendingTask.objects.count() == 2
    again = reset(KNOWN)
    assert again.status_code == 302 and PendingTask.objects.count() == 2  # no second letter
    refused = reset(KNOWN)
    assert refused.status_code == 429
    assert "Слишком много запросов на восстановление пароля" in refused.content.decode()

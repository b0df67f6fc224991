"""Demo logins (admin/demo) never reach a production database by accident."""

import io

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse


@pytest.mark.django_db
def test_load_demo_refuses_with_debug_off():
    assert settings.DEBUG is False
    with pytest.raises(CommandError, match="createsuperuser"):
        call_command("load_demo")
    assert not get_user_model().objects.filter(username="admin").exists()


@pytest.mark.django_db
def test_load_demo_with_explicit_flag_loads(capsys):
    call_command("load_demo", allow_production=True)
    assert get_user_model().objects.get(username="admin").check_password("demo")


@pytest.mark.django_db
def test_first_administrator_by_createsuperuser(client, monkeypatch):
    """The documented way: createsuperuser, non-interactively for scripts."""
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Длинный-пароль-2026")
    call_command("createsuperuser", "--noinput", username="ivanova", email="ivanova@example.ru")
    response = client.post(
        reverse("login"), {"username": "ivanova", "password": "Длинный-пароль-2026"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_ask_loads_nothing_into_another_database_without_a_terminal(monkeypatch, capsys):
    """scripts/run calls `load_demo --ask`: in CI (no terminal) the answer is no."""
    monkeypatch.setattr("django.db.connection.vendor", "postgresql")
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    call_command("load_demo", ask=True)
    assert not get_user_model().objects.exists()
    assert "демо-данные не загружены" in capsys.readouterr().out


@pytest.mark.django_db
@pytest.mark.parametrize("answer, loaded", [("да\n", True), ("\n", False), ("n\n", False)])
def test_ask_at_a_terminal_follows_the_answer(monkeypatch, answer, loaded):
    monkeypatch.setattr("django.db.connection.vendor", "postgresql")
    monkeypatch.setattr("sys.stdin", FakeTerminal(answer))
    call_command("load_demo", ask=True)
    assert get_user_model().objects.filter(username="admin").exists() == loaded


def test_scripts_run_asks_before_loading_demo():
    script = (settings.BASE_DIR / "scripts" / "run").read_text()
    assert "load_demo --ask" in script

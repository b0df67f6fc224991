"""The drill on the real PostgreSQL: demo data → backup → drop → restore → the same rows and
files, and the portal serves them. Runs in its own databases, never the portal's."""

import json
import os
import shutil
import subprocess
import sys

import psycopg2
import pytest
from django.conf import settings
from psycopg2 import sql

CI = os.environ.get("CI") == "true"


def postgres_server() -> str:
    """The server of DATABASE_URL (CI) or of this machine; skipped only outside CI."""
    url = os.environ.get("DATABASE_URL", "")
    server = (
        url.rsplit("/", 1)[0]
        if url.startswith("postgres")
        else "postgres://postgres@127.0.0.1:5432"
    )
    try:
        psycopg2.connect(f"{server}/postgres", connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        if CI:
            pytest.fail(f"CI=true, но PostgreSQL недоступен: {error}")
        pytest.skip(f"PostgreSQL недоступен: учение восстановления пропущено ({error})")
    return server


def admin_sql(server, statement, name):
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL(statement).format(sql.Identifier(name)))
    finally:
        connection.close()


class Portal:
    """manage.py of a portal on the drill database and a media folder of its own."""

    def __init__(self, database_url, media, state):
        self.environment = {
            **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}},
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(media),
            "STATE_DIR": str(state),
        }

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def probe(self, function):
        code = f"from tests.ops_tests import drill_probe; drill_probe.{function}()"
        return json.loads(self.manage("shell", "-c", code).strip().splitlines()[-1])


def test_backup_drop_restore_gives_back_the_same_portal(tmp_path):
    server = postgres_server()
    name = f"portal_drill_{os.getpid()}"
    media, state = tmp_path / "media", tmp_path / "state"
    portal = Portal(f"{server}/{name}", media, state)
    admin_sql(server, "DROP DATABASE IF EXISTS {}", name)
    admin_sql(server, "CREATE DATABASE {}", name)
    try:
        portal.manage("migrate", "--noinput", "-v0")
        portal.manage("load_demo", "--allow-production")
        assert portal.probe("order_spravka")["status"] == "done"
        before = portal.probe("snapshot")
        assert before["rows"]["programs_program"] >= 1
        assert any(path.startswith("reports/") for path in before["media"])
        assert any(path.startswith("evidence/") for path in before["media"])

        backup = portal.manage("backup_portal").strip().splitlines()[-1]
        manifest = json.loads((tmp_path / backup / "manifest.json").read_text())
        assert manifest["row_counts"] == before["rows"]
        assert manifest["media"] == before["media"]
        assert manifest["schema"]["reports"].startswith("00")
        assert set(manifest["files"]) == {"database.dump", "media.tar"}

        # The disaster: the database and the files are gone.
        admin_sql(server, "DROP DATABASE {}", name)
        shutil.rmtree(media)
        admin_sql(server, "CREATE DATABASE {}", name)

        assert "всё совпадает с описью" in portal.manage("restore_portal", backup)
        after = portal.probe("snapshot")
        assert after == before

        served = portal.probe("serve")
        assert served["login"] == 302
        assert served["program_page"] == 200 and served["title_shown"]
        assert served["report_file"] == before["media"][served["report_name"]]["sha256"]
        assert served["evidence_file"] == before["media"][served["evidence_name"]]["sha256"]
    finally:
        admin_sql(server, "DROP DATABASE IF EXISTS {}", name)

"""Production static files: collectstatic with the manifest storage production uses, then pages
with DEBUG off link hashed names that WhiteNoise serves (compressed too)."""

import re

from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

# What roadmap_portal/settings.py chooses when DEBUG is off.
PRODUCTION_STATIC_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
HASHED = re.compile(r'(?:href|src)="(/static/[^"]+\.[0-9a-f]{12}\.(?:css|js))"')


def test_pages_link_hashed_static_files_that_are_served(db, tmp_path):
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": PRODUCTION_STATIC_STORAGE}}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages, DEBUG=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        assert (tmp_path / "staticfiles.json").exists()
        client = Client()  # a new handler: WhiteNoise indexes the new STATIC_ROOT
        page = client.get(reverse("login"))
        assert page.status_code == 200
        linked = HASHED.findall(page.content.decode())
        assert any(re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url) for url in linked)
        for url in linked:
            response = client.get(url, headers={"Accept-Encoding": "gzip"})
            assert response.status_code == 200, url
            assert response.headers["Content-Encoding"] == "gzip", url
            assert "immutable" in response.headers["Cache-Control"], url
            response.close()

"""scripts/test installs chromium and poppler with apt-get: another apt-get holding the dpkg lock
makes it wait, not fail; any other apt error still fails at once."""

import os
import subprocess

from django.conf import settings


def run_apt_waiting(tmp_path, script):
    """apt_waiting from scripts/_apt.sh with a stand-in apt-get that plays `script`."""
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    apt = fake_bin / "apt-get"
    apt.write_text(f"#!/bin/bash\necho call >> {tmp_path}/calls\n{script}\n")
    apt.chmod(0o755)
    result = subprocess.run(
        ["bash", "-c", "source scripts/_apt.sh && apt_waiting install -y chromium"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "PATH": f"{fake_bin}:/usr/bin:/bin", "APT_RETRY_SECONDS": "0"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    calls = (tmp_path / "calls").read_text().count("call")
    return result, calls


LOCKED_TWICE = """
count=$(wc -l < "$(dirname "$0")/../calls")
if [ "$count" -le 2 ]; then
  echo "E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 4242 (apt-get)" >&2
  exit 100
fi
[ "$1" = "-o" ] && [ "$2" = "DPkg::Lock::Timeout=300" ] || exit 2
"""


def test_waits_for_the_dpkg_lock_then_installs(tmp_path):
    result, calls = run_apt_waiting(tmp_path, LOCKED_TWICE)
    assert result.returncode == 0, result.stderr
    assert calls == 3
    assert "жду (попытка 2 из 60)" in result.stderr


def test_other_apt_errors_fail_at_once(tmp_path):
    result, calls = run_apt_waiting(
        tmp_path, 'echo "E: Unable to locate package chromium" >&2; exit 100'
    )
    assert result.returncode != 0
    assert calls == 1
    assert "Unable to locate package" in result.stderr

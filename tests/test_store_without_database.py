"""Reading the sessions of a site that has no database: what a deployment's store probe does there."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# A site that keeps its sessions in a cache and declares no database at all: Django then
# gives it a backend whose every use raises, so a read must not open a transaction.
SETTINGS = """\
SECRET_KEY = "a-site-without-a-database"
INSTALLED_APPS = ["django.contrib.sessions"]
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
"""

# Started and read in one process: the local-memory cache lives as long as it.
READ = """\
import json

import django

django.setup()
from session_steps.server import django_store

key = django_store.start({"color": "blue"})
print(json.dumps([django_store.load(key), django_store.load(None), django_store.load("k" * 32)]))
"""


def test_a_site_without_a_database_is_read_with_its_engine_alone(tmp_path: Path) -> None:
    (tmp_path / "nodb_settings.py").write_text(SETTINGS)
    result = subprocess.run(
        [sys.executable, "-c", READ],
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "nodb_settings", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1:]
    assert json.loads(result.stdout) == [{"color": "blue"}, {}, {}]

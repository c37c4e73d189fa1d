"""A private copy of a Django site for one test run: its own settings overlay and SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from session_steps.errors import SpecSetupError

OVERLAY_MODULE = "session_spec_settings"
MIGRATE_TIMEOUT_S = 120
# The end of a traceback names the cause; its whole length would bury the message.
DETAIL_LINES = 12

OVERLAY_TEMPLATE = '''\
"""Settings for one test run: {settings_module}, with a database of the run's own."""

from {settings_module} import *  # noqa: F403

DATABASES = {{
    "default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {database!r}}},
}}
'''


@dataclass(frozen=True)
class SiteInstance:
    """A site's settings module made private to one run, migrated and ready to serve."""

    settings_module: str
    folder: Path
    python_path: tuple[str, ...] = ()

    @property
    def database(self) -> Path:
        return self.folder / "db.sqlite3"

    @property
    def import_paths(self) -> list[str]:
        """Folders the server and this process must import from, overlay first."""
        return [str(self.folder), *self.python_path]

    def environ(self) -> dict[str, str]:
        """The environment for a process of this site: the caller's, plus the overlay."""
        env = dict(os.environ)
        inherited = [env["PYTHONPATH"]] if env.get("PYTHONPATH") else []
        env["PYTHONPATH"] = os.pathsep.join([*self.import_paths, *inherited])
        env["DJANGO_SETTINGS_MODULE"] = OVERLAY_MODULE
        env["PYTHONUNBUFFERED"] = "1"
        return env


def prepare_site(settings_module: str, folder: Path, python_path: tuple[str, ...] = ()) -> SiteInstance:
    """Write the settings overlay into ``folder`` and migrate a fresh SQLite database there."""
    folder.mkdir(parents=True, exist_ok=True)
    instance = SiteInstance(settings_module, folder, python_path)
    overlay = OVERLAY_TEMPLATE.format(settings_module=settings_module, database=str(instance.database))
    (folder / f"{OVERLAY_MODULE}.py").write_text(overlay)
    migrate(instance)
    return instance


def migrate(instance: SiteInstance) -> None:
    """Run Django's ``migrate`` for the instance; a failure names its cause in one line."""
    command = [sys.executable, "-m", "django", "migrate", "--noinput", "--verbosity", "0"]
    try:
        result = subprocess.run(
            command,
            env=instance.environ(),
            capture_output=True,
            text=True,
            timeout=MIGRATE_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as error:
        raise SpecSetupError(
            f"migrating the site ({instance.settings_module}) took over {MIGRATE_TIMEOUT_S} s"
        ) from error
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        cause = output.splitlines()[-1] if output else f"exit code {result.returncode}"
        raise SpecSetupError(
            f"the site's settings {instance.settings_module!r} could not be loaded and migrated: {cause}",
            details="\n".join(output.splitlines()[-DETAIL_LINES:]),
        )

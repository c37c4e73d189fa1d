"""An engine's family: which of Django's session stores its ``SessionStore`` is made from."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import import_module

import pytest

DJANGO_BACKENDS = "django.contrib.sessions.backends."
# cached_db's store subclasses db's, so it is asked about before db.
FAMILIES = ("signed_cookies", "cached_db", "cache", "db", "file")
# A settings value that declares the family of an engine made from none of Django's stores.
FAMILY_SETTING = "SESSION_SPEC_ENGINE_FAMILY"
IMPORT_TIMEOUT_S = 60


class EngineNotImportable(Exception):
    """The engine's module, or its ``SessionStore``, could not be imported; the message says why."""


def django_family(module: str) -> str | None:
    """The family of one of Django's own engines, named by its module; None for any other."""
    name = module.removeprefix(DJANGO_BACKENDS)
    return name if module.startswith(DJANGO_BACKENDS) and name in FAMILIES else None


def family_of(store_class: type) -> str | None:
    """The first of Django's session stores ``store_class`` derives from, or None for none."""
    for family in FAMILIES:
        if issubclass(store_class, import_module(DJANGO_BACKENDS + family).SessionStore):
            return family
    return None


def import_store(module: str) -> type:
    """The engine's ``SessionStore`` class, imported in this process."""
    from django.core.exceptions import AppRegistryNotReady

    try:
        engine = import_module(module)
    except AppRegistryNotReady:
        # The engine imports its models as it loads: only then is Django set up for it.
        import django

        django.setup()
        engine = import_module(module)
    store = getattr(engine, "SessionStore", None)
    if not isinstance(store, type):
        raise EngineNotImportable(f"{module} has no SessionStore class")
    return store


def family_here(module: str) -> str | None:
    """The engine's family, found in this process (where Django's settings are the site's)."""
    known = django_family(module)
    if known:
        return known
    try:
        return family_of(import_store(module))
    except EngineNotImportable:
        raise
    except Exception as error:
        raise EngineNotImportable(f"{type(error).__name__}: {error}") from None


def family_in_fresh_process(module: str, settings_module: str) -> str | None:
    """The engine's family, found in a process of its own with the site's settings.

    Some engines read Django's settings as they are imported; in this process that would
    configure Django before the run's own settings overlay could.
    """
    known = django_family(module)
    if known:
        return known
    env = dict(os.environ, DJANGO_SETTINGS_MODULE=settings_module)
    env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    code = "import sys; from session_steps.matrix.families import print_family; print_family(sys.argv[1])"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code, module], env=env, capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        raise EngineNotImportable(f"importing it took over {IMPORT_TIMEOUT_S} s") from None
    if result.returncode != 0:
        lines = (result.stderr or result.stdout).strip().splitlines()
        raise EngineNotImportable(lines[-1] if lines else f"exit code {result.returncode}")
    return result.stdout.strip() or None


def print_family(module: str) -> None:
    """Print the engine's family (an empty line for none); exit 1 with the error's line when it cannot be imported."""
    try:
        family = family_here(module)
    except EngineNotImportable as error:
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    print(family or "")


def declared_family(value: object, where: str) -> str | None:
    """A family the user declares (``--session-engine-family``, or the settings value); one line if it is none."""
    if value in (None, ""):
        return None
    if value not in FAMILIES:
        raise pytest.UsageError(
            f"django-session-spec: {where} = {value!r} is no engine family: use one of {', '.join(FAMILIES)}"
        )
    return str(value)


def engine_import_error(module: str, error: EngineNotImportable) -> pytest.UsageError:
    """The one line a run stops with when the site's engine cannot be imported."""
    return pytest.UsageError(
        f"django-session-spec: the site's SESSION_ENGINE {module!r} could not be imported: {error} "
        "(install its package, or add its folder with --site-path)"
    )

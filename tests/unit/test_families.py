"""An engine's family: found from its SessionStore's bases, declared where it derives from none."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.backends import cache, cached_db, db, file, signed_cookies
from django.contrib.sessions.backends.base import SessionBase

from session_steps.matrix.families import (
    EngineNotImportable,
    declared_family,
    django_family,
    family_in_fresh_process,
    family_of,
)


class UserSessions(db.SessionStore):
    """Like django-user-sessions: Django's db store with a user column."""


class QSessionsCached(cached_db.SessionStore):
    """Like django-qsessions: cached_db, whose store subclasses db's."""


class RedisSessions(SessionBase):
    """Like django-redis-sessions: a store of its own."""


@pytest.mark.parametrize(
    ("store", "family"),
    [
        (UserSessions, "db"),
        (QSessionsCached, "cached_db"),
        (cache.SessionStore, "cache"),
        (file.SessionStore, "file"),
        (signed_cookies.SessionStore, "signed_cookies"),
        (RedisSessions, None),
    ],
)
def test_a_store_s_family_is_the_django_store_it_derives_from(store: type, family: str | None) -> None:
    assert family_of(store) == family


def test_django_s_own_engines_are_known_by_their_module() -> None:
    assert django_family("django.contrib.sessions.backends.cached_db") == "cached_db"
    assert django_family("django.contrib.sessions.backends.base") is None
    assert django_family("user_sessions.backends.db") is None


def test_a_declared_family_is_one_of_the_five() -> None:
    assert declared_family("cache", "--session-engine-family") == "cache"
    assert declared_family(None, "X") is None
    with pytest.raises(pytest.UsageError, match=r"X = 'redis' is no engine family: use one of signed_cookies, "):
        declared_family("redis", "X")


READS_SETTINGS_AS_IT_LOADS = """\
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DBStore

PREFIX = settings.SHOP_SESSION_PREFIX


class SessionStore(DBStore):
    pass
"""


def test_an_engine_that_reads_the_settings_as_it_loads_is_imported_in_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shop_engine.py").write_text(READS_SETTINGS_AS_IT_LOADS)
    (tmp_path / "shop_settings.py").write_text('SHOP_SESSION_PREFIX = "s"\nSECRET_KEY = "x"\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delenv("DJANGO_SETTINGS_MODULE", raising=False)
    assert family_in_fresh_process("shop_engine", "shop_settings") == "db"
    # Nothing of it was imported here, and Django here is as it was.
    assert "shop_engine" not in sys.modules and "DJANGO_SETTINGS_MODULE" not in os.environ


def test_an_engine_that_cannot_be_imported_says_why_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shop_settings.py").write_text('SECRET_KEY = "x"\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(EngineNotImportable) as failed:
        family_in_fresh_process("redis_sessions.session", "shop_settings")
    assert str(failed.value) == "ModuleNotFoundError: No module named 'redis_sessions'"

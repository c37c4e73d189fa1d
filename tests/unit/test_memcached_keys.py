"""Reading a memcached's key dump, and the command that runs a server as another user."""

from __future__ import annotations

import pwd

import pytest

from session_steps.server import processes
from session_steps.server.memcached_keys import parse_key


def test_a_dumped_key_is_read_back_decoded() -> None:
    line = (
        b"key=shop%3Asession-spec-1a%3A1%3Adjango.contrib.sessions.cacheab12 exp=-1 la=17 cas=2 fetch=no cls=1 size=70"
    )
    assert parse_key(line) == "shop:session-spec-1a:1:django.contrib.sessions.cacheab12"


def test_as_root_a_server_runs_as_its_user_its_parent_death_signal_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "is_root", lambda: True)
    entry = pwd.getpwnam("nobody")
    assert processes.as_user(["memcached"], "nobody") == [
        "setpriv",
        f"--reuid={entry.pw_uid}",
        f"--regid={entry.pw_gid}",
        "--init-groups",
        "--pdeathsig=keep",
        "memcached",
    ]
    assert processes.as_user(["redis-server"], None) == ["redis-server"]


def test_a_run_that_is_not_root_runs_its_servers_as_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(processes, "is_root", lambda: False)
    assert processes.as_user(["postgres"], "postgres") == ["postgres"]

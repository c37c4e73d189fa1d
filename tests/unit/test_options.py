"""Reading the command line's values: ports, timeouts, repeatable choices, the sessions' cache."""

from __future__ import annotations

import argparse
from types import ModuleType

import pytest

from session_steps.matrix.cells import SERVERS
from session_steps.pytest_plugin.options import chosen, milliseconds, port_number, session_cache_backend, split_patterns


@pytest.mark.parametrize(("text", "port"), [("0", 0), ("8000", 8000), ("65535", 65535), (" 80 ", 80)])
def test_a_port_is_a_whole_number_from_0_to_65535(text: str, port: int) -> None:
    assert port_number(text) == port


@pytest.mark.parametrize("text", ["65536", "-1", "eighty", "", "80.0"])
def test_anything_else_is_refused_saying_what_a_port_is(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        port_number(text)
    assert str(refused.value) == f"expected a port number from 0 to 65535 (0: any free port), not {text!r}"


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("30000", 30000)])
def test_a_timeout_is_a_whole_number_of_milliseconds(text: str, value: int) -> None:
    assert milliseconds(text) == value


@pytest.mark.parametrize("text", ["0", "-5", "1.5", "5s", ""])
def test_a_timeout_below_one_millisecond_or_not_whole_is_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError) as refused:
        milliseconds(text)
    assert str(refused.value) == f"expected a whole number of milliseconds, 1 or more, not {text!r}"


@pytest.mark.parametrize(
    ("values", "picked"),
    [
        ([], []),
        (["asgi"], ["asgi"]),
        (["asgi", "wsgi", "asgi"], ["wsgi", "asgi"]),
        (["all"], ["wsgi", "asgi"]),
        (["asgi", "all"], ["wsgi", "asgi"]),
    ],
)
def test_a_repeated_option_picks_each_value_once_in_the_stable_order(values: list[str], picked: list[str]) -> None:
    assert chosen(values, SERVERS) == picked


def settings(**names: object) -> ModuleType:
    module = ModuleType("a_settings")
    for name, value in names.items():
        setattr(module, name, value)
    return module


REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379"}
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}


def test_sessions_live_in_the_default_cache_unless_an_alias_names_another() -> None:
    assert session_cache_backend(settings(CACHES={"default": REDIS})) == REDIS["BACKEND"]
    named = settings(CACHES={"default": LOCMEM, "sessions": REDIS}, SESSION_CACHE_ALIAS="sessions")
    assert session_cache_backend(named) == REDIS["BACKEND"]


def test_settings_without_that_cache_or_its_backend_name_none() -> None:
    assert session_cache_backend(settings()) is None
    assert session_cache_backend(settings(CACHES={"default": LOCMEM}, SESSION_CACHE_ALIAS="gone")) is None
    assert session_cache_backend(settings(CACHES={"default": {"LOCATION": "x"}})) is None


@pytest.mark.parametrize(
    ("values", "patterns"),
    [
        ([], []),
        (["_qsessions_*"], ["_qsessions_*"]),
        (["_qsessions_*, _tracker", "_other_*"], ["_qsessions_*", "_tracker", "_other_*"]),
        ([" , "], []),
    ],
)
def test_bookkeeping_patterns_are_repeated_or_comma_separated(values: list[str], patterns: list[str]) -> None:
    assert split_patterns(values) == patterns

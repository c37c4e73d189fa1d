"""A session's data apart from the keys an engine or middleware adds, and the line a mismatch reads as."""

from __future__ import annotations

import pytest

from session_steps.steps.bookkeeping import mismatch_message, split_bookkeeping, suggested_pattern

QSESSIONS = {"items": 2, "_qsessions_ip": "127.0.0.1", "_qsessions_user_agent": "Chromium"}
WHAT = "the server's session for the key 'abcd…'"


def test_declared_keys_are_set_apart_from_the_data() -> None:
    data, bookkeeping = split_bookkeeping(QSESSIONS, ("_qsessions_*",))
    assert data == {"items": 2}
    assert bookkeeping == {"_qsessions_ip": "127.0.0.1", "_qsessions_user_agent": "Chromium"}


def test_without_a_declaration_every_key_is_data() -> None:
    assert split_bookkeeping(QSESSIONS, ()) == (QSESSIONS, {})


def test_djangos_own_keys_are_data_unless_declared() -> None:
    session = {"_auth_user_id": "1", "_auth_user_backend": "b", "_qsessions_ip": "x"}
    assert split_bookkeeping(session, ("_qsessions_*",))[0] == {"_auth_user_id": "1", "_auth_user_backend": "b"}


def test_patterns_match_whole_keys_case_sensitively() -> None:
    assert split_bookkeeping({"x_qsessions_ip": 1, "_QSESSIONS_IP": 2}, ("_qsessions_*",))[1] == {}


@pytest.mark.parametrize(
    ("keys", "pattern"),
    [
        (["_qsessions_ip", "_qsessions_user_agent"], "_qsessions_*"),
        (["_tracker"], "_tracker"),
        (["a", "b"], "a,b"),
    ],
)
def test_the_suggested_pattern_declares_the_keys(keys: list[str], pattern: str) -> None:
    assert suggested_pattern(keys) == pattern


def test_a_session_that_differs_only_by_undeclared_keys_says_so_and_how_to_declare_them() -> None:
    assert mismatch_message(WHAT, QSESSIONS, {"items": 2}, ()) == (
        f"{WHAT} holds {{'items': 2}} and also keys the step did not name: '_qsessions_ip', "
        "'_qsessions_user_agent' (keys an engine or middleware adds? declare them with "
        "--session-bookkeeping-keys '_qsessions_*')"
    )


def test_extra_django_keys_get_no_hint_to_hide_them() -> None:
    message = mismatch_message(WHAT, {"items": 2, "_auth_user_id": "1"}, {"items": 2}, ())
    assert message == f"{WHAT} holds {{'items': 2}} and also keys the step did not name: '_auth_user_id'"


def test_other_data_is_a_plain_mismatch_naming_the_declared_keys_apart() -> None:
    message = mismatch_message(WHAT, QSESSIONS, {"items": 3}, ("_qsessions_*",))
    assert message == (
        f"{WHAT} is {{'items': 2}}, not {{'items': 3}} (besides the bookkeeping keys "
        "{'_qsessions_ip': '127.0.0.1', '_qsessions_user_agent': 'Chromium'})"
    )


def test_extra_keys_beside_other_data_are_a_plain_mismatch() -> None:
    message = mismatch_message(WHAT, QSESSIONS, {"items": 3}, ())
    assert message.startswith(f"{WHAT} is {QSESSIONS}, not {{'items': 3}}")
    assert "--session-bookkeeping-keys" not in message

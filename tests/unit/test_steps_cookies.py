"""The session cookie as the steps compare it: the browser's jar beside the server's Set-Cookie headers."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from playwright.sync_api import Cookie

from session_steps.browser.visitors import Visit
from session_steps.steps.cookies import cookie_attribute, damaged, masked_headers, set_cookie_morsels

KEY = "k" * 32
SET = f"sessionid={KEY}; expires=Fri, 11 Dec 2026 12:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax"
# How Django deletes the cookie: an empty value that expired long ago.
DELETE = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'


def a_visit(*set_cookie_headers: str) -> Visit:
    return Visit("/color/", 200, "", set_cookie_headers, {}, 0.0)


def test_only_the_headers_that_set_the_named_cookie_are_read_in_order() -> None:
    morsels = set_cookie_morsels(a_visit("csrftoken=abc; Path=/", SET, DELETE), "sessionid")
    assert [(morsel.value, morsel["max-age"]) for morsel in morsels] == [(KEY, "1209600"), ("", "0")]
    assert set_cookie_morsels(a_visit(), "sessionid") == []
    assert set_cookie_morsels(a_visit("csrftoken=abc"), "sessionid") == []


def test_the_headers_a_failure_shows_have_their_values_cut_short() -> None:
    assert masked_headers(a_visit(SET)) == [SET.replace(KEY, "kkkkkkkk...masked")]


def header(text: str) -> SimpleCookie:
    parsed: SimpleCookie = SimpleCookie()
    parsed.load(text)
    return parsed


@pytest.mark.parametrize(
    ("attribute", "in_the_jar", "in_the_header"),
    [
        ("HttpOnly", True, True),
        ("httponly", True, True),
        ("Secure", False, False),
        ("SameSite", "Lax", "Lax"),
        ("Path", "/", "/"),
    ],
)
def test_an_attribute_is_read_from_the_jar_and_from_the_header_alike(
    attribute: str, in_the_jar: object, in_the_header: object
) -> None:
    cookie: Cookie = {
        "name": "sessionid",
        "value": KEY,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
        "path": "/",
    }
    assert cookie_attribute(cookie, header(SET)["sessionid"], attribute) == (in_the_jar, in_the_header)


def test_an_attribute_the_header_leaves_out_reads_as_none_or_false() -> None:
    cookie: Cookie = {"name": "sessionid", "value": KEY}
    bare = header(f"sessionid={KEY}")["sessionid"]
    assert [cookie_attribute(cookie, bare, name) for name in ("HttpOnly", "Secure", "SameSite", "Path")] == [
        (None, False),
        (None, False),
        (None, None),
        (None, None),
    ]


def test_an_unknown_attribute_is_refused_naming_those_it_knows() -> None:
    with pytest.raises(ValueError, match="unknown cookie attribute 'Domain': use HttpOnly, Secure, SameSite or Path"):
        cookie_attribute({"name": "sessionid"}, header(SET)["sessionid"], "Domain")


@pytest.mark.parametrize(
    ("value", "damage", "replacement", "result"),
    [
        ("abcdef", "truncated", None, "abc"),
        ("abcdefg", "truncated", None, "abc"),
        ("abcdef", "changed in its last character", None, "abcdea"),
        ("abcdea", "changed in its last character", None, "abcdeb"),
        ("abcdef", 'replaced by "x"', "x", "x"),
        ("abcdef", 'replaced by ""', "", ""),
    ],
)
def test_a_cookie_is_damaged_as_the_scenario_says(
    value: str, damage: str, replacement: str | None, result: str
) -> None:
    assert damaged(value, damage, replacement) == result


def test_a_changed_value_differs_from_the_original_in_its_last_character_only() -> None:
    for value in ("a", "b", KEY, "x" * 31 + "a"):
        changed = damaged(value, "changed in its last character", None)
        assert changed[:-1] == value[:-1] and changed != value and len(changed) == len(value)

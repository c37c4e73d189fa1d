"""Cookie values cut short where the run keeps them: what is a cookie's value, and replacing it."""

from __future__ import annotations

import pytest

from session_steps.browser.masking import cookie_pairs, mask_text, masked_set_cookie


def test_a_cookie_header_holds_every_name_value_pair() -> None:
    assert cookie_pairs("sessionid=abc; csrftoken=x=y;;  theme=", set_cookie=False) == [
        ("sessionid", "abc"),
        ("csrftoken", "x=y"),
        ("theme", ""),
    ]


def test_a_set_cookie_header_holds_one_pair_its_attributes_are_none() -> None:
    assert cookie_pairs("sessionid=abc; Path=/; HttpOnly", set_cookie=True) == [("sessionid", "abc")]


@pytest.mark.parametrize("header", ["", " ; ;", "=novalue"])
def test_a_header_without_a_named_cookie_holds_none(header: str) -> None:
    assert cookie_pairs(header, set_cookie=False) == []
    assert cookie_pairs(header, set_cookie=True) == []


def test_a_set_cookie_header_with_no_cookie_is_kept_as_it_is() -> None:
    assert masked_set_cookie("; Path=/") == "; Path=/"


def test_the_longer_of_two_values_that_share_a_start_is_masked_whole() -> None:
    short, long = "abcdefghij", "abcdefghijKLMNOP"
    assert mask_text(f"{short} {long}", [short, long]) == "abcdefgh...masked abcdefgh...masked"
    assert mask_text(f"{long} {short}", [long, short]) == "abcdefgh...masked abcdefgh...masked"


def test_text_without_the_values_and_no_values_leave_the_text_as_it_is() -> None:
    assert mask_text("nothing to hide", ["abcdefghij"]) == "nothing to hide"
    assert mask_text("abcdefghij", []) == "abcdefghij"

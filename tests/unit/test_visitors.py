"""URLs and page texts under a site's base URL, which may carry a path prefix."""

from __future__ import annotations

import pytest

from session_steps.browser.visitors import join_url, site_paths


@pytest.mark.parametrize(
    ("base_url", "path", "url"),
    [
        ("http://127.0.0.1:8000", "/color/", "http://127.0.0.1:8000/color/"),
        ("http://127.0.0.1:8000/", "/color/", "http://127.0.0.1:8000/color/"),
        ("https://shop.example/prefix/", "/color/", "https://shop.example/prefix/color/"),
        ("https://shop.example/prefix", "color/", "https://shop.example/prefix/color/"),
        ("http://127.0.0.1:8000/", "", "http://127.0.0.1:8000/"),
    ],
)
def test_a_path_joins_the_base_url_keeping_its_prefix_with_one_slash_between(
    base_url: str, path: str, url: str
) -> None:
    assert join_url(base_url, path) == url


def test_a_site_at_the_root_keeps_the_text_as_written() -> None:
    assert site_paths("Last page: /set-first/second/", "http://127.0.0.1:8000/") == "Last page: /set-first/second/"


@pytest.mark.parametrize("base_url", ["https://shop.example/prefix/", "https://shop.example/prefix"])
def test_under_a_prefix_each_path_in_the_text_gets_the_prefix(base_url: str) -> None:
    assert site_paths("/color/ then /set-first/second/", base_url) == "/prefix/color/ then /prefix/set-first/second/"


def test_a_path_at_the_start_of_a_later_line_gets_the_prefix() -> None:
    assert site_paths("Pages:\n/color/", "https://shop.example/prefix/") == "Pages:\n/prefix/color/"


@pytest.mark.parametrize("text", ["Last page: None", "either/or", "1 / 2", "http://other.example/color/"])
def test_a_slash_that_starts_no_path_stays_as_it_is(text: str) -> None:
    assert site_paths(text, "https://shop.example/prefix/") == text

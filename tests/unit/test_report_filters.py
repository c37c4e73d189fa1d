"""Durations and Gherkin descriptions as the report's pages show them."""

from __future__ import annotations

import pytest

from session_steps.report.filters import first_sentence, inline, note, prose, seconds


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.0, "0 ms"),
        (0.0349, "35 ms"),
        (0.9994, "999 ms"),
        # Rounded to a whole second's worth of milliseconds, it reads as seconds.
        (0.9996, "1.0 s"),
        (1.0, "1.0 s"),
        (12.345, "12.3 s"),
    ],
)
def test_a_duration_reads_in_milliseconds_under_a_second_and_in_seconds_from_one(value: float, shown: str) -> None:
    assert seconds(value) == shown


def test_inline_code_is_marked_up_and_everything_else_escaped() -> None:
    assert str(inline("call `request.session['a']` on <b>")) == (
        "call <code>request.session[&#39;a&#39;]</code> on &lt;b&gt;"
    )
    assert str(inline("<code>`x<y`")) == "&lt;code&gt;<code>x&lt;y</code>"
    assert str(inline("no code, a ` alone")) == "no code, a ` alone"


def test_a_description_becomes_paragraphs_and_its_indented_blocks_code_kept_as_written() -> None:
    text = (
        "\nThe session is a dictionary\nkept between requests.\n\n"
        "    request.session['color'] = 'blue'\n"
        "        # indented further\n\n"
        "It is `saved` at the end.\n"
    )
    assert str(prose(text)) == (
        "<p>The session is a dictionary kept between requests.</p>\n"
        "<pre><code>request.session[&#39;color&#39;] = &#39;blue&#39;\n    # indented further</code></pre>\n"
        "<p>It is <code>saved</code> at the end.</p>"
    )


def test_a_rule_s_description_indented_as_a_whole_is_prose_not_code() -> None:
    text = "    The database is one store\n    for every server.\n\n        SESSION_ENGINE = 'db'\n"
    assert str(prose(text)) == (
        "<p>The database is one store for every server.</p>\n<pre><code>SESSION_ENGINE = &#39;db&#39;</code></pre>"
    )


def test_an_empty_description_is_no_html() -> None:
    assert str(prose("")) == ""
    assert str(prose("\n\n  \n")) == ""


@pytest.mark.parametrize(
    ("description", "sentence"),
    [
        ("Sessions keep data. They use a cookie.", "Sessions keep data."),
        ("Sessions keep data\nbetween requests. More.", "Sessions keep data between requests."),
        ("Django 5.2 keeps it. More.", "Django 5.2 keeps it."),
        ("No full stop at all", "No full stop at all"),
        ("First paragraph\n\nSecond one.", "First paragraph"),
        ("", ""),
    ],
)
def test_the_index_shows_a_description_s_first_sentence(description: str, sentence: str) -> None:
    assert first_sentence(description) == sentence


def test_a_comment_that_is_a_line_of_python_renders_as_code() -> None:
    assert note("favorite = request.session['color']") == "<code>favorite = request.session[&#39;color&#39;]</code>"
    assert note("last = request.session.get('last_page', 'None')").startswith("<code>")
    assert note("request.session.flush()").startswith("<code>")


def test_a_comment_in_words_is_prose_with_its_code_spans() -> None:
    assert note("Step 4: the response is made from the value read back.") == (
        "Step 4: the response is made from the value read back."
    )
    # A lone word parses as Python too: it is still a word.
    assert note("Cookies") == "Cookies"
    assert note("`user = request.session['user', 'guest']` raises KeyError") == (
        "<code>user = request.session[&#39;user&#39;, &#39;guest&#39;]</code> raises KeyError"
    )

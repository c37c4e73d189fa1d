"""Why a scenario did not pass, as the report says it: from its exception, or pytest's report of it."""

from __future__ import annotations

from typing import Literal

import pytest

from session_steps.report.hooks import error_message, report_message


def test_an_assertion_is_its_message_and_any_other_exception_its_type_as_well() -> None:
    assert error_message(AssertionError("the page reads 'red', not 'blue'")) == "the page reads 'red', not 'blue'"
    assert error_message(KeyError("user")) == "KeyError: 'user'"
    assert error_message(RuntimeError("  padded  ")) == "RuntimeError: padded"


def test_an_exception_without_a_message_is_its_type() -> None:
    assert error_message(AssertionError()) == "AssertionError"
    assert error_message(AssertionError("   ")) == "AssertionError"
    assert error_message(ValueError()) == "ValueError"


def a_report(
    outcome: Literal["passed", "failed", "skipped"], longrepr: tuple[str, int, str] | str | None
) -> pytest.TestReport:
    return pytest.TestReport("t.py::test_x", ("t.py", 1, "test_x"), {}, outcome, longrepr, "call")


def test_a_passed_test_has_no_message() -> None:
    assert report_message(a_report("passed", None)) is None


def test_a_skip_is_its_reason() -> None:
    reason = "specifies the file engine: run with --session-engine=file for it"
    assert report_message(a_report("skipped", ("t.py", 3, f"Skipped: {reason}"))) == f"Skipped: {reason}"


def test_a_failure_is_the_text_pytest_shows_for_it() -> None:
    assert report_message(a_report("failed", "django-session-spec: the server exited")) == (
        "django-session-spec: the server exited"
    )

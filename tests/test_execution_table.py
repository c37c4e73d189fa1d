"""The execution table from the server's trace, read in Chromium: every request, every operation, every exception.

Both servers: gunicorn serves the sync views, uvicorn their async twins.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page
from report_pages import VALUE, base_url, execution_table, open_feature  # noqa: F401 (base_url: the fixture)
from spec_runner import run_spec

SCENARIOS = " or ".join(
    [
        "visits_in_a_row",
        "reading_a_missing_key_with_brackets",
        "a_default_inside_the_brackets",
        "does_not_exist",
    ]
)
SERVER_LABELS = {"wsgi": "engine: db, server: wsgi", "asgi": "engine: db, server: asgi"}


@pytest.fixture(scope="module")
def traced_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of a few scenarios, each on gunicorn (sync views) and uvicorn (async views)."""
    tmp_path = tmp_path_factory.mktemp("traced")
    outcomes = run_spec(tmp_path, f"--session-report={tmp_path / 'report'}", "--server=all", "-k", SCENARIOS)
    assert outcomes and set(outcomes.values()) == {"passed"}, outcomes
    return tmp_path / "report"


def run_of(page: Page, name: str, server: str) -> Locator:
    """The section of one scenario's run on one server."""
    sections = page.get_by_role("region", name=re.compile(re.escape(name)))
    return sections.filter(has_text=SERVER_LABELS[server])


def rows_of(page: Page, report: Path, feature: str, name: str, server: str) -> list[dict[str, str]]:
    open_feature(page, report, feature)
    return execution_table(run_of(page, name, server))


@pytest.mark.parametrize("server", ["wsgi", "asgi"])
def test_three_visits_in_a_row_show_each_request_and_its_count(page: Page, traced_report: Path, server: str) -> None:
    rows = rows_of(page, traced_report, "Counting visits", "Visits in a row", server)
    received = [row for row in rows if row["Action"].startswith("Request received")]
    assert [row["Action"] for row in received] == ["Request received: GET /visits/"] * 3
    shown = [row["Page shows"] for row in rows if row["Action"] == "Response made"]
    assert shown == ["“Visit count: 1”", "“Visit count: 2”", "“Visit count: 3”"]
    read = "request.session.get('visits', 0)" if server == "wsgi" else "await request.session.aget('visits', 0)"
    assert [row[VALUE] for row in rows if row["Action"] == read] == ["0", "1", "2"]


@pytest.mark.parametrize("server", ["wsgi", "asgi"])
def test_reading_a_missing_key_with_brackets_names_the_key_error(page: Page, traced_report: Path, server: str) -> None:
    name = "Reading a missing key with brackets fails and stores nothing"
    rows = rows_of(page, traced_report, "Default values", name, server)
    # The async view reads the brackets of a dict it loaded with aitems(): the same KeyError.
    brackets = "request.session['color']" if server == "wsgi" else 'session["color"]'
    raised = [(row["Action"], row[VALUE]) for row in rows if "Error" in row[VALUE]]
    assert raised == [(brackets, "KeyError: 'color'")]
    assert rows[-1]["Action"] == "Response sent: session not saved"


def test_a_tuple_between_brackets_names_the_tuple(page: Page, traced_report: Path) -> None:
    name = "A default inside the brackets is part of the key, not a default"
    rows = rows_of(page, traced_report, "Default values", name, "wsgi")
    raised = [(row["Action"], row[VALUE]) for row in rows if "Error" in row[VALUE]]
    assert raised == [("request.session['user', 'guest']", "KeyError: ('user', 'guest')")]


@pytest.mark.parametrize(
    ("server", "request_class"),
    [("wsgi", "WSGIRequest"), ("asgi", "ASGIRequest")],
)
def test_a_method_that_does_not_exist_names_the_attribute_error(
    page: Page, traced_report: Path, server: str, request_class: str
) -> None:
    rows = rows_of(page, traced_report, "Common mistakes", "request.session.set('favorite_color', 'blue')", server)
    raised = [row[VALUE] for row in rows if "Error" in row[VALUE]]
    assert raised == ["AttributeError: 'SessionStore' object has no attribute 'set'"]
    # request.set_session raises on the request, outside the session: Django's signal tells of it.
    name = "request.set_session('favorite_color', 'blue')"
    rows = rows_of(page, traced_report, "Common mistakes", name, server)
    raised = [row[VALUE] for row in rows if "Error" in row[VALUE]]
    assert raised == [f"AttributeError: '{request_class}' object has no attribute 'set_session'"]

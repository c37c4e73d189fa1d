"""The plugin as another project meets it: its errors are one clear line, never a hang."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from spec_runner import PROJECT, on_cell, runs_on, spec_run

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.pytest_plugin.options import DEFAULT_SITE_SETTINGS
from session_steps.server.served_sites import SitePool

FEATURE = """\
Feature: Favourite colour
  Scenario: The lesson's example
    Given a new visitor
    When the visitor opens "/color/"
    Then the page reads "Favorite color is blue"
"""

TEST_MODULE = """\
from pytest_bdd import scenarios

scenarios("colour.feature")
"""

# An error about the set-up must be reported within this time, not after a hang.
PROMPT_S = 30


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A throwaway project with one feature file bound by one test module."""
    pytester.makefile(".feature", colour=FEATURE)
    pytester.makepyfile(test_colour=TEST_MODULE)
    return pytester


def run_timed(pytester: pytest.Pytester, *args: str) -> tuple[pytest.RunResult, float]:
    started = time.monotonic()
    # Some runs expect a failure: it is told once, not retried.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--reruns=0", *args, timeout=PROMPT_S * 4)
    return result, time.monotonic() - started


def error_lines(result: pytest.RunResult) -> list[str]:
    lines = result.outlines + result.errlines
    return [line for line in lines if "django-session-spec:" in line and "django-session-spec: details" not in line]


def setup_error_line(pytester: pytest.Pytester, *args: str) -> str:
    """Run the project, which must stop at once as a usage error; the one line that names why."""
    result, seconds = run_timed(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    [line] = error_lines(result)
    assert seconds < PROMPT_S
    return line


def test_a_scenario_passes_in_another_project(project: pytest.Pytester) -> None:
    result, _ = run_timed(project)
    result.assert_outcomes(passed=1)


def test_a_step_without_a_definition_fails_collection(project: pytest.Pytester) -> None:
    project.makefile(".feature", colour=FEATURE + "    And the visitor sees a rainbow\n")
    result, _ = run_timed(project, "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*steps without a definition:*",
            "*colour.feature:6: And the visitor sees a rainbow",
            "The phrases the plugin defines: python -m session_steps.catalogue*Writing a step of your own*",
        ]
    )


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--site-port=http", "*argument --site-port: expected a port number from 0 to 65535*'http'*"),
        ("--site-port=70000", "*argument --site-port: expected a port number*'70000'*"),
        ("--expect-timeout=soon", "*argument --expect-timeout: expected a whole number of milliseconds*"),
        ("--navigation-timeout=0", "*argument --navigation-timeout: expected a whole number of milliseconds*"),
        ("--shard=5/4", "*argument --shard: '5/4': shard I of N needs 1 <= I <= N (for example 2/4)"),
        ("--shard=half", "*argument --shard: expected I/N, shard I of N (for example 2/4), not 'half'"),
    ],
)
def test_a_bad_option_value_is_a_usage_error(project: pytest.Pytester, option: str, message: str) -> None:
    result, _ = run_timed(project, option)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_more_shards_than_cells_or_no_durations_file_are_named_at_once(project: pytest.Pytester) -> None:
    assert setup_error_line(project, "--shard=2/2") == (
        "ERROR: django-session-spec: --shard=2/2: this run's tests are on 1 cell, too few to fill 2 shards:"
        " shard them no further than one cell a shard, or leave --shard out"
    )
    assert setup_error_line(project, "--shard=1/2", "--shard-durations=absent.json").startswith(
        "ERROR: django-session-spec: --shard-durations absent.json: no such file;"
    )


def test_a_busy_port_is_named_at_once(project: pytest.Pytester, busy_port: int) -> None:
    result, seconds = run_timed(project, f"--site-port={busy_port}")
    # Before collection: no test starts, no browser is launched, for a port the run cannot have.
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert not [line for line in result.outlines if line.startswith("collected")]
    [line] = error_lines(result)
    assert f"port {busy_port} on 127.0.0.1 is busy: pass another --site-port" in line
    assert seconds < PROMPT_S


def test_a_settings_module_that_does_not_import_is_named(project: pytest.Pytester) -> None:
    line = setup_error_line(project, "--site-settings=no_such_project.settings")
    assert "the site's settings 'no_such_project.settings' could not be imported" in line
    assert "ModuleNotFoundError: No module named 'no_such_project'" in line


def test_a_site_that_does_not_migrate_is_named(project: pytest.Pytester) -> None:
    project.makepyfile(
        unmigratable_settings="""
        from session_site.settings import *

        INSTALLED_APPS = [*INSTALLED_APPS, "no_such_app"]
        """
    )
    line = setup_error_line(project, "--site-settings=unmigratable_settings", f"--site-path={project.path}")
    assert "the site's settings 'unmigratable_settings' could not be loaded and migrated" in line
    assert "ModuleNotFoundError: No module named 'no_such_app'" in line


def test_no_browser_says_what_to_install(
    project: pytest.Pytester, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    # Neither Playwright's own browsers nor a system Chromium on PATH.
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(empty))
    line = setup_error_line(project)
    assert "no Chromium found for Playwright" in line
    assert "apt-get install chromium-headless-shell" in line


@pytest.fixture(scope="module")
def running_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled site, started outside the spec run, as a deployed server would be."""
    pool = SitePool(tmp_path_factory.mktemp("remote"), DEFAULT_SITE_SETTINGS, [Cell(ENGINES["db"], "wsgi")])
    yield pool.server(pool.cells[0]).url
    pool.close()


def test_against_a_remote_server_the_store_steps_are_not_checked_and_the_rest_still_counts(
    tmp_path: Path, running_site: str
) -> None:
    run = spec_run(tmp_path, f"--base-url={running_site}", "-rs")
    outcomes = on_cell(run.outcomes, "remote-wsgi")
    # Their pages and cookies are checked; their store steps are not, saying why.
    assert outcomes["test_the_lessons_example_step_by_step"] == "passed"
    assert outcomes["test_the_first_visit"] == "passed"
    assert outcomes["test_visits_in_a_row"] == "passed"
    assert outcomes["test_a_second_visitor_starts_at_1_while_the_first_goes_on_counting"] == "passed"
    assert "steps not checked: the session store of a server given by --base-url cannot be read" in run.output
    # Only the scenarios that need settings of their own skip: a deployment's cannot be read.
    skipped = [name for name, outcome in outcomes.items() if outcome == "skipped"]
    assert len(skipped) == runs_on("remote") - runs_on("remote", leaving_out="needs_site_settings")
    assert not {outcome for outcome in outcomes.values()} - {"passed", "skipped"}


def test_against_a_remote_server_the_scenarios_of_two_servers_skip_saying_why(
    tmp_path: Path, running_site: str
) -> None:
    # A deployment's engine is none the @store: tags name; without the tags, the Background says why it cannot run.
    run = spec_run(tmp_path, f"--base-url={running_site}", "--ignore-engine-tags", "-k", "alternate_between", "-rs")
    assert set(on_cell(run.outcomes, "remote-wsgi").values()) == {"skipped"}
    assert len(on_cell(run.outcomes, "remote-wsgi")) == 3
    assert "the run starts no second server of it" in run.output


def test_the_project_root_has_no_clashing_packages() -> None:
    for name in ("steps", "site"):
        assert not (PROJECT / name / "__init__.py").exists(), f"{name}/ must not be an importable package"


# Kills the server and its workers at once, as the kernel's out-of-memory killer might.
KILL_SERVER = """\
import os
import signal
import time
from pathlib import Path


def kill(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    # The master first: killed after its worker, it could fork a new one in between,
    # which would go on serving the inherited socket.
    for pid in [server.pid, *children]:
        os.kill(int(pid), signal.SIGKILL)
    while server.poll_exit_code() is None:
        time.sleep(0.01)
"""


# A test that kills its cell's server, between two scenarios that use it.
SERVER_DYING_TEST = """\
from killing import kill

def test_the_server_dies(live_site):
    kill(live_site)
"""


def killed_server_line(project: pytest.Pytester) -> str:
    """The line of a run whose server is killed between two scenarios that use it."""
    project.makepyfile(killing=KILL_SERVER, test_dies=SERVER_DYING_TEST, test_later=TEST_MODULE)
    return setup_error_line(project, "-p", "no:randomly", "test_colour.py", "test_dies.py", "test_later.py")


def test_a_server_that_dies_between_tests_is_named_by_the_next(project: pytest.Pytester) -> None:
    line = killed_server_line(project)
    assert "the site's wsgi server was killed by SIGKILL" in line
    assert "(log: " in line


def test_a_server_that_dies_during_a_scenario_fails_it_with_the_cause(project: pytest.Pytester) -> None:
    project.makefile(
        ".feature",
        colour=FEATURE.replace(
            "    When the visitor opens", "    And the site's server dies\n    When the visitor opens"
        ),
    )
    project.makepyfile(
        killing=KILL_SERVER,
        conftest="""
        from pytest_bdd import given
        from killing import kill

        @given("the site's server dies")
        def _(live_site):
            kill(live_site)
        """,
    )
    result, seconds = run_timed(project)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "_*test_the_lessons_example*_",
            "django-session-spec: the site's wsgi server was killed by SIGKILL (log: *wsgi-server.log)",
            "*site server log (db-wsgi)*",
        ]
    )
    assert seconds < PROMPT_S


def test_a_failed_scenario_shows_the_servers_traceback(project: pytest.Pytester) -> None:
    project.makefile(".feature", colour=FEATURE.replace('"/color/"', '"/color/then-fail/"'))
    result, _ = run_timed(project, "--expect-timeout=500")
    result.assert_outcomes(failed=1)
    # The view's KeyError, logged by the server, is in the failure report.
    result.stdout.fnmatch_lines(
        ["*site server log (db-wsgi)*", "*Internal Server Error: /color/then-fail/*", "KeyError*"]
    )


def test_https_without_trustme_says_what_to_install(project: pytest.Pytester) -> None:
    # As if trustme were not installed: its import fails.
    project.makeconftest("import sys\n\nsys.modules['trustme'] = None\n")
    line = setup_error_line(project, "--site-https")
    assert "django-session-spec: --site-https needs trustme: pip install 'django-session-spec[https]'" in line


def test_a_killed_server_is_named_with_its_own_log_not_an_earlier_traceback(project: pytest.Pytester) -> None:
    # An earlier scenario of the cell logged an expected KeyError: not the cause of the death.
    project.makefile(
        ".feature",
        colour=FEATURE.replace('"/color/"', '"/color/then-fail/"').replace(
            'the page reads "Favorite color is blue"', "the visitor gets a server error"
        ),
    )
    line = killed_server_line(project)
    assert "the site's wsgi server was killed by SIGKILL (log: " in line
    assert "KeyError" not in line
    assert "db-wsgi-server.log)" in line


def test_each_cell_logs_to_a_file_of_its_own(project: pytest.Pytester) -> None:
    project.makefile(".feature", colour=FEATURE.replace('"/color/"', '"/color/then-fail/"'))
    result, _ = run_timed(project, "--expect-timeout=500", "--session-engine=db", "--session-engine=file")
    result.assert_outcomes(failed=2)
    logs = sorted(path.name for path in project.path.rglob("*-server.log"))
    assert logs == ["db-wsgi-server.log", "file-wsgi-server.log"]
    # Each failure shows its own cell's log, with its own request once.
    for cell in ("db-wsgi", "file-wsgi"):
        result.stdout.fnmatch_lines([f"*site server log ({cell})*"])
    assert result.stdout.str().count("Internal Server Error: /color/then-fail/") == 2


# A run stopped by a check up front prints its one line, after at most pytest's own header.
UP_FRONT_LINES = 10


def up_front_error_line(pytester: pytest.Pytester, *args: str) -> str:
    """The one line of a run that a check stops before any test, in a short output."""
    result, seconds = run_timed(pytester, *args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    [line] = error_lines(result)
    assert len([line for line in result.outlines + result.errlines if line.strip()]) <= UP_FRONT_LINES
    assert seconds < PROMPT_S
    return line


@pytest.fixture
def closed_port() -> int:
    """A port of 127.0.0.1 where nothing listens: a connection is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_base_url_is_named_up_front(project: pytest.Pytester, closed_port: int) -> None:
    line = up_front_error_line(project, f"--base-url=http://127.0.0.1:{closed_port}/")
    assert f"--base-url http://127.0.0.1:{closed_port}/: connection refused" in line


@pytest.fixture
def file_server(tmp_path: Path) -> Iterator[str]:
    """A plain file server of an empty folder: it answers, but it is not the site."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://127.0.0.1:{server.server_address[1]}/"
        server.shutdown()


def test_a_base_url_that_is_not_the_site_names_the_404(project: pytest.Pytester, file_server: str) -> None:
    line = up_front_error_line(project, f"--base-url={file_server}")
    assert f"--base-url {file_server}: HTTP 404 at {file_server}color/, the first page the spec opens" in line
    assert "is the path right?" in line


@pytest.fixture(scope="module")
def running_https_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled site over HTTPS, with a certificate of an authority no browser trusts."""
    pool = SitePool(tmp_path_factory.mktemp("https"), DEFAULT_SITE_SETTINGS, [Cell(ENGINES["db"], "wsgi")], https=True)
    yield pool.server(pool.cells[0]).url
    pool.close()


def test_an_untrusted_certificate_names_the_option_that_accepts_it(
    project: pytest.Pytester, running_https_site: str
) -> None:
    line = up_front_error_line(project, f"--base-url={running_https_site}")
    assert f"--base-url {running_https_site}: its certificate is not trusted" in line
    assert "--ignore-https-errors" in line
    result, _ = run_timed(project, f"--base-url={running_https_site}", "--ignore-https-errors")
    result.assert_outcomes(passed=1)


def test_an_unreachable_browser_endpoint_is_named_before_any_server_starts(
    project: pytest.Pytester, closed_port: int
) -> None:
    line = up_front_error_line(project, f"--browser-ws-endpoint=ws://127.0.0.1:{closed_port}/browser")
    assert f"--browser-ws-endpoint ws://127.0.0.1:{closed_port}/browser: connection refused" in line
    assert not list(project.path.rglob("*-server.log")), "a server was started"


def test_a_missing_site_path_is_named(project: pytest.Pytester) -> None:
    line = up_front_error_line(project, f"--site-path={project.path / 'no-such-folder'}")
    assert f"--site-path {project.path / 'no-such-folder'}: no such folder" in line


def test_a_site_port_with_two_workers_is_refused(project: pytest.Pytester, closed_port: int) -> None:
    line = up_front_error_line(project, f"--site-port={closed_port}", "-n", "2")
    assert "--site-port serves one server, and each of the 2 pytest-xdist workers starts its own" in line
    assert "busy" not in line


def test_a_malformed_feature_file_is_named_with_its_line(project: pytest.Pytester) -> None:
    project.makefile(".feature", colour=FEATURE + "  Nonsense here\n")
    result, _ = run_timed(project)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    [line] = error_lines(result)[:1]
    assert "django-session-spec: colour.feature, line 6: " in line
    assert "'Nonsense here'" in line
    output = result.outlines + result.errlines
    assert not [line for line in output if "Traceback" in line or "pytest_bdd" in line]
    assert len(output) <= 16  # pytest's header and summary around the one line


def test_a_failure_on_a_debug_site_shows_the_exception_not_the_debug_page(project: pytest.Pytester) -> None:
    project.makefile(".feature", colour=FEATURE.replace('"/color/"', '"/color/then-fail/"'))
    project.makepyfile(debug_settings="from session_site.settings import *\n\nDEBUG = True\n")
    result, _ = run_timed(
        project, "--site-settings=debug_settings", f"--site-path={project.path}", "--expect-timeout=500"
    )
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "django-session-spec: the step 'Then the page reads \"Favorite color is blue\"' failed on Django's "
            "debug page: /color/then-fail/ raised KeyError: ('user', 'guest')*",
            "*site server log (db-wsgi)*",
            "KeyError: ('user', 'guest')",
        ]
    )
    # The page's own text (its settings, its request's headers) is left out.
    assert "Request Method" not in result.stdout.str()
    # The traceback once: Django's own logging shows it on a debug site, the run's adds none.
    assert result.stdout.str().count("Internal Server Error: /color/then-fail/") == 1
    assert len(result.outlines) < 40


def test_under_xdist_a_base_url_that_is_not_the_site_stops_the_workers(
    project: pytest.Pytester, file_server: str
) -> None:
    # The controller collects nothing: each worker checks, and stops at its first test.
    project.makefile(".feature", other=FEATURE.replace("The lesson's example", "Another example"))
    project.makepyfile(test_other=TEST_MODULE.replace("colour.feature", "other.feature"))
    result, seconds = run_timed(project, f"--base-url={file_server}", "-n", "2")
    assert result.ret != pytest.ExitCode.OK
    lines = error_lines(result)
    assert lines
    assert all(f"HTTP 404 at {file_server}color/, the first page the spec opens" in line for line in lines)
    assert len(result.outlines + result.errlines) < 40
    assert seconds < PROMPT_S


def test_a_site_port_with_two_cells_is_refused_up_front(project: pytest.Pytester, closed_port: int) -> None:
    line = up_front_error_line(project, f"--site-port={closed_port}", "--session-engine=db", "--server=all")
    assert "--site-port serves one server: use it with one engine and one server" in line
    assert not list(project.path.rglob("*-server.log")), "a server was started"

"""The step mutants' runner without a browser: its mutants, the scenarios each reaches, its verdicts."""

from __future__ import annotations

import json
import re
import signal
import sys
import time
from pathlib import Path

import pytest
from run_census import SpecRun
from spec_runner import PROJECT

sys.path.insert(0, str(PROJECT / "scripts"))

import step_mutants
from killers import Killers
from mutation import Mutant, assertion_mutations, equivalent_patterns, matches, mutated_sources, score
from package_copies import PackageCopies

SOURCE = '''
def check(values: list[int], limit: int) -> bool:
    """Every value is under the limit."""
    assert values, f"no values under {limit}"
    if not values:
        raise ValueError("no values")
    return all(value < limit for value in values) and limit > 0
'''


def test_the_assertion_operators_change_each_check_and_leave_messages_alone() -> None:
    changes = [(line, change) for line, change, _ in mutated_sources(SOURCE, assertion_mutations, skip_messages=True)]
    assert changes == [
        (4, "statement removed: assert values, f'no values under {limit}'"),
        (5, "negated condition: not values"),
        (5, "statement removed: if not values: raise ValueError('no values')"),
        (5, "not dropped: not values"),
        (6, "statement removed: raise ValueError('no values')"),
        (7, "returns True: return all((value < limit for value in values)) and limit..."),
        (7, "returns False: return all((value < limit for value in values)) and limit..."),
        (7, "And -> Or in all((value < limit for value in values)) and limit > 0"),
        (7, "Lt -> GtE in value < limit"),
        (7, "bound moved: Lt -> LtE in value < limit"),
        (7, "Gt -> LtE in limit > 0"),
        (7, "bound moved: Gt -> GtE in limit > 0"),
        (7, "0 -> 1"),
    ]


def test_each_mutant_is_the_module_with_its_one_change() -> None:
    sources = {change: source for _, change, source in mutated_sources(SOURCE, assertion_mutations)}
    assert "limit >= 0" in sources["bound moved: Gt -> GtE in limit > 0"]
    assert "assert values" not in sources["statement removed: assert values, f'no values under {limit}'"]
    # Without skip_messages, the message's text is a mutant too.
    assert "' -> 'XXno values under XX'" in " ".join(sources)


def test_a_step_mutant_is_named_by_its_unit_and_change_not_its_line() -> None:
    first = Mutant("steps/page.py", 10, "0 -> 1", "", 'step "the page"', keyed_by_function=True)
    moved = Mutant("steps/page.py", 99, "0 -> 1", "", 'step "the page"', keyed_by_function=True)
    assert first.id == moved.id == 'steps/page.py: step "the page": 0 -> 1'
    ids = [mutant.id for mutant in step_mutants.mutants_of("steps/page.py")]
    assert 'steps/page.py: step "<visitor> gets a server error": Eq -> NotEq in visit.status == 500' in ids
    assert len(ids) == len(set(ids)), "two mutants share a name"


def test_store_py_is_mutated_only_in_what_the_steps_read() -> None:
    units = {
        mutant.function.split(".")[0]
        for mutant in step_mutants.mutants_of("server/store_readers.py")
        if mutant.function
    }
    assert units == set(step_mutants.TARGETS["server/store_readers.py"] or ())
    assert "DjangoThread" not in units


@pytest.fixture(scope="module")
def reach() -> step_mutants.Reach:
    return step_mutants.reach()


def reached(reach: step_mutants.Reach, module: str, pattern: str) -> set[str]:
    mutant = next(mutant for mutant in step_mutants.mutants_of(module) if matches(mutant.id, pattern))
    return {scenario.test_name for scenario in step_mutants.scenarios_for(mutant, reach)}


def test_a_step_definition_reaches_the_scenarios_its_parser_matches(reach: step_mutants.Reach) -> None:
    assert reached(reach, "steps/cookies.py", 'steps/cookies.py: step "the session cookie has no expiry date": *') == {
        "test_set_expiry0_gives_a_cookie_that_ends_with_the_browser"
    }


def test_an_outlines_steps_are_matched_with_each_examples_values(reach: step_mutants.Reach) -> None:
    # "the visitor's session cookie is <damage>" matches the step's regex only once rendered.
    pattern = "steps/cookies.py: step \"(the visitor's|<visitor>'s) session cookie is <damage>\": *"
    assert reached(reach, "steps/cookies.py", pattern) == {
        "test_a_session_cookie_that_was_damage_loads_as_an_empty_session"
    }


def test_a_function_the_steps_call_reaches_the_scenarios_of_those_steps(reach: step_mutants.Reach) -> None:
    assert reached(reach, "browser/signed_cookie.py", "browser/signed_cookie.py: read_payload: *") == {
        "test_anyone_can_read_the_data_in_the_cookie",
        "test_anyone_can_read_the_data_in_the_cookie_even_where_django_compressed_it",
        "test_the_cookies_value_changes_whenever_the_data_changes",
    }


def test_a_unit_no_step_names_reaches_every_scenario(reach: step_mutants.Reach) -> None:
    every = {scenario.test_name for scenario in reach.scenarios}
    assert reached(reach, "browser/visitors.py", "browser/visitors.py: Visitors.__getitem__: *") == every


def test_a_verdict_differs_when_a_scenario_passes_fails_or_skips_otherwise() -> None:
    baseline = {"test_a[db-wsgi]": "passed", "test_b[db-wsgi]": "failed", "test_c[db-wsgi]": "skipped"}
    tests = list(baseline)
    assert not step_mutants.differs(baseline, dict(baseline), tests)
    assert step_mutants.differs(baseline, {**baseline, "test_a[db-wsgi]": "failed"}, tests)
    assert step_mutants.differs(baseline, {**baseline, "test_b[db-wsgi]": "passed"}, tests)
    assert step_mutants.differs(baseline, {**baseline, "test_c[db-wsgi]": "passed"}, tests)
    # A run that reported nothing, or not this test, broke the spec itself.
    assert step_mutants.differs(baseline, None, tests)
    assert step_mutants.differs(baseline, {"test_a[db-wsgi]": "passed"}, tests)
    # Only the tests the mutant reaches are compared.
    assert not step_mutants.differs(baseline, {**baseline, "test_c[db-wsgi]": "passed"}, tests[:2])
    assert step_mutants.verdict_of("error") == "failed"


def test_an_equivalents_pattern_has_one_wildcard_and_takes_brackets_literally() -> None:
    mutant_id = 'steps/cookies.py: step "[the] cookie": 0 -> 1'
    assert matches(mutant_id, 'steps/cookies.py: step "[the] cookie": *')
    assert not matches(mutant_id, 'steps/cookies.py: step "t cookie": *')
    assert not matches(mutant_id, "steps/cookies.py: *: 1 -> 2")


def test_the_site_and_the_steps_have_lists_of_their_own() -> None:
    assert all(not pattern.startswith("steps/") for pattern in equivalent_patterns(steps=False))
    assert all(not pattern.startswith(("views.py", "urls.py")) for pattern in equivalent_patterns(steps=True))


def test_the_mutants_are_judged_on_every_near_miss_the_spec_is_shown_to_fail() -> None:
    # A near miss added to the tests that the spec can fail must also judge the step mutants.
    used = {
        name
        for test in ("test_spec_can_fail.py", "test_settings_scenarios.py")
        for name in re.findall(
            r"broken_site\.\w+_settings|broken_site\.settings", (PROJECT / "tests" / test).read_text()
        )
    }
    judging = {option.removeprefix("--site-settings=") for site in step_mutants.SITES for option in site.options}
    assert used - judging == set()


@pytest.mark.parametrize("site", step_mutants.SITES, ids=lambda site: site.name)
def test_every_judge_site_collects_scenarios_with_its_options(
    site: step_mutants.Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A whole run judges for hours: an option a judge's pytest refuses must fail here, not there.
    # Collecting reaches no server, so the deployment's address may be one where nothing listens.
    monkeypatch.setattr(step_mutants, "DEPLOYED", ["http://127.0.0.1:9"])
    assert step_mutants.collected(site, step_mutants.reach().scenarios)


def test_the_tests_that_killed_a_units_mutants_are_tried_first_then_the_modules() -> None:
    killers: Killers[str] = Killers()
    killers.record("browser/visitors.py", "Visitor.open", "bundled", ["test_a[db-wsgi]"])
    killers.record("browser/visitors.py", "Visitor.open", "bundled", ["test_a[db-wsgi]", "test_b[db-wsgi]"])
    killers.record("browser/visitors.py", "Visit.text", "near miss", ["test_c[db-wsgi]"])
    killers.record("server/store_readers.py", "ProbeStore.load", "bundled", ["test_d[db-wsgi]"])

    def admits(site: str, test: str) -> bool:
        return test != "test_b[db-wsgi]"

    # The unit's own killer first, then its module's; never another module's, never one not admitted.
    assert killers.likely("browser/visitors.py", "Visitor.open", admits) == [
        ("bundled", ["test_a[db-wsgi]"]),
        ("near miss", ["test_c[db-wsgi]"]),
    ]
    assert killers.likely("browser/signed_cookie.py", "read_payload", admits) == []


def test_a_runs_killers_order_the_next_runs_tries_and_the_units_it_judged_are_counted_anew(tmp_path: Path) -> None:
    saved = tmp_path / "killers.json"
    last_run: Killers[str] = Killers()
    last_run.record("steps/store.py", "count_sessions", "signed cookies", ["test_e[signed_cookies-wsgi]"])
    last_run.record("steps/store.py", "count_sessions", "a site gone since", ["test_f[db-wsgi]"])
    last_run.save(saved, str)

    next_run: Killers[str] = Killers()
    sites = {"signed cookies": "signed cookies", "bundled": "bundled"}
    next_run.load(saved, sites)
    next_run.load(tmp_path / "none-yet.json", sites)  # a clone's first run: nothing to load

    def admits(site: str, test: str) -> bool:
        return True

    # The site of the last run's killer first; a site the runner no longer has is left out.
    assert next_run.likely("steps/store.py", "count_sessions", admits) == [
        ("signed cookies", ["test_e[signed_cookies-wsgi]"])
    ]
    # A partial run (one unit of the module) counts that unit and the module anew; the unit
    # it did not judge keeps the last run's count, its gone site still left out.
    next_run.record("steps/store.py", "assert_session_is", "bundled", ["test_g[db-wsgi]"])
    next_run.save(saved, str)
    assert json.loads(saved.read_text()) == {
        "steps/store.py": [["bundled", "test_g[db-wsgi]", 1]],
        "steps/store.py: assert_session_is": [["bundled", "test_g[db-wsgi]", 1]],
        "steps/store.py: count_sessions": [["signed cookies", "test_e[signed_cookies-wsgi]", 1]],
    }


def test_a_mutant_is_killed_when_a_reached_test_changes_its_verdict_and_reported_as_such() -> None:
    baseline = {"test_a[db-wsgi]": "passed", "test_b[db-wsgi]": "failed", "test_c[db-wsgi]": "passed"}
    # Stopped at the first failure: the test not reported differs, but only the reported one killed.
    verdicts = {"test_a[db-wsgi]": "failed"}
    tests = list(baseline)
    assert step_mutants.differs(baseline, verdicts, tests)
    assert step_mutants.changed(baseline, verdicts, tests) == ["test_a[db-wsgi]"]
    assert step_mutants.changed(baseline, None, tests) == []


def test_every_equivalent_listed_names_a_mutant_that_exists() -> None:
    # A pattern that matches no mutant is a stale entry: its code moved or changed, and the
    # mutant it stood for is judged again under its new name, or the reason is gone.
    import mutants as site_mutants

    step_ids = [mutant.id for module in step_mutants.TARGETS for mutant in step_mutants.mutants_of(module)]
    site_ids = [mutant.id for module in site_mutants.TARGETS for mutant in site_mutants.mutants_of(module)]
    stale = [
        pattern
        for pattern, ids in (
            *((pattern, step_ids) for pattern in equivalent_patterns(steps=True)),
            *((pattern, site_ids) for pattern in equivalent_patterns(steps=False)),
        )
        if not any(matches(mutant_id, pattern) for mutant_id in ids)
    ]
    assert stale == [], f"{len(stale)} equivalents in docs/mutants.md name no mutant, e.g. {stale[:3]}"


# The mutation runner, hearing SIGINT as Ctrl-C even where this process ignores it.
RUNNER_HEARING_SIGINT = (
    "import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
    "sys.path.insert(0, sys.argv[1]); sys.argv = sys.argv[2:]; runpy.run_path(sys.argv[0], run_name='__main__')"
)


@pytest.mark.process_lifetime
@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_one_signal_ends_a_mutation_run_and_every_spec_run_it_started(tmp_path: Path, number: signal.Signals) -> None:
    script = PROJECT / "scripts" / "step_mutants.py"
    run = SpecRun(
        tmp_path / "mutants.log",
        command=[sys.executable, "-c", RUNNER_HEARING_SIGINT, str(script.parent), str(script), "--jobs=1", "--match=x"],
    )
    try:
        # Stopped while the first baseline runs (the bundled site on every engine: long
        # enough that it cannot end of itself meanwhile), once its servers have started.
        deadline = time.monotonic() + 120
        while not any(" -m gunicorn " in process.command for process in run.processes()):
            assert run.process.poll() is None and time.monotonic() < deadline, f"no spec run started:\n{run.output()}"
            time.sleep(0.2)
        printed = len(run.output(lines=1000))
        run.signal(number)
        assert run.wait_for_end(timeout=60) == 130, run.output()
        # The runs in flight were ended, not waited for: none of them got to its verdicts.
        after = run.output(lines=1000)[printed:]
        assert "baseline," not in after, after
        assert run.output(lines=1) == "interrupted: every spec run it started has ended"
        survivors = run.survivors(grace=5)
        assert survivors.remaining == [], str(survivors)
    finally:
        run.end()


def test_a_score_with_a_survivor_is_never_rounded_up_to_100_percent() -> None:
    assert score(661, 664) == "99.5%"
    assert score(999, 1000) == "99.9%"
    assert score(664, 664) == "100%"


def test_a_spec_run_that_outlives_its_deadline_gives_no_verdict_and_each_test_has_a_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ended from outside, a run says nothing of the mutant: counted as a kill, a walk of
    # many tests on a loaded machine would kill a mutant that changed nothing.
    started: list[tuple[list[str], float]] = []

    def outlived(command: list[str], environment: dict[str, str], timeout: float, cwd: Path) -> None:
        started.append((command, timeout))

    site = step_mutants.SITES[0]
    tests = [f"test_{letter}[db-wsgi]" for letter in "abc"]
    for test in tests:
        monkeypatch.setitem(step_mutants.MODULE_OF, (site.name, test), "tests/test_features.py")
    monkeypatch.setattr(step_mutants, "COPIES", [PackageCopies(step_mutants.PACKAGE, tmp_path / "copies")])
    monkeypatch.setattr(step_mutants, "run_spec_process", outlived)
    with pytest.raises(step_mutants.SpecRunTimedOut, match="3 tests, bundled site: ran past"):
        step_mutants.run_spec(site, tests, tmp_path, tmp_path, dict.fromkeys(tests, "passed"))
    [(command, deadline)] = started
    # A hung step fails its test alone (a verdict naming it), long before the run's deadline.
    assert f"--timeout={step_mutants.TEST_TIMEOUT_S}" in command
    assert deadline > 3 * step_mutants.TEST_TIMEOUT_S


def test_the_tests_that_passed_without_looking_are_read_whole_names_with_spaces_too(tmp_path: Path) -> None:
    # Split at spaces, an outline's name was lost: its baseline read "passed" where its step
    # could not look, and every mutant's run stopped at it, called killed by the tests after.
    listed = tmp_path / "not-checked.txt"
    names = ["test_code_does_not_exist[db-wsgi-request.session.set('colour', 'blue')-/set/]", "test_plain[db-wsgi]"]
    listed.write_text("".join(f"{name}\n" for name in names))
    assert step_mutants.not_checked_names(listed) == set(names)
    assert step_mutants.not_checked_names(tmp_path / "none.txt") == set()


def test_the_judges_deployment_serves_one_spec_run_at_a_time() -> None:
    # Its store is shared: a run counting its sessions would count another job's.
    deployed = [site for site in step_mutants.SITES if site.deployed]
    assert [site.name for site in deployed] == [
        "a deployment under a prefix, read through its probe",
        "a deployment under a prefix, its store unread",
    ]
    assert all(step_mutants.in_turn(site) is step_mutants.DEPLOYMENT_IN_USE for site in deployed)
    others = [site for site in step_mutants.SITES if not site.deployed]
    assert not any(step_mutants.in_turn(site) is step_mutants.DEPLOYMENT_IN_USE for site in others)

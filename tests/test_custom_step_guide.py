"""The custom step that docs/steps.md shows runs as written, on a project that is not ours."""

from __future__ import annotations

import re

import pytest
from spec_runner import PROJECT
from third_party import make_shop

GUIDE = PROJECT / "docs" / "steps.md"


def code_block(language: str) -> str:
    """The one block of ``language`` in the guide, as a reader would copy it."""
    blocks = re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text(), flags=re.DOTALL)
    assert len(blocks) == 1, f"docs/steps.md has {len(blocks)} {language} blocks, not one"
    return str(blocks[0])


def test_the_documented_custom_step_works_with_the_catalogues(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    shop.makeconftest(code_block("python"))
    (shop.path / "basket.feature").write_text(code_block("gherkin"))
    result = shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}")
    result.assert_outcomes(passed=1)


def test_without_act_the_catalogues_steps_do_not_see_the_request(pytester: pytest.Pytester) -> None:
    shop = make_shop(pytester)
    script = 'shopper.page.evaluate("() => { fetch(location.pathname) }")'
    with_act = code_block("python")
    assert f'shopper.act("adding an item in the background", lambda: {script})' in with_act, "the guide's step changed"
    # The same script, run straight on the page: it still fetches, neither recorded nor waited for.
    shop.makeconftest(with_act.replace(f'shopper.act("adding an item in the background", lambda: {script})', script))
    (shop.path / "basket.feature").write_text(code_block("gherkin"))
    result = shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}", "--reruns=0")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*the browser held no session cookie before /basket/add/*"])

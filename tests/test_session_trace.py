"""The servers trace sessions only while the report is on: without it, no middleware in their settings and no trace."""

from __future__ import annotations

import pytest

REPORT_OFF_OR_ON = """
from session_steps.server.overlays import overlay_module_name


def test_the_lessons_view(visitors, site_pool, site_cell):
    visit = visitors["the visitor"].open("/color/")
    overlay = (site_pool.folder / (overlay_module_name(site_cell) + ".py")).read_text()
    assert ("session_trace" in overlay, visit.responses[-1].trace is not None) == ({traced}, {traced})
"""


@pytest.mark.parametrize(("options", "traced"), [((), False), (("--session-report=report",), True)])
def test_a_server_traces_only_while_the_report_is_on(
    pytester: pytest.Pytester, options: tuple[str, ...], traced: bool
) -> None:
    pytester.makepyfile(test_traced=REPORT_OFF_OR_ON.format(traced=traced))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *options, timeout=120)
    result.assert_outcomes(passed=1)

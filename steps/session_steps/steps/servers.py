"""Steps about a site served by two servers: which one a visitor's request goes to."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, when

from session_steps.browser.visitors import Visitors
from session_steps.server.server_process import SECOND_SERVER_IN_USE, ServerProcess
from session_steps.server.site import NoSecondServer, Site
from session_steps.steps.phrases import PATH, WHO

ON_SERVER = r" on the (?P<server>first|second) server"


def second_server(request: pytest.FixtureRequest, site: Site) -> ServerProcess:
    """The site's second server, its log kept for the failure report.

    The scenario skips, saying why, where the run serves no site of its own.
    """
    try:
        server = site.second_server()
    except NoSecondServer as error:
        pytest.skip(str(error))
    request.node.stash.setdefault(SECOND_SERVER_IN_USE, (server, server.log_size()))
    return server


@given(parsers.re(r"the site is served by two servers, on two ports of one host"))
def _(request: pytest.FixtureRequest, site: Site) -> None:
    """Start a second server beside the site's own: the same settings on a machine of its own.

    Both reach the same database and cache servers; each has its own memory and its own
    folder for session files and file-based caches. The browser sends both the same
    cookies, which it keeps by host, not by port.
    """
    second_server(request, site)


@given(parsers.re(rf"{WHO} has opened {PATH}(?: (?P<times>\d+) times?)?{ON_SERVER}"))
@when(parsers.re(rf"{WHO} opens {PATH}(?: (?P<times>\d+) times?)?{ON_SERVER}"))
def _(
    request: pytest.FixtureRequest,
    visitors: Visitors,
    site: Site,
    visitor: str,
    path: str,
    times: str | None,
    server: str,
) -> None:
    """Open a path (several times in a row) on the first server, the site's own, or on the second."""
    url = site.url if server == "first" else second_server(request, site).url
    for _ in range(int(times or 1)):
        visitors[visitor].open(path, url)

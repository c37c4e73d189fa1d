"""Only a site the plugin serves itself has a second server; the others say why not."""

from __future__ import annotations

from typing import cast

import pytest

from session_steps.matrix.cells import ENGINES, Cell
from session_steps.server.deployed_site import DeployedSite
from session_steps.server.live_server_site import LiveServerSite
from session_steps.server.site import NoSecondServer, Site
from session_steps.server.store_readers import DjangoThread

CELL = Cell(ENGINES["db"], "wsgi")


@pytest.mark.parametrize(
    "site",
    [
        DeployedSite("http://127.0.0.1:8000", CELL),
        LiveServerSite("http://127.0.0.1:8000", CELL, cast(DjangoThread, None), "sessionid"),
    ],
    ids=["deployment", "pytest-django's live server"],
)
def test_a_site_the_run_does_not_serve_has_no_second_server_and_says_why(site: Site) -> None:
    with pytest.raises(NoSecondServer, match="the scenarios of a site served by several servers run on the sites"):
        site.second_server()

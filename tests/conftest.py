"""Fixtures of this project's own tests; the spec's fixtures come from the plugin."""

from __future__ import annotations

import pytest
from view_client import DjangoThreadClient

from session_steps.server.served_sites import SitePool

pytest_plugins = ["pytester"]


@pytest.fixture
def view_client(site_pool: SitePool) -> DjangoThreadClient:
    """A fresh Django test client for the site under test (a new visitor)."""
    return DjangoThreadClient(site_pool.django_thread())

"""Every feature of the shop, on pytest-django's live server."""

import pytest
from pytest_bdd import scenarios

# pytest-django must start the test database and the live server before each scenario.
pytestmark = pytest.mark.usefixtures("transactional_db", "live_server")

scenarios("basket.feature", "theme.feature", "checkout.feature")

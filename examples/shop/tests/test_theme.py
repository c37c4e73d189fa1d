"""The theme's scenarios, on the shop the plugin serves."""

from pytest_bdd import scenarios

scenarios("theme.feature")

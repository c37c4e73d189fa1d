"""The checkout's scenarios, on the shop the plugin serves."""

from pytest_bdd import scenarios

scenarios("checkout.feature")

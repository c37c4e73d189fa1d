"""The store probe's secret: compared in constant time, and never matched where none is configured."""

from __future__ import annotations

import pytest

from session_steps.server.probe_protocol import DEPLOYMENT_ACTIONS, same_secret


@pytest.mark.parametrize(
    ("configured", "given", "same"),
    [
        ("s3cret", "s3cret", True),
        ("s3cret", "s3cre", False),
        ("s3cret", "S3CRET", False),
        ("s3cret", None, False),
        # No setting, or an empty one: the probe is off, whatever a request carries.
        (None, "", False),
        (None, "None", False),
        ("", "", False),
        # A setting that is not a string is no secret.
        (123, "123", False),
        ("sécret", "sécret", True),
    ],
)
def test_a_secret_matches_only_the_configured_one(configured: object, given: str | None, same: bool) -> None:
    assert same_secret(configured, given) is same


def test_the_comparison_takes_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []

    def compare_digest(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return a == b

    monkeypatch.setattr("hmac.compare_digest", compare_digest)
    assert same_secret("s3cret", "s3cret")
    assert compared == [(b"s3cret", b"s3cret")]


def test_a_deployments_probe_never_clears_the_cache() -> None:
    assert "clear-cache" not in DEPLOYMENT_ACTIONS
    assert {"load", "exists", "count", "start"} <= DEPLOYMENT_ACTIONS

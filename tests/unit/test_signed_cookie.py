"""A signed_cookies session cookie read and forged without the key, against Django's own signing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signing

from session_steps.browser.signed_cookie import read_payload, rewrite_payload

# As Django's signed_cookies engine signs a session, with a key of this test's own.
SALT = "django.contrib.sessions.backends.signed_cookies"
SIGNER = signing.TimestampSigner(key="a key of this test", salt=SALT, fallback_keys=[])


def signed(data: dict[str, Any], compress: bool) -> str:
    return SIGNER.sign_object(data, serializer=signing.JSONSerializer, compress=compress)


@pytest.mark.parametrize(
    ("data", "compress"),
    [
        ({"color": "blue"}, False),
        # Compressed where that is shorter: Django marks the payload with a leading dot.
        ({"note": "a" * 200}, True),
        ({}, False),
    ],
)
def test_the_data_is_read_without_the_key(data: dict[str, Any], compress: bool) -> None:
    cookie = signed(data, compress)
    assert cookie.startswith(".") is compress
    assert read_payload(cookie) == data


def test_rewritten_data_keeps_the_timestamp_and_signature_so_django_refuses_it() -> None:
    cookie = signed({"color": "blue"}, compress=False)
    forged = rewrite_payload(cookie, {"color": "green"})
    assert read_payload(forged) == {"color": "green"}
    assert forged.split(":")[1:] == cookie.split(":")[1:]
    # Written as Django writes a payload, without base64's padding, so only the signature differs.
    assert "=" not in cookie and "=" not in forged
    assert SIGNER.unsign_object(cookie, serializer=signing.JSONSerializer) == {"color": "blue"}
    with pytest.raises(signing.BadSignature):
        SIGNER.unsign_object(forged, serializer=signing.JSONSerializer)


@pytest.mark.parametrize("value", ["", "payload-only", "a:b", "a:b:c:d"])
def test_a_value_that_is_not_payload_timestamp_signature_is_refused_naming_it(value: str) -> None:
    with pytest.raises(ValueError) as refused:
        rewrite_payload(value, {})
    assert str(refused.value) == f"{value!r} is not a signed cookie (payload:timestamp:signature)"

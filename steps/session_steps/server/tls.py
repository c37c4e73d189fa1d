"""A certificate for serving the site over HTTPS, from a certificate authority made for one run.

trustme makes the authority and a certificate for 127.0.0.1 and localhost; the server
gets the certificate and its key as files, and this process trusts the authority when it
talks to the server itself (waiting for it to answer, asking the probe).
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path

from session_steps.errors import SpecSetupError

TRUSTME_MISSING = "--site-https needs trustme: pip install 'django-session-spec[https]'"


@dataclass(frozen=True)
class SiteCertificate:
    """The server's certificate chain and key on disk, and a client context that trusts them."""

    chain_path: Path
    key_path: Path
    client_context: ssl.SSLContext


def make_site_certificate(folder: Path) -> SiteCertificate:
    """A new authority and a certificate it signed for the loopback names, written into ``folder``."""
    try:
        import trustme
    except ImportError as error:
        raise SpecSetupError(TRUSTME_MISSING) from error
    folder.mkdir(parents=True, exist_ok=True)
    authority = trustme.CA(organization_name="django-session-spec test authority")
    issued = authority.issue_cert("127.0.0.1", "localhost")
    chain_path, key_path = folder / "site-chain.pem", folder / "site-key.pem"
    issued.private_key_pem.write_to_path(str(key_path))
    chain_path.write_bytes(b"".join(blob.bytes() for blob in issued.cert_chain_pems))
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    return SiteCertificate(chain_path, key_path, client_context)


def any_certificate() -> ssl.SSLContext:
    """A client context that accepts any certificate: for a deployment the run was told to trust
    (``--ignore-https-errors``), or a request whose answer proves nothing but its timing."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context

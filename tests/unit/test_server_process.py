"""The command that serves the site on an inherited socket, over HTTP or HTTPS."""

from __future__ import annotations

import ssl
import sys
from pathlib import Path

from session_steps.server.server_process import server_command, tls_options
from session_steps.server.tls import SiteCertificate

CERTIFICATE = SiteCertificate(Path("/run/chain.pem"), Path("/run/key.pem"), ssl.create_default_context())


def test_plain_http_needs_no_tls_options() -> None:
    assert tls_options("wsgi", None) == []
    assert tls_options("asgi", None) == []


def test_each_server_is_given_the_certificate_in_its_own_option_names() -> None:
    assert tls_options("wsgi", CERTIFICATE) == ["--certfile=/run/chain.pem", "--keyfile=/run/key.pem"]
    assert tls_options("asgi", CERTIFICATE) == ["--ssl-certfile=/run/chain.pem", "--ssl-keyfile=/run/key.pem"]


def test_gunicorn_serves_the_socket_in_one_process_with_threads() -> None:
    command = server_command("wsgi", 7, threads=4)
    assert command[:3] == [sys.executable, "-m", "gunicorn"]
    assert {"--bind=fd://7", "--workers=1", "--threads=4", "--preload"} <= set(command)
    assert not [option for option in command if "certfile" in option or "keyfile" in option]


def test_uvicorn_serves_the_socket_with_the_site_s_asgi_application() -> None:
    command = server_command("asgi", 9, threads=4)
    assert command[:3] == [sys.executable, "-m", "uvicorn"]
    assert {"--fd=9", "--factory", "session_steps.server.asgi_app:site_application", "--lifespan=off"} <= set(command)


def test_with_a_certificate_both_servers_serve_https() -> None:
    gunicorn = server_command("wsgi", 7, 4, CERTIFICATE)
    # The application comes last: gunicorn reads no option after it.
    assert gunicorn[-3:] == [*tls_options("wsgi", CERTIFICATE), "django.core.wsgi:get_wsgi_application()"]
    assert server_command("asgi", 9, 4, CERTIFICATE)[-2:] == tls_options("asgi", CERTIFICATE)

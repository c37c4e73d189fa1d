"""Whether a site serves two requests at once, asked once per site at the gate of its slow page.

The scenarios in which two requests of a visitor overlap hold one request at the site's
gate (session_site/gate.py) while another runs; a server that serves one request at a
time can only fail them, with a bare 500 after the gate's wait.
"""

from __future__ import annotations

import contextlib
import threading
import urllib.error
import urllib.request

from session_steps.server.tls import any_certificate

# The site's gate: the slow page waits there until it is opened (session_site/gate.py).
SLOW_PATH = "/visits/slow/"
GATE_REACHED = "/gate/reached/"
GATE_OPEN = "/gate/open/"
# How long a server that serves two at once may take to answer while the slow page waits.
SECOND_REQUEST_S = 5.0
# The slow page gives up at the gate after 10 s (gate.WAIT_S): wait a little longer for it.
SLOW_REQUEST_S = 15.0


def opener(url: str) -> urllib.request.OpenerDirector:
    """An opener as the browser is: no proxy from the environment; over HTTPS, any certificate.

    The check sends nothing secret and reads no answer but its timing; the steps'
    browser decides whether the site's certificate is trusted.
    """
    handlers: list[urllib.request.BaseHandler] = [urllib.request.ProxyHandler({})]
    if url.startswith("https:"):
        handlers.append(urllib.request.HTTPSHandler(context=any_certificate()))
    return urllib.request.build_opener(*handlers)


def fetch(url: str, timeout: float) -> None:
    """Request ``url``; an HTTP error status is an answer too."""
    with contextlib.suppress(urllib.error.HTTPError):
        opener(url).open(url, timeout=timeout).close()


def join(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def one_at_a_time(base_url: str, second_request_s: float = SECOND_REQUEST_S) -> str | None:
    """Why the overlap scenarios cannot run on the site at ``base_url``, or None where it serves two at once.

    Opens the slow page, which waits at the gate, and asks meanwhile whether it is there;
    a server that answers opens the gate. One that serves one request at a time answers
    only once the slow page gave up, so the gate is left as it was.
    """
    slow = threading.Thread(target=fetch_quietly, args=(join(base_url, SLOW_PATH), SLOW_REQUEST_S), daemon=True)
    slow.start()
    try:
        fetch(join(base_url, GATE_REACHED), second_request_s)
    except (TimeoutError, urllib.error.URLError) as error:
        if not timed_out(error):
            return None  # the scenario's own steps will say what is wrong with the site
        return (
            f"the server at {base_url} served one request at a time (a second request got no answer within "
            f"{second_request_s:g} s while {SLOW_PATH} waited): run it with threads, e.g. gunicorn --threads 4"
        )
    fetch_quietly(join(base_url, GATE_OPEN), second_request_s)
    slow.join(SLOW_REQUEST_S)
    return None


def fetch_quietly(url: str, timeout: float) -> None:
    """Request ``url``, whatever comes of it: the check's verdict is in the gate's answer."""
    with contextlib.suppress(urllib.error.URLError, OSError):
        fetch(url, timeout)


def timed_out(error: Exception) -> bool:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    return isinstance(reason, TimeoutError)

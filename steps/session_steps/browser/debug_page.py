"""Django's debug pages (``DEBUG = True``) told in one line: a failure shows the exception, not the page."""

from __future__ import annotations

import re

# Both debug pages end by saying why they are shown.
DEBUG_FOOTER = re.compile(r"because you have\s+DEBUG = True")
# The server error page opens with "KeyError at /color/then-fail/", then the exception's message.
SERVER_ERROR = re.compile(r"\A\s*(?P<type>[\w.]+)\s+at\s+(?P<path>/\S*)\s*\n\s*(?P<message>[^\n]*)")
NOT_FOUND = re.compile(r"\A\s*Page not found \(404\)")
REQUEST_URL = re.compile(r"Request URL:\s*(?P<url>\S+)")


def debug_page_summary(text: str) -> str | None:
    """What a Django debug page says in one line ("/a/ raised KeyError: 'b'"); None for any other page."""
    if not DEBUG_FOOTER.search(text):
        return None
    error = SERVER_ERROR.match(text)
    if error:
        return f"{error['path']} raised {error['type']}: {error['message'].strip()}"
    if NOT_FOUND.match(text):
        url = REQUEST_URL.search(text)
        return f"page not found (404){' at ' + url['url'] if url else ''}"
    return "a debug page"

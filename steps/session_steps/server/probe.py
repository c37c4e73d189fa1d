"""A middleware the harness adds to a server whose session store lives in its own memory.

With the local-memory cache engine no other process can read the store, so this answers
the spec's questions about it from inside the server, with the server's SessionStore. It
only answers requests carrying the run's secret token, and is never part of a real site.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

from session_steps.server import django_store
from session_steps.server.probe_protocol import KEY_HEADER, PROBE_PATH, TOKEN_HEADER, TOKEN_SETTING, same_secret
from session_steps.server.run_caches import NotClearable


class SessionStoreProbe:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = getattr(settings, TOKEN_SETTING, None)
        if request.path != PROBE_PATH or not same_secret(token, request.headers.get(TOKEN_HEADER)):
            return self.get_response(request)
        return JsonResponse(answer(request.GET.get("action", ""), request.headers.get(KEY_HEADER, ""), request.body))


def answer(action: str, key: str, body: bytes = b"") -> dict[str, object]:
    """The answer to one question of ``ProbeStore``, as JSON data: read with the server's own engine.

    A question the engine fails on is answered with the failure, which the spec's step
    shows: otherwise it would see a bare HTTP 500, and the reason only in the server's log.
    """
    try:
        return answer_of_the_store(action, key, body)
    except Exception as error:
        return {"error": f"{type(error).__name__}: {error}"}


def answer_of_the_store(action: str, key: str, body: bytes = b"") -> dict[str, object]:
    if action == "start":
        data = json.loads(body or b"null")
        if not isinstance(data, dict):
            return {"error": "a session starts from a JSON object of its data"}
        return {"key": django_store.start(data)}
    if action == "cookie-name":
        return {"cookie_name": settings.SESSION_COOKIE_NAME}
    if action == "load":
        return {"data": django_store.load(key or None)}
    if action == "exists":
        return {"exists": django_store.exists(key)}
    if action == "cache-holds":
        return {"holds": django_store.cache_holds(key)}
    if action == "clear-cache":
        try:
            django_store.clear_cache()
        except NotClearable as error:
            return {"not_clearable": str(error)}
        return {"cleared": True}
    if action == "count":
        return count()
    if action == "session-files":
        return {"files": django_store.session_files()}
    return {"error": f"unknown action {action!r}"}


def count() -> dict[str, object]:
    try:
        counted = django_store.count()
    except django_store.NotCountable as error:
        return {"not_countable": str(error), "in_cookies": isinstance(error, django_store.KeptInCookies)}
    return {"sessions": counted.sessions, "counted": counted.counted}

"""A middleware the harness adds to a server whose session store lives in its own memory.

With the local-memory cache engine no other process can read the store, so this answers
the spec's questions about it from inside the server, with the server's SessionStore. It
only answers requests carrying the run's secret token, and is never part of a real site.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse

PROBE_PATH = "/__session-spec__/store"
TOKEN_HEADER = "X-Session-Spec-Token"


class SessionStoreProbe:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = getattr(settings, "SESSION_SPEC_PROBE_TOKEN", None)
        if request.path != PROBE_PATH or not token or request.headers.get(TOKEN_HEADER) != token:
            return self.get_response(request)
        return JsonResponse(answer(request.GET.get("action", ""), request.GET.get("key", "")))


def answer(action: str, key: str) -> dict[str, object]:
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if action == "load":
        return {"data": dict(store_class(session_key=key).load())}
    if action == "exists":
        return {"exists": bool(store_class().exists(key))}
    if action == "cache-holds":
        return {"holds": (store_class.cache_key_prefix + key) in caches[settings.SESSION_CACHE_ALIAS]}
    if action == "clear-cache":
        caches[settings.SESSION_CACHE_ALIAS].clear()
        return {"cleared": True}
    return {"error": f"unknown action {action!r}"}

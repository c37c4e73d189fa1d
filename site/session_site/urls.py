"""URLs of the site under test, one per snippet of the lesson."""

from __future__ import annotations

from types import ModuleType

from django.urls import URLPattern, path

from session_site import store_probe, views

# Each route and the name of its view, in views.py and in its async twin, async_views.py.
ROUTES = [
    # Setting and getting: the lesson's execution sample.
    ("color/", "view"),
    # Defaults: reading keys that were never stored.
    ("color/default-red/", "color_or_red"),
    ("color/default-green/", "color_or_green"),
    ("user-id/", "user_id_or_none"),
    ("color/brackets/", "color_with_brackets"),
    ("user/", "user_with_tuple_key"),
    # Counting visits.
    ("visits/", "my_view"),
    # Remembering the last page, in the right and the wrong orders.
    ("pages/<slug:name>/", "last_page"),
    ("set-first/<slug:name>/", "last_page_set_first"),
    ("brackets-first/<slug:name>/", "last_page_brackets_first"),
    # Saving happens when the response is sent, and not for a server error.
    ("color/then-fail/", "color_then_tuple_key"),
    # APIs that do not exist.
    ("mistakes/session-set/", "session_set"),
    ("mistakes/set-session/", "set_session"),
    ("mistakes/session-fetch/", "session_fetch"),
    # Beyond the lesson: the security feature.
    ("note/", "read_note"),
    ("note/write/", "note"),
    ("note/random/<int:length>/", "random_note"),
    ("visits/until-browser-closes/", "visits_until_browser_closes"),
    ("login/", "log_in"),
    ("logout/", "log_out"),
    ("whoami/", "who_am_i"),
    # Two requests that overlap: the slow view waits at a gate (session_site/gate.py).
    ("visits/slow/", "slow_visits"),
    ("gate/reached/", "gate_reached"),
    ("gate/open/", "gate_open"),
]


def url_patterns(module: ModuleType) -> list[URLPattern]:
    # The store probe, off unless a deployment sets its secret (session_site/store_probe.py).
    probe = path(store_probe.ROUTE, store_probe.store_probe)
    return [*(path(route, getattr(module, name)) for route, name in ROUTES), probe]


urlpatterns = url_patterns(views)

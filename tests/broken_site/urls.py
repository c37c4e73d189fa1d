"""The site's URLs, each view replaced by a near miss of the lesson's snippet."""

from __future__ import annotations

from django.urls import URLPattern, path

from broken_site import views
from session_site import store_probe
from session_site import views as site_views
from session_site.urls import urlpatterns as site_urlpatterns

BROKEN_VIEWS = {
    "color/": views.view_reads_another_key,
    "color/default-green/": views.color_or_red_instead_of_green,
    "user-id/": views.user_id_or_zero,
    "color/default-red/": views.color_or_red_stored,
    "color/brackets/": views.color_with_get,
    "user/": views.user_with_get,
    "visits/": views.visits_from_one,
    "pages/<slug:name>/": views.last_page_set_first,
    "set-first/<slug:name>/": views.last_page_get_first,
    "brackets-first/<slug:name>/": views.last_page_get_first,
    "color/then-fail/": views.color_then_get,
    "mistakes/session-set/": views.color_with_brackets_assignment,
    "mistakes/set-session/": views.color_with_brackets_assignment,
    "mistakes/session-fetch/": views.user_id_with_get,
    "note/write/": views.note_shared,
    "note/": views.read_note_unescaped,
    "visits/until-browser-closes/": views.visits_with_default_expiry,
    "login/": views.log_in_keeping_the_key,
    "logout/": views.log_out_keeping_the_session,
    "visits/slow/": views.slow_visits_merging,
    # Kept as they are: the spec's helpers, and a view only signed_cookies can fail.
    "note/random/<int:length>/": site_views.random_note,
    "whoami/": site_views.who_am_i,
    "gate/reached/": site_views.gate_reached,
    "gate/open/": site_views.gate_open,
    # Off without a deployment's secret, as on the site.
    store_probe.ROUTE: store_probe.store_probe,
}


def broken(pattern: URLPattern) -> URLPattern:
    route = str(pattern.pattern)
    return path(route, BROKEN_VIEWS[route])


urlpatterns = [broken(pattern) for pattern in site_urlpatterns if isinstance(pattern, URLPattern)]

"""The site's URLs with near misses that only the page, the response or the first tab tell apart."""

from __future__ import annotations

from django.urls import URLPattern, path

from broken_site import views
from session_site.urls import urlpatterns as site_urlpatterns

REPLACED = {
    # saves the right count, shows the one it loaded
    "visits/slow/": views.slow_visits_showing_the_count_it_loaded,
    # stores the color in a copy, so no cookie is sent
    "color/": views.color_in_a_copy,
    # reads only, but sends a cookie of its own
    "color/default-red/": views.color_or_red_with_a_cookie,
}


def replaced(pattern: URLPattern) -> URLPattern:
    route = str(pattern.pattern)
    return path(route, REPLACED[route]) if route in REPLACED else pattern


urlpatterns = [replaced(pattern) for pattern in site_urlpatterns]

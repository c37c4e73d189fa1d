"""The site's URLs with one near miss: the slow view saves the right count but shows another."""

from __future__ import annotations

from django.urls import URLPattern, path

from broken_site import views
from session_site.urls import urlpatterns as site_urlpatterns

REPLACED = {"visits/slow/": views.slow_visits_showing_the_count_it_loaded}


def replaced(pattern: URLPattern) -> URLPattern:
    route = str(pattern.pattern)
    return path(route, REPLACED[route]) if route in REPLACED else pattern


urlpatterns = [replaced(pattern) for pattern in site_urlpatterns]

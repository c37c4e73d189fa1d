"""The store probe alone, for a deployment to mount at the root of the URLs its own features run against.

``session_site.urls`` has it too, under wherever those pages are mounted; a project's own
features run against its base URL, where this puts it: ``path("", include("session_site.probe_urls"))``.
"""

from __future__ import annotations

from django.urls import path

from session_site import store_probe

urlpatterns = [path(store_probe.ROUTE, store_probe.store_probe)]

"""URLs of the site under ASGI: the same routes, served by the async twins of the views."""

from __future__ import annotations

from session_site import async_views
from session_site.urls import url_patterns

urlpatterns = url_patterns(async_views)

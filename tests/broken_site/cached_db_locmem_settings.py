"""Not a near miss: cached_db over Django's default cache, the local-memory cache of each server process."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

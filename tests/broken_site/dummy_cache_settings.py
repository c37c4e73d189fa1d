"""Sessions in a cache that keeps nothing: Django's dummy cache, the classic slip of a cache engine."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

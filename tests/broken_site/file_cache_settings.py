"""Not a near miss: the site on the cache engine, over a file-based cache the spec cannot list."""

from session_site.settings import *  # noqa: F403
from session_steps.matrix.cells import FILE_CACHE_ALIAS

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
SESSION_CACHE_ALIAS = FILE_CACHE_ALIAS

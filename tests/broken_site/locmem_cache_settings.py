"""Not a near miss: the site with its sessions in a local-memory cache its own settings name.

Only the server process can read such a store; the plugin must read it there, through the
probe, though no --session-engine asked for the harness's own local-memory cell.
"""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

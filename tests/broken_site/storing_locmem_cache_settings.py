"""The sessions in the site's own local-memory cache, with the middleware that stores what Django would not."""

from broken_site.locmem_cache_settings import *  # noqa: F403
from broken_site.storing_settings import MIDDLEWARE  # noqa: F401

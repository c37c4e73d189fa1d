"""The site's settings, with its sessions in a local-memory cache that keeps nothing."""

from broken_site.locmem_cache_settings import *  # noqa: F403

CACHES = {"default": {"BACKEND": "broken_site.forgetful_cache.ForgetfulLocMemCache"}}

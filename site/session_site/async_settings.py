"""The site's settings for ASGI: the same pages, served by the async twins of the views."""

from session_site.settings import *  # noqa: F403

ROOT_URLCONF = "session_site.async_urls"

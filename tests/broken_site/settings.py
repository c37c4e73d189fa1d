"""The site's settings, with the broken views."""

from session_site.settings import *  # noqa: F403

ROOT_URLCONF = "broken_site.urls"

"""The site's settings, with a slow view whose page disagrees with what it saves."""

from session_site.settings import *  # noqa: F403

ROOT_URLCONF = "broken_site.shown_count_urls"

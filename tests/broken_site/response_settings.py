"""The site's settings, with views whose page, response or cookie disagree with what they store."""

from session_site.settings import *  # noqa: F403

ROOT_URLCONF = "broken_site.response_urls"

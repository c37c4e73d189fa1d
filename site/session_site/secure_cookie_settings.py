"""The site's settings for HTTPS: the session cookie is only ever sent back over a secure connection."""

from session_site.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = True

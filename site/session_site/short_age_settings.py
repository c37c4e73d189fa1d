"""The site's settings with sessions that last two seconds, to specify expiry without a long wait."""

from session_site.settings import *  # noqa: F403

SESSION_COOKIE_AGE = 2

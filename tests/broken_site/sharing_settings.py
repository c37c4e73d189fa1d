"""The site's settings, with a file session engine that hands a new visitor the last session's key."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.sharing_sessions"

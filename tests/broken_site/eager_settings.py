"""The site's settings, with a session engine that stores a session for every request that reads one."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.eager_sessions"

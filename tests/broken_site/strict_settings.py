"""The site's settings, with an engine that refuses a session key it could not have issued."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.strict_sessions"

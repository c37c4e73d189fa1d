"""The site's settings, with a session engine that adopts the keys browsers make up."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.adopting_sessions"

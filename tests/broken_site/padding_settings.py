"""The site's settings, with a signed-cookie session engine that adds a key to every cookie."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.padding_sessions"

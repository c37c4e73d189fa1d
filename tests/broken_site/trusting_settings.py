"""The site's settings, with a signed-cookie session engine that does not check signatures."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.trusting_sessions"

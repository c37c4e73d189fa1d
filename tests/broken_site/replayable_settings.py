"""Short-lived sessions by the settings and in the browser, which the server keeps a minute all the same."""

from session_site.short_age_settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.replayable_sessions"

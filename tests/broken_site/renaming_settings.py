"""The site's settings, with a file session engine that names its files otherwise."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.renaming_sessions"

"""Not a near miss: the site on a session engine the spec can read but not count."""

from session_site.settings import *  # noqa: F403

SESSION_ENGINE = "broken_site.opaque_sessions"

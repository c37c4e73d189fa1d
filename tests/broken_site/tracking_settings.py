"""The site's settings, with a middleware that keeps bookkeeping keys in every session, and their patterns declared."""

from session_site.settings import *  # noqa: F403

# Inside SessionMiddleware, so that the session is saved after it writes.
MIDDLEWARE = [*MIDDLEWARE, "broken_site.middleware.keep_track"]  # noqa: F405
SESSION_SPEC_BOOKKEEPING_KEYS = ["_tracked_*"]

"""The site's settings, with a middleware that saves the sessions Django decided not to save."""

from session_site.settings import *  # noqa: F403

# Outermost, so it runs after SessionMiddleware has sent (or not sent) the cookie.
MIDDLEWARE = ["broken_site.middleware.save_unsaved_sessions", *MIDDLEWARE]  # noqa: F405

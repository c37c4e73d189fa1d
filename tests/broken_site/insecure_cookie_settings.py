"""SESSION_COOKIE_SECURE on, and a middleware that strips the flag again on the way out."""

from session_site.secure_cookie_settings import *  # noqa: F403

# Outermost, so it sees the response after SessionMiddleware has set the cookie.
MIDDLEWARE = ["broken_site.middleware.strip_secure", *MIDDLEWARE]  # noqa: F405

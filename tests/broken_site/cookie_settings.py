"""The site's settings with every session-cookie default changed."""

from session_site.settings import *  # noqa: F403

SESSION_COOKIE_NAME = "sid"
SESSION_COOKIE_HTTPONLY = False
SESSION_COOKIE_SAMESITE = "Strict"
SESSION_COOKIE_AGE = 7 * 24 * 60 * 60
SESSION_COOKIE_PATH = "/color/"

"""The site's settings as a pytest-django project needs them."""

from session_site.settings import *  # noqa: F403

# pytest-django's live_server wraps the site in Django's static-files handler, which
# fails on every request when STATIC_URL is unset.
STATIC_URL = "/static/"

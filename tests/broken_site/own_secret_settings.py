"""A near miss: each server makes a SECRET_KEY of its own, as one generated when a machine starts would be.

Every server then signs what it writes with a key the others do not have: a session saved
in the database, or a signed cookie, reads as empty on the other server. A cache keeps the
session's data as it is, unsigned, so the cache engines do not notice.
"""

import os

from session_site.settings import *  # noqa: F403

# Each server of the site runs a settings module of its own.
SECRET_KEY = f"{SECRET_KEY}-{os.environ.get('DJANGO_SETTINGS_MODULE', '')}"  # noqa: F405

"""Settings of the site under test: only what sessions need, Django's defaults otherwise."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent

# A fixed key is fine for a site that only ever runs under test.
SECRET_KEY = os.environ.get("SESSION_SITE_SECRET_KEY", "session-site-insecure-test-key")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.sessions",
    # Logging in and out, to specify what login() and logout() do to the session.
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "session_site.accounts",  # the one user, made by a migration
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "session_site.urls"

# The spec runner swaps in a fresh SQLite file per run; this default serves `manage.py`.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SESSION_SITE_DB", BASE_DIR / "db.sqlite3"),
    }
}

# The session settings are left at Django's defaults on purpose: they are what the spec
# documents (cookie "sessionid", two weeks, HttpOnly, SameSite=Lax, database engine).

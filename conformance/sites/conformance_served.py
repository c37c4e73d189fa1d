"""What the conformance run sets per server: the bundled site's views for it, and the run's Redis."""

from __future__ import annotations

import os

from session_site.settings import ROOT_URLCONF as SYNC_URLCONF

# Under ASGI the bundled site serves the async twins of its views, as its own async_settings does.
ROOT_URLCONF = "session_site.async_urls" if os.environ.get("CONFORMANCE_SERVER") == "asgi" else SYNC_URLCONF
# The redis-server the conformance run started for this backend (unset for those that need none).
REDIS_URL = os.environ.get("CONFORMANCE_REDIS_URL", "")

DJANGOS_SESSIONS = ("django.contrib.sessions", "django.contrib.sessions.middleware.SessionMiddleware")


def with_sessions_of(app: str, installed_apps: list[str], middleware: list[str]) -> tuple[list[str], list[str]]:
    """The site's apps and middleware with Django's sessions app and middleware replaced by ``app``'s own."""
    sessions_app, sessions_middleware = DJANGOS_SESSIONS
    apps = [app if name == sessions_app else name for name in installed_apps]
    return apps, [f"{app}.middleware.SessionMiddleware" if name == sessions_middleware else name for name in middleware]

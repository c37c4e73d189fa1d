"""The bundled site with django-redis-sessions' engine, which keeps sessions in a Redis of its own."""

from session_site.settings import *  # noqa: F403

from conformance_served import REDIS_URL, ROOT_URLCONF  # noqa: F401

SESSION_ENGINE = "redis_sessions.session"
SESSION_REDIS = {"url": REDIS_URL, "prefix": "session"}

"""The bundled site with Django's cached_db session engine, its cache django-redis."""

from session_site.settings import *  # noqa: F403

from conformance_served import REDIS_URL, ROOT_URLCONF  # noqa: F401

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}

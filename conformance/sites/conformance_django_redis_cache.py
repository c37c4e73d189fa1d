"""The bundled site with Django's cache session engine, kept in django-redis."""

from session_site.settings import *  # noqa: F403

from conformance_served import REDIS_URL, ROOT_URLCONF  # noqa: F401

SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}

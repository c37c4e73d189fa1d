"""The bundled site with django-user-sessions' database engine, set up as its README says."""

from session_site.settings import *  # noqa: F403

from conformance_served import ROOT_URLCONF, with_sessions_of  # noqa: F401

INSTALLED_APPS, MIDDLEWARE = with_sessions_of("user_sessions", INSTALLED_APPS, MIDDLEWARE)  # noqa: F405
SESSION_ENGINE = "user_sessions.backends.db"
# Its engine keeps sessions in a table, as Django's db engine does, but derives from no
# engine of Django's: declared, so that the scenarios of server-side engines run on it.
SESSION_SPEC_ENGINE_FAMILY = "db"

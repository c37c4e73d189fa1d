"""The bundled site with django-qsessions' database engine, set up as its README says."""

from session_site.settings import *  # noqa: F403

from conformance_served import ROOT_URLCONF, with_sessions_of  # noqa: F401

INSTALLED_APPS, MIDDLEWARE = with_sessions_of("qsessions", INSTALLED_APPS, MIDDLEWARE)  # noqa: F405
SESSION_ENGINE = "qsessions.backends.db"
# qsessions keeps the visitor's IP address and user agent in every session, beside the
# application's data: keys of its own, declared so that the data is compared alone.
SESSION_SPEC_BOOKKEEPING_KEYS = ["_qsessions_*"]

"""The application an ASGI cell's server runs: the site's ``ASGI_APPLICATION``, or Django's own."""

from __future__ import annotations

from typing import Any


def site_application() -> Any:
    """The site's ASGI application, as its settings name it; Django's ASGI handler if they name none.

    uvicorn calls this in the server, where the cell's settings overlay is configured, so the
    application a project deploys (its ``asgi.py``, with whatever middleware wraps Django)
    is the one the spec runs against.
    """
    from django.conf import settings
    from django.core.asgi import get_asgi_application
    from django.utils.module_loading import import_string

    named = getattr(settings, "ASGI_APPLICATION", None)
    return import_string(named) if named else get_asgi_application()

"""Middlewares that undo what Django does: one strips Secure from cookies, one saves sessions Django would not."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def strip_secure(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        for cookie in response.cookies.values():
            cookie["secure"] = ""
        return response

    return middleware


def save_unsaved_sessions(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Save every session Django did not (a failed request's, an unchanged new one's), sending no cookie for it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        # A session without a key is one SessionMiddleware did not save.
        if request.session.session_key is None:
            request.session.save()
        return response

    return middleware


def keep_track(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Add the client's address and browser to every session the view changed, as django-qsessions keeps them."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        # An emptied session (a logout) stays empty: Django deletes its cookie rather than saving it.
        if request.session.modified and not request.session.is_empty():
            request.session["_tracked_ip"] = request.META.get("REMOTE_ADDR")
            request.session["_tracked_user_agent"] = request.headers.get("User-Agent", "")
        return response

    return middleware

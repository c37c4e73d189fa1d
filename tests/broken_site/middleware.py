"""Middlewares that change what Django does: to cookies, to the sessions it saves, to the pages it sends."""

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


# A cookie notice as sites add one to every page, hidden until a script decides to show it.
HIDDEN_NOTICE = b"<div hidden>This site uses cookies.</div>"


def add_a_hidden_notice(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    """Add a hidden notice to every HTML page: the DOM holds its text, though no person sees it."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
            response.content = response.content + HIDDEN_NOTICE
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

    return middleware

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

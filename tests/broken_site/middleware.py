"""A middleware that undoes a setting: it strips Secure from every cookie the site sets."""

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

"""The views and the stylesheet of the shop's near misses: each slip fails its scenarios at one step.

- The front page stores a flag in every visitor's session: no person sees it.
- Emptying the basket ends on the front page, which shows the same empty basket.
- The city step opened before the name step shows the name step in its own place, at its
  own address, instead of sending the visitor there.
- A stylesheet hides the basket's items and the order's summary: the HTML holds them, a
  person sees nothing. It also shows what the thanks page hides: "Gift wrapped." for an
  order without a gift wrap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from shop import views

STYLESHEET = (
    b"<style>.basket-items { display: none } [data-testid=summary] { visibility: hidden }"
    # An author's rule beats the browser's [hidden] { display: none }: what the page hides shows.
    b" p span { display: inline }</style>"
)


def home(request: HttpRequest) -> HttpResponse:
    # Slip: a flag in every front-page visitor's session, so each gets a session and a
    # cookie before choosing anything.
    request.session.setdefault("seen_front_page", True)
    return views.home(request)


@require_POST
def empty_basket(request: HttpRequest) -> HttpResponse:
    request.session.pop("basket", None)
    # Slip: the front page, not the basket, though it shows the same empty basket.
    return redirect("home")


def checkout_city(request: HttpRequest) -> HttpResponse:
    if "name" not in request.session.get("checkout", {}):
        # Slip: the first step answered at this step's address, not a redirect to its own.
        return views.checkout_name(request)
    return views.checkout_city(request)


View = Callable[[HttpRequest], HttpResponse]


def hide_with_a_stylesheet(get_response: View) -> View:
    """Middleware: every page gets a stylesheet that hides what its template shows."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = with_stylesheet(response.streaming_content)
        else:
            response.content = response.content.replace(b"</head>", STYLESHEET + b"</head>", 1)
        return response

    return middleware


def with_stylesheet(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """A streamed page's chunks, the stylesheet put in the one that ends the head."""
    added = False
    for chunk in chunks:
        if not added and b"</head>" in chunk:
            chunk, added = chunk.replace(b"</head>", STYLESHEET + b"</head>", 1), True
        yield chunk

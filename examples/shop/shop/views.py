"""The shop's pages: what a visitor chooses is kept in their session, never in the database."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shop.forms import DeliveryForm, NameForm, OrderForm

PRODUCTS = {"tea": "Tea", "coffee": "Coffee", "tea-cakes": "Tea cakes"}
THEMES = ("light", "dark")
# The thanks page sends its heading at once and the order a moment later, as a page that
# streams a slow part does: a step reads the page once it has loaded, not once it started.
RECEIPT_DELAY_S = 0.3


def theme(request: HttpRequest) -> dict[str, str]:
    """Context processor: the visitor's theme on every page; light, and nothing stored, until they choose."""
    return {"theme": request.session.get("preferences", {}).get("theme", "light")}


def basket_names(request: HttpRequest) -> list[str]:
    return [PRODUCTS[slug] for slug in request.session.get("basket", [])]


# The shop's logo. Every page shows it from its old address, which redirects to it: the
# image's redirect is not the page's, which came at once ("the visitor was not redirected").
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24">'
    '<circle cx="12" cy="12" r="10" fill="currentColor"/></svg>'
)


def logo(request: HttpRequest) -> HttpResponse:
    return HttpResponse(LOGO, content_type="image/svg+xml")


def saved_names(request: HttpRequest) -> list[str]:
    return [PRODUCTS[slug] for slug in request.session.get("saved", [])]


def home(request: HttpRequest) -> HttpResponse:
    context = {"products": PRODUCTS, "basket": basket_names(request), "saved": saved_names(request)}
    return render(request, "shop/home.html", context)


def basket(request: HttpRequest) -> HttpResponse:
    return render(request, "shop/basket.html", {"basket": basket_names(request)})


@require_POST
def add_to_basket(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PRODUCTS:
        raise Http404("No such product")
    # A new list, assigned: the session saves what is assigned to it.
    request.session["basket"] = [*request.session.get("basket", []), slug]
    return redirect("basket")


@require_POST
def empty_basket(request: HttpRequest) -> HttpResponse:
    request.session.pop("basket", None)
    return redirect("basket")


@require_POST
def save_for_later(request: HttpRequest, slug: str) -> JsonResponse:
    """Asked by the front page's script: the page stays, and shows the list this returns."""
    if slug not in PRODUCTS:
        raise Http404("No such product")
    saved = request.session.get("saved", [])
    if slug not in saved:
        request.session["saved"] = [*saved, slug]
    return JsonResponse({"saved": saved_names(request)})


@require_POST
def forget_saved(request: HttpRequest) -> JsonResponse:
    request.session.pop("saved", None)
    return JsonResponse({"saved": saved_names(request)})


def choose_theme(request: HttpRequest, theme: str) -> HttpResponse:
    if theme not in THEMES:
        raise Http404("No such theme")
    request.session["preferences"] = {**request.session.get("preferences", {}), "theme": theme}
    return redirect(next_page(request))


def next_page(request: HttpRequest) -> str:
    """Where ``?next=`` asks to go back to, if it is a page of this site; else the front page."""
    wanted = request.GET.get("next", "/")
    return wanted if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}) else "/"


def checkout_step(request: HttpRequest, form_class: type[Form], heading: str, next_step: str) -> HttpResponse:
    """One page of the checkout: its form, filled in from the checkout so far; its answers added to it."""
    checkout = request.session.get("checkout", {})
    form = form_class(request.POST or None, initial=checkout)
    if form.is_valid():
        request.session["checkout"] = {**checkout, **form.cleaned_data}
        return redirect(next_step)
    return render(request, "shop/checkout_step.html", {"form": form, "heading": heading})


def checkout_name(request: HttpRequest) -> HttpResponse:
    return checkout_step(request, NameForm, "Checkout: who is it for?", "checkout-city")


def checkout_city(request: HttpRequest) -> HttpResponse:
    if "name" not in request.session.get("checkout", {}):
        return redirect("checkout-name")
    return checkout_step(request, DeliveryForm, "Checkout: where to?", "checkout-confirm")


def checkout_confirm(request: HttpRequest) -> HttpResponse:
    checkout = request.session.get("checkout", {})
    if "name" not in checkout:
        return redirect("checkout-name")
    if "city" not in checkout:
        return redirect("checkout-city")
    form = OrderForm(request.POST or None)
    if form.is_valid():
        del request.session["checkout"]
        # An order gets a new session key, as a login does: a key seen before it opens nothing after it.
        request.session.cycle_key()
        request.session["orders"] = request.session.get("orders", 0) + 1
        request.session["last_order"] = {"summary": summary(checkout), "gift_wrap": form.cleaned_data["gift_wrap"]}
        return redirect("thanks")
    return render(request, "shop/checkout_confirm.html", {"form": form, "summary": summary(checkout)})


def summary(checkout: dict[str, Any]) -> str:
    return f"Order for {checkout['name']} in {checkout['city']}, {checkout['delivery']} delivery."


def thanks(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    order = request.session.get("last_order")
    if order is None:
        return redirect("home")
    head, _, receipt = render_to_string("shop/thanks.html", {"order": order}, request).partition("<!-- receipt -->")

    def streamed() -> Iterator[str]:
        yield head
        time.sleep(RECEIPT_DELAY_S)
        yield receipt

    return StreamingHttpResponse(streamed())

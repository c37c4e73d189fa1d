"""Five views of the shop as they are often first written: each loses what a visitor chose, or stores what they did not.

shop/broken_urls.py serves them in place of the right ones (shop/views.py), so that the
features can be watched failing: `pytest --site-settings shop.broken_settings`.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shop.forms import DeliveryForm, NameForm
from shop.views import PRODUCTS, THEMES, next_page


def basket(request: HttpRequest) -> HttpResponse:
    # Mistake: setdefault stores an empty basket for every visitor who looks at the page, so
    # each one gets a session (and a cookie) though they chose nothing, and an emptied basket
    # comes back as an empty list.
    names = [PRODUCTS[slug] for slug in request.session.setdefault("basket", [])]
    return render(request, "shop/basket.html", {"basket": names})


@require_POST
def add_to_basket(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in PRODUCTS:
        raise Http404("No such product")
    # Mistake: the list is changed in place. The first item is saved (setdefault assigns the
    # new list); later ones are not, as nothing marks the session modified.
    request.session.setdefault("basket", []).append(slug)
    return redirect("basket")


def choose_theme(request: HttpRequest, theme: str) -> HttpResponse:
    if theme not in THEMES:
        raise Http404("No such theme")
    # Mistake: the theme goes into a dict the session does not hold (get's default), never into the session.
    preferences = request.session.get("preferences", {})
    preferences["theme"] = theme
    return redirect(next_page(request))


def checkout_name(request: HttpRequest) -> HttpResponse:
    checkout = request.session.get("checkout", {})
    # Mistake: the form is not filled in from the session (no initial=): a visitor who comes
    # back finds it empty, though the session still holds their answer.
    form = NameForm(request.POST or None)
    if form.is_valid():
        request.session["checkout"] = {**checkout, **form.cleaned_data}
        return redirect("checkout-city")
    return render(request, "shop/checkout_step.html", {"form": form, "heading": "Checkout: who is it for?"})


def checkout_city(request: HttpRequest) -> HttpResponse:
    checkout = request.session.get("checkout", {})
    if "name" not in checkout:
        return redirect("checkout-name")
    form = DeliveryForm(request.POST or None, initial=checkout)
    if form.is_valid():
        # Mistake: this step's answers replace the checkout's, and the name of the step before is lost.
        request.session["checkout"] = form.cleaned_data
        return redirect("checkout-confirm")
    return render(request, "shop/checkout_step.html", {"form": form, "heading": "Checkout: where to?"})

"""The shop's URLs with two slips of their own, and shop/near_miss_views.py's views in place of the right ones.

- The theme pages moved to /prefs/<theme>/: the footer's links follow, so everything
  works, but a bookmark of /prefs/theme/dark/ no longer does.
- The name step's URL name points at /checkout, an old address kept as a redirect to
  /checkout/: every "Checkout" link costs the visitor a redirect.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path
from django.views.generic import RedirectView

from shop import near_miss_views, views
from shop.urls import urlpatterns as shop_urlpatterns

SLIPS: dict[str, URLPattern] = {
    "home": path("", near_miss_views.home, name="home"),
    "empty-basket": path("basket/empty/", near_miss_views.empty_basket, name="empty-basket"),
    "checkout-city": path("checkout/city/", near_miss_views.checkout_city, name="checkout-city"),
    "choose-theme": path("prefs/<str:theme>/", views.choose_theme, name="choose-theme"),
    "checkout-name": path("checkout", RedirectView.as_view(url="/checkout/", permanent=True), name="checkout-name"),
}


def with_slip(pattern: URLPattern | URLResolver) -> list[URLPattern | URLResolver]:
    if not (isinstance(pattern, URLPattern) and pattern.name in SLIPS):
        return [pattern]
    slipped = SLIPS[pattern.name]
    # The name step stays at /checkout/, now without a name of its own.
    kept = [path(str(pattern.pattern), pattern.callback)] if pattern.name == "checkout-name" else []
    return [slipped, *kept]


urlpatterns = [slip for pattern in shop_urlpatterns for slip in with_slip(pattern)]

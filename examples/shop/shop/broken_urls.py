"""The shop's URLs, with shop/broken_views.py's five views in place of the right ones."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, path

from shop import broken_views
from shop.urls import urlpatterns as shop_urlpatterns

MISTAKES: dict[str, Callable[..., HttpResponse]] = {
    "basket": broken_views.basket,
    "add-to-basket": broken_views.add_to_basket,
    "choose-theme": broken_views.choose_theme,
    "checkout-name": broken_views.checkout_name,
    "checkout-city": broken_views.checkout_city,
}


def with_mistake(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if isinstance(pattern, URLPattern) and pattern.name in MISTAKES:
        return path(str(pattern.pattern), MISTAKES[pattern.name], name=pattern.name)
    return pattern


urlpatterns = [with_mistake(pattern) for pattern in shop_urlpatterns]

"""The shop's pages, and the session spec's probe views for checking a deployment of it."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView

from shop import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("basket/", views.basket, name="basket"),
    path("basket/add/<slug:slug>/", views.add_to_basket, name="add-to-basket"),
    path("basket/empty/", views.empty_basket, name="empty-basket"),
    path("saved/add/<slug:slug>/", views.save_for_later, name="save-for-later"),
    path("saved/forget/", views.forget_saved, name="forget-saved"),
    path("prefs/theme/<str:theme>/", views.choose_theme, name="choose-theme"),
    path("checkout/", views.checkout_name, name="checkout-name"),
    path("checkout/city/", views.checkout_city, name="checkout-city"),
    path("checkout/confirm/", views.checkout_confirm, name="checkout-confirm"),
    path("thanks/", views.thanks, name="thanks"),
    path("logo.svg", views.logo, name="logo"),
    path("images/logo.svg", RedirectView.as_view(pattern_name="logo", permanent=True)),
    path("session-spec/", include("session_site.urls")),
]

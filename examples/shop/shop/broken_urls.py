"""The shop's pages with shop/broken_views.py's three mistakes in place of the right views."""

from __future__ import annotations

from django.urls import include, path

from shop import broken_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("basket/", views.basket, name="basket"),
    path("basket/add/<slug:slug>/", broken_views.add_to_basket, name="add-to-basket"),
    path("basket/empty/", views.empty_basket, name="empty-basket"),
    path("prefs/theme/<str:theme>/", broken_views.choose_theme, name="choose-theme"),
    path("checkout/", views.checkout_name, name="checkout-name"),
    path("checkout/city/", broken_views.checkout_city, name="checkout-city"),
    path("checkout/confirm/", views.checkout_confirm, name="checkout-confirm"),
    path("thanks/", views.thanks, name="thanks"),
    path("session-spec/", include("session_site.urls")),
]

"""URLs of the site under test, one per snippet of the lesson."""

from __future__ import annotations

from django.urls import path

from session_site import views

urlpatterns = [
    # Setting and getting: the lesson's execution sample.
    path("color/", views.view),
    # Defaults: reading keys that were never stored.
    path("color/default-red/", views.color_or_red),
    path("color/default-green/", views.color_or_green),
    path("user-id/", views.user_id_or_none),
    path("color/brackets/", views.color_with_brackets),
    path("user/", views.user_with_tuple_key),
    # Counting visits.
    path("visits/", views.my_view),
    # Remembering the last page, in the right and the wrong orders.
    path("pages/<slug:name>/", views.last_page),
    path("set-first/<slug:name>/", views.last_page_set_first),
    path("brackets-first/<slug:name>/", views.last_page_brackets_first),
    # Saving happens when the response is sent, and not for a server error.
    path("color/then-fail/", views.color_then_tuple_key),
    # APIs that do not exist.
    path("mistakes/session-set/", views.session_set),
    path("mistakes/set-session/", views.set_session),
    path("mistakes/session-fetch/", views.session_fetch),
]

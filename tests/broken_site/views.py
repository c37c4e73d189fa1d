"""Near misses of the lesson's snippets: each differs from the right code in one detail."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse

from session_site import gate
from session_site.accounts import DEMO_USERNAME


def view_reads_another_key(request: HttpRequest) -> HttpResponse:
    request.session["color"] = "blue"
    favorite = request.session.get("colour", "red")
    return HttpResponse(f"Favorite color is {favorite}")


def color_or_red_instead_of_green(request: HttpRequest) -> HttpResponse:
    favorite = request.session.get("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


def user_id_or_zero(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get("user_id", 0)
    return HttpResponse(f"User id is {user_id}")


def color_or_red_stored(request: HttpRequest) -> HttpResponse:
    favorite = request.session.setdefault("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


def color_with_get(request: HttpRequest) -> HttpResponse:
    favorite = request.session.get("color")
    return HttpResponse(f"Favorite color is {favorite}")


def user_with_get(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.session.get("user", "guest"))


def visits_from_one(request: HttpRequest) -> HttpResponse:
    visits = request.session.get("visits", 1)
    visits += 1
    request.session["visits"] = visits
    return HttpResponse(f"Visit count: {visits}")


def last_page_set_first(request: HttpRequest, name: str) -> HttpResponse:
    request.session["last_page"] = request.path
    last = request.session.get("last_page", "None")
    return HttpResponse(f"Last page: {last}")


def last_page_get_first(request: HttpRequest, name: str) -> HttpResponse:
    last = request.session.get("last_page", "None")
    request.session["last_page"] = request.path
    return HttpResponse(f"Last page: {last}")


def color_then_get(request: HttpRequest) -> HttpResponse:
    request.session["color"] = "blue"
    return HttpResponse(request.session.get("user", "guest"))


def color_with_brackets_assignment(request: HttpRequest) -> HttpResponse:
    request.session["favorite_color"] = "blue"
    return HttpResponse("Stored")


def user_id_with_get(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get("user_id", None)
    return HttpResponse(f"User id is {user_id}")


# --- Near misses of the security feature's views --------------------------------------

# A note kept by the server for everyone, as a module-level "cache" would.
shared_note: dict[str, str] = {}


def note_shared(request: HttpRequest) -> HttpResponse:
    shared_note["note"] = request.session["note"] = request.GET.get("text", "")
    return HttpResponse("Noted")


def read_note_unescaped(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"Your note: {shared_note.get('note', '(none)')}")


def visits_with_default_expiry(request: HttpRequest) -> HttpResponse:
    visits = request.session.get("visits", 0) + 1
    request.session["visits"] = visits
    return HttpResponse(f"Visit count: {visits}")


def log_in_keeping_the_key(request: HttpRequest) -> HttpResponse:
    # What login() stores, without login()'s cycle_key(): open to session fixation.
    user = User.objects.get(username=DEMO_USERNAME)
    request.session[SESSION_KEY] = str(user.pk)
    request.session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    request.session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    return HttpResponse(f"Logged in as {user.username}")


def log_out_keeping_the_session(request: HttpRequest) -> HttpResponse:
    for key in (SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY):
        request.session.pop(key, None)
    return HttpResponse("Logged out")


def slow_visits_merging(request: HttpRequest) -> HttpResponse:
    # Reloads the session after the wait, as if sessions were transactional: nothing is lost.
    gate.wait_in_view()
    request.session = import_module(settings.SESSION_ENGINE).SessionStore(request.session.session_key)
    visits = request.session.get("visits", 0) + 1
    request.session["visits"] = visits
    return HttpResponse(f"Visit count: {visits}")


def slow_visits_showing_the_count_it_loaded(request: HttpRequest) -> HttpResponse:
    # Saves the right count, but the page shows the count the session had when it loaded.
    visits = request.session.get("visits", 0)
    gate.wait_in_view()
    request.session["visits"] = visits + 1
    return HttpResponse(f"Visit count: {visits}")


def color_in_a_copy(request: HttpRequest) -> HttpResponse:
    # Stores into a dict read from the session: the session never sees the change.
    preferences = request.session.get("preferences", {})
    preferences["color"] = "blue"
    return HttpResponse(f"Favorite color is {preferences['color']}")


def color_or_red_with_a_cookie(request: HttpRequest) -> HttpResponse:
    # Only reads the session, but sends a cookie of its own.
    favorite = request.session.get("color", "red")
    response = HttpResponse(f"Favorite color is {favorite}")
    response.set_cookie("seen", "1")
    return response

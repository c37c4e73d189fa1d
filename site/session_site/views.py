"""Each view is one snippet of the lesson, written exactly as the lesson writes it."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import get_random_string
from django.utils.html import format_html

from session_site import gate
from session_site.accounts import DEMO_USERNAME

# --- Setting and getting -------------------------------------------------------------


def view(request: HttpRequest) -> HttpResponse:
    request.session["color"] = "blue"
    favorite = request.session.get("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


# --- Default values ------------------------------------------------------------------


def color_or_red(request: HttpRequest) -> HttpResponse:
    favorite = request.session.get("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


def color_or_green(request: HttpRequest) -> HttpResponse:
    # The lesson's quiz: "If we change the default in get() to 'green'..."
    favorite = request.session.get("color", "green")
    return HttpResponse(f"Favorite color is {favorite}")


def user_id_or_none(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get("user_id", None)
    return HttpResponse(f"User id is {user_id}")


def color_with_brackets(request: HttpRequest) -> HttpResponse:
    # Brackets have no default: a missing key raises KeyError.
    favorite = request.session["color"]
    return HttpResponse(f"Favorite color is {favorite}")


def user_with_tuple_key(request: HttpRequest) -> HttpResponse:
    # The lesson's mistake: the brackets receive the tuple ('user', 'guest') as the key.
    user = request.session["user", "guest"]  # type: ignore[index]
    return HttpResponse(user)


# --- Counting visits -----------------------------------------------------------------


def my_view(request: HttpRequest) -> HttpResponse:
    visits = request.session.get("visits", 0)
    visits += 1
    request.session["visits"] = visits
    return HttpResponse(f"Visit count: {visits}")


# --- The last page visited: order matters --------------------------------------------


def last_page(request: HttpRequest, name: str) -> HttpResponse:
    # Right: get the old value first, then store the current page.
    last = request.session.get("last_page", "None")
    request.session["last_page"] = request.path
    return HttpResponse(f"Last page: {last}")


def last_page_set_first(request: HttpRequest, name: str) -> HttpResponse:
    # Wrong: storing first overwrites the value the page meant to show.
    request.session["last_page"] = request.path
    last = request.session.get("last_page", "None")
    return HttpResponse(f"Last page: {last}")


def last_page_brackets_first(request: HttpRequest, name: str) -> HttpResponse:
    # Wrong: brackets raise KeyError on the first visit, before anything is stored.
    last = request.session["last_page"]
    request.session["last_page"] = request.path
    return HttpResponse(f"Last page: {last}")


# --- Saved when the response is sent ------------------------------------------------


def color_then_tuple_key(request: HttpRequest) -> HttpResponse:
    # Stores a value, then fails: a 5xx response is sent without saving the session.
    request.session["color"] = "blue"
    user = request.session["user", "guest"]  # type: ignore[index]
    return HttpResponse(user)


# --- Methods that do not exist -------------------------------------------------------


def session_set(request: HttpRequest) -> HttpResponse:
    request.session.set("favorite_color", "blue")  # type: ignore[attr-defined]
    return HttpResponse("Stored")


def set_session(request: HttpRequest) -> HttpResponse:
    request.set_session("favorite_color", "blue")  # type: ignore[attr-defined]
    return HttpResponse("Stored")


def session_fetch(request: HttpRequest) -> HttpResponse:
    user_id = request.session.fetch("user_id", None)  # type: ignore[attr-defined]
    return HttpResponse(f"User id is {user_id}")


# --- Beyond the lesson: what a site must be able to rely on -----------------------------
# These views serve features/security.feature; each is as small as the lesson's.


def note(request: HttpRequest) -> HttpResponse:
    request.session["note"] = request.GET["text"]
    return HttpResponse("Noted")


def random_note(request: HttpRequest, length: int) -> HttpResponse:
    # Random letters, because a signed cookie's data is compressed before it is signed.
    request.session["note"] = get_random_string(length)
    return HttpResponse(f"Noted {length} characters")


def read_note(request: HttpRequest) -> HttpResponse:
    # format_html escapes the note: it is whatever a visitor typed.
    return HttpResponse(format_html("Your note: {}", request.session.get("note", "(none)")))


def visits_until_browser_closes(request: HttpRequest) -> HttpResponse:
    request.session.set_expiry(0)
    return my_view(request)


def log_in(request: HttpRequest) -> HttpResponse:
    # No password form: the spec is about what login() does to the session.
    user = User.objects.get(username=DEMO_USERNAME)
    login(request, user)
    return HttpResponse(f"Logged in as {user.username}")


def log_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponse("Logged out")


def who_am_i(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return HttpResponse(f"Logged in as {request.user.username}")
    return HttpResponse("Anonymous")


def slow_visits(request: HttpRequest) -> HttpResponse:
    # Counts a visit like my_view, but holds the session it loaded until the gate opens,
    # so that another request of the same visitor can save in between.
    visits = request.session.get("visits", 0)
    gate.wait_in_view()
    request.session["visits"] = visits + 1
    return HttpResponse(f"Visit count: {visits + 1}")


def gate_reached(request: HttpRequest) -> HttpResponse:
    gate.wait_until_reached()
    return HttpResponse("A slow view is waiting")


def gate_open(request: HttpRequest) -> HttpResponse:
    gate.open_gate()
    return HttpResponse("The slow view goes on")

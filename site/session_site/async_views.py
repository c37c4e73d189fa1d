"""The async twins of the views: the same snippets, written with Django's async session API.

Brackets have no async form: an async view loads the session with ``aitems()`` and indexes
that, so a missing key raises the same KeyError as in the sync view.
"""

from __future__ import annotations

from django.contrib.auth import alogin, alogout
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import get_random_string
from django.utils.html import format_html

from session_site import gate
from session_site.accounts import DEMO_USERNAME

# --- Setting and getting -------------------------------------------------------------


async def view(request: HttpRequest) -> HttpResponse:
    await request.session.aset("color", "blue")
    favorite = await request.session.aget("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


# --- Default values ------------------------------------------------------------------


async def color_or_red(request: HttpRequest) -> HttpResponse:
    favorite = await request.session.aget("color", "red")
    return HttpResponse(f"Favorite color is {favorite}")


async def color_or_green(request: HttpRequest) -> HttpResponse:
    favorite = await request.session.aget("color", "green")
    return HttpResponse(f"Favorite color is {favorite}")


async def user_id_or_none(request: HttpRequest) -> HttpResponse:
    user_id = await request.session.aget("user_id", None)
    return HttpResponse(f"User id is {user_id}")


async def color_with_brackets(request: HttpRequest) -> HttpResponse:
    session = dict(await request.session.aitems())
    favorite = session["color"]
    return HttpResponse(f"Favorite color is {favorite}")


async def user_with_tuple_key(request: HttpRequest) -> HttpResponse:
    session = dict(await request.session.aitems())
    user = session["user", "guest"]  # type: ignore[index]
    return HttpResponse(user)


# --- Counting visits -----------------------------------------------------------------


async def my_view(request: HttpRequest) -> HttpResponse:
    visits = await request.session.aget("visits", 0)
    visits += 1
    await request.session.aset("visits", visits)
    return HttpResponse(f"Visit count: {visits}")


# --- The last page visited: order matters --------------------------------------------


async def last_page(request: HttpRequest, name: str) -> HttpResponse:
    last = await request.session.aget("last_page", "None")
    await request.session.aset("last_page", request.path)
    return HttpResponse(f"Last page: {last}")


async def last_page_set_first(request: HttpRequest, name: str) -> HttpResponse:
    await request.session.aset("last_page", request.path)
    last = await request.session.aget("last_page", "None")
    return HttpResponse(f"Last page: {last}")


async def last_page_brackets_first(request: HttpRequest, name: str) -> HttpResponse:
    session = dict(await request.session.aitems())
    last = session["last_page"]
    await request.session.aset("last_page", request.path)
    return HttpResponse(f"Last page: {last}")


# --- Saved when the response is sent ------------------------------------------------


async def color_then_tuple_key(request: HttpRequest) -> HttpResponse:
    await request.session.aset("color", "blue")
    session = dict(await request.session.aitems())
    user = session["user", "guest"]  # type: ignore[index]
    return HttpResponse(user)


# --- Methods that do not exist -------------------------------------------------------


async def session_set(request: HttpRequest) -> HttpResponse:
    await request.session.set("favorite_color", "blue")  # type: ignore[attr-defined]
    return HttpResponse("Stored")


async def set_session(request: HttpRequest) -> HttpResponse:
    await request.set_session("favorite_color", "blue")  # type: ignore[attr-defined]
    return HttpResponse("Stored")


async def session_fetch(request: HttpRequest) -> HttpResponse:
    user_id = await request.session.fetch("user_id", None)  # type: ignore[attr-defined]
    return HttpResponse(f"User id is {user_id}")


# --- Beyond the lesson: what a site must be able to rely on -----------------------------


async def note(request: HttpRequest) -> HttpResponse:
    await request.session.aset("note", request.GET["text"])
    return HttpResponse("Noted")


async def random_note(request: HttpRequest, length: int) -> HttpResponse:
    await request.session.aset("note", get_random_string(length))
    return HttpResponse(f"Noted {length} characters")


async def read_note(request: HttpRequest) -> HttpResponse:
    return HttpResponse(format_html("Your note: {}", await request.session.aget("note", "(none)")))


async def visits_until_browser_closes(request: HttpRequest) -> HttpResponse:
    await request.session.aset_expiry(0)
    return await my_view(request)


async def log_in(request: HttpRequest) -> HttpResponse:
    user = await User.objects.aget(username=DEMO_USERNAME)
    await alogin(request, user)
    return HttpResponse(f"Logged in as {user.username}")


async def log_out(request: HttpRequest) -> HttpResponse:
    await alogout(request)
    return HttpResponse("Logged out")


async def who_am_i(request: HttpRequest) -> HttpResponse:
    user = await request.auser()
    if user.is_authenticated:
        return HttpResponse(f"Logged in as {user.username}")
    return HttpResponse("Anonymous")


async def slow_visits(request: HttpRequest) -> HttpResponse:
    visits = await request.session.aget("visits", 0)
    await gate.await_in_view()
    await request.session.aset("visits", visits + 1)
    return HttpResponse(f"Visit count: {visits + 1}")


async def gate_reached(request: HttpRequest) -> HttpResponse:
    await gate.await_until_reached()
    return HttpResponse("A slow view is waiting")


async def gate_open(request: HttpRequest) -> HttpResponse:
    await gate.aopen_gate()
    return HttpResponse("The slow view goes on")

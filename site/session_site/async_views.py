"""The async twins of the views: the same snippets, written with Django's async session API.

Brackets have no async form: an async view loads the session with ``aitems()`` and indexes
that, so a missing key raises the same KeyError as in the sync view.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

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

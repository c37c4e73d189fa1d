"""Near misses of the lesson's snippets: each differs from the right code in one detail."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


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

"""A project's site under --server asgi: its ASGI application, its async views, or a line saying it has neither."""

from __future__ import annotations

import pytest
from third_party import make_shop

# What the project deploys: Django's handler, wrapped by an application of its own.
ASGI = """\
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
django_application = get_asgi_application()


async def application(scope, receive, send):
    async def marked(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), (b"x-served-by", b"shop.asgi")]}
        await send(message)

    await django_application(scope, receive, marked)
"""

ASYNC_VIEWS = """\
from django.http import HttpResponse


async def add(request):
    items = await request.session.aget("items", 0) + 1
    await request.session.aset("items", items)
    return HttpResponse(f"{items} items in the basket, counted by an async view")
"""

ASYNC_URLS = """\
from django.urls import path

from shop import async_views

urlpatterns = [path("basket/add/", async_views.add)]
"""

# A test of the project's own that asks the plugin for the site and opens a page without a browser.
OPENS_THE_BASKET = """\
import urllib.request


def test_the_basket(site_url):
    with urllib.request.urlopen(site_url + "/basket/add/") as response:
        print("served-by:", response.headers.get("x-served-by"))
        print("page:", response.read().decode())
"""

SYNC_LINE = (
    "django-session-spec: the asgi cells serve shop.urls, the site's ROOT_URLCONF (Django runs its sync views in a "
    "thread under ASGI): give --asgi-urlconf MODULE, or ASGI_APPLICATION in the settings, to serve your async views"
)


def asgi_shop(pytester: pytest.Pytester, *settings: str) -> pytest.Pytester:
    shop = make_shop(pytester)
    for name, source in (("asgi", ASGI), ("async_views", ASYNC_VIEWS), ("async_urls", ASYNC_URLS)):
        (shop.path / "shop" / f"{name}.py").write_text(source)
    path = shop.path / "shop" / "settings.py"
    path.write_text("\n".join([path.read_text(), *settings, ""]))
    shop.makepyfile(test_basket=OPENS_THE_BASKET)
    return shop


def run(shop: pytest.Pytester, *args: str) -> pytest.RunResult:
    return shop.runpytest_subprocess("--site-settings=shop.settings", f"--site-path={shop.path}", "-s", *args)


def test_the_asgi_cell_serves_their_asgi_application(pytester: pytest.Pytester) -> None:
    shop = asgi_shop(pytester, 'ASGI_APPLICATION = "shop.asgi.application"')
    result = run(shop, "--server=asgi")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*served-by: shop.asgi"])
    assert SYNC_LINE not in result.stdout.str()


def test_asgi_urlconf_serves_their_async_views_on_the_asgi_cells_only(pytester: pytest.Pytester) -> None:
    shop = asgi_shop(pytester)
    result = run(shop, "--server=asgi", "--asgi-urlconf=shop.async_urls")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*page: 1 items in the basket, counted by an async view"])
    assert SYNC_LINE not in result.stdout.str()
    wsgi = run(shop, "--server=wsgi", "--asgi-urlconf=shop.async_urls")
    wsgi.stdout.fnmatch_lines(["*page: 1 items in the basket"])


def test_an_asgi_cell_of_their_sync_urlconf_says_so_once(pytester: pytest.Pytester) -> None:
    shop = asgi_shop(pytester)
    result = run(shop, "--server=all", "--collect-only")
    assert result.stdout.lines.count(SYNC_LINE) == 1
    # Behind WSGI alone, the sync URLconf is what it should serve: nothing to say.
    assert SYNC_LINE not in run(shop, "--collect-only").stdout.str()


def test_an_asgi_urlconf_that_is_no_module_stops_the_run_in_one_line(pytester: pytest.Pytester) -> None:
    shop = asgi_shop(pytester)
    result = run(shop, "--server=asgi", "--asgi-urlconf=shop.async_url", "--collect-only")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        "ERROR: django-session-spec: --asgi-urlconf shop.async_url: no such module (add its folder with --site-path)"
    )

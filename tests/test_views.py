"""Each view of the site, through Django's test client: fast, and without a browser."""

from __future__ import annotations

import pytest
from view_client import DjangoThreadClient


@pytest.mark.parametrize(
    ("path", "text", "session"),
    [
        ("/color/", "Favorite color is blue", {"color": "blue"}),
        ("/color/default-red/", "Favorite color is red", {}),
        ("/color/default-green/", "Favorite color is green", {}),
        ("/user-id/", "User id is None", {}),
        ("/visits/", "Visit count: 1", {"visits": 1}),
        ("/pages/first/", "Last page: None", {"last_page": "/pages/first/"}),
        ("/set-first/first/", "Last page: /set-first/first/", {"last_page": "/set-first/first/"}),
    ],
)
def test_a_new_visitor(view_client: DjangoThreadClient, path: str, text: str, session: dict[str, object]) -> None:
    response = view_client.get(path)
    assert (response.status_code, response.content.decode()) == (200, text)
    assert view_client.session == session


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("/color/brackets/", KeyError),
        ("/user/", KeyError),
        ("/brackets-first/first/", KeyError),
        ("/color/then-fail/", KeyError),
        ("/mistakes/session-set/", AttributeError),
        ("/mistakes/set-session/", AttributeError),
        ("/mistakes/session-fetch/", AttributeError),
    ],
)
def test_a_mistake_raises(view_client: DjangoThreadClient, path: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        view_client.get(path)
    assert view_client.session == {}


def test_the_tuple_key_is_looked_up_as_a_tuple(view_client: DjangoThreadClient) -> None:
    with pytest.raises(KeyError) as raised:
        view_client.get("/user/")
    assert raised.value.args == (("user", "guest"),)


def test_visits_count_up(view_client: DjangoThreadClient) -> None:
    texts = [view_client.get("/visits/").content.decode() for _ in range(3)]
    assert texts == ["Visit count: 1", "Visit count: 2", "Visit count: 3"]


def test_the_last_page_follows_the_visitor(view_client: DjangoThreadClient) -> None:
    texts = [view_client.get(f"/pages/{name}/").content.decode() for name in ("a", "b", "c")]
    assert texts == ["Last page: None", "Last page: /pages/a/", "Last page: /pages/b/"]


def test_a_stored_value_beats_the_default(view_client: DjangoThreadClient) -> None:
    view_client.get("/color/")
    assert view_client.get("/color/default-green/").content == b"Favorite color is blue"


def test_brackets_read_a_stored_value(view_client: DjangoThreadClient) -> None:
    view_client.get("/color/")
    assert view_client.get("/color/brackets/").content == b"Favorite color is blue"


def test_a_note_is_shown_escaped(view_client: DjangoThreadClient) -> None:
    view_client.get("/note/write/?text=<b>bold</b>")
    assert view_client.get("/note/").content == b"Your note: &lt;b&gt;bold&lt;/b&gt;"
    assert view_client.session == {"note": "<b>bold</b>"}


def test_a_random_note_has_the_length_asked_for(view_client: DjangoThreadClient) -> None:
    assert view_client.get("/note/random/12/").content == b"Noted 12 characters"
    assert len(view_client.session["note"]) == 12


def test_login_and_logout(view_client: DjangoThreadClient) -> None:
    assert view_client.get("/whoami/").content == b"Anonymous"
    assert view_client.get("/login/").content == b"Logged in as demo"
    assert view_client.get("/whoami/").content == b"Logged in as demo"
    assert view_client.get("/logout/").content == b"Logged out"
    assert view_client.get("/whoami/").content == b"Anonymous"
    assert view_client.session == {}

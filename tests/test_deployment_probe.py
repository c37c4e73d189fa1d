"""The store probe a deployment opts in to: answering only its secret, only reading, and read by the run."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from third_party import make_shop, serving_shop, with_probe_secret

from session_steps.server.probe_protocol import PROBE_PATH, TOKEN_HEADER
from session_steps.server.run_caches import NotClearable
from session_steps.server.store_readers import ProbeRefused, ProbeStore

SECRET = "a-secret-of-the-deployment"
MOUNT = "/session-spec"


@pytest.fixture
def consenting_deployment(pytester: pytest.Pytester) -> Iterator[str]:
    """The shop, its settings setting the probe's secret, served as deployed: its URL."""
    with serving_shop(with_probe_secret(make_shop(pytester), SECRET), "deployment") as url:
        yield url


# An engine that saves a new session whenever it is asked for one it lacks, as
# django-user-sessions' does (its load() calls create()): reading must still change nothing.
SAVING_ON_A_MISS = """\
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore


class SessionStore(DatabaseStore):
    def load(self):
        data = super().load()
        if self.session_key is None:
            self.create()
        return data
"""


@pytest.fixture
def deployment_saving_on_a_miss(pytester: pytest.Pytester) -> Iterator[str]:
    """The consenting shop, on an engine that saves a session for every key it lacks: its URL."""
    shop = with_probe_secret(make_shop(pytester), SECRET)
    (shop.path / "shop" / "saving_sessions.py").write_text(SAVING_ON_A_MISS)
    settings = shop.path / "shop" / "settings.py"
    settings.write_text(settings.read_text() + 'SESSION_ENGINE = "shop.saving_sessions"\n')
    with serving_shop(shop, "deployment") as url:
        yield url


@pytest.fixture
def silent_deployment(pytester: pytest.Pytester) -> Iterator[str]:
    """The shop as it is, without the setting: the probe is off."""
    with serving_shop(make_shop(pytester), "deployment") as url:
        yield url


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def probe_url(url: str) -> str:
    return f"{url}{MOUNT}{PROBE_PATH}?action=count"


def test_the_probe_answers_the_deployments_secret(consenting_deployment: str) -> None:
    status, body = get(probe_url(consenting_deployment), {TOKEN_HEADER: SECRET})
    assert status == 200
    assert json.loads(body) == {"sessions": 0, "counted": "rows of django_session"}


@pytest.mark.parametrize("headers", [{}, {TOKEN_HEADER: ""}, {TOKEN_HEADER: SECRET[:-1]}, {TOKEN_HEADER: "x"}])
def test_without_the_secret_the_probe_is_a_page_the_site_does_not_have(
    consenting_deployment: str, headers: dict[str, str]
) -> None:
    refused = get(probe_url(consenting_deployment), headers)
    # The same 404 as any path the site lacks: nothing tells that a probe is there.
    assert refused == get(f"{consenting_deployment}{MOUNT}/no-such-page/")
    assert refused[0] == 404


@pytest.mark.parametrize("given", ["", "None", SECRET])
def test_a_deployment_that_sets_no_secret_has_no_probe(silent_deployment: str, given: str) -> None:
    refused = get(probe_url(silent_deployment), {TOKEN_HEADER: given})
    assert refused == get(f"{silent_deployment}{MOUNT}/no-such-page/")


def test_reading_the_store_through_the_probe_changes_nothing(consenting_deployment: str) -> None:
    store = ProbeStore(consenting_deployment + MOUNT, SECRET)
    before = store.count()
    # A key the server never issued: Django's engines create a session for it only on save.
    assert store.load("k" * 32) == {}
    assert store.load(None) == {}
    assert not store.exists("k" * 32)
    # The shop keeps no session files: its SESSION_FILE_PATH is not set.
    assert store.session_files() == []
    assert store.count() == before
    # Refused as a cache that cannot be cleared: the scenario that clears it is not checked.
    with pytest.raises(NotClearable, match="store probe does not clear the cache"):
        store.clear_cache()


def test_a_session_started_through_the_probe_is_one_the_engine_stores_and_loads(consenting_deployment: str) -> None:
    # What "the visitor's session starts with {...}" asks of a deployment: the spec's
    # features never ask it there, so this is the test that reads the answer's key.
    store = ProbeStore(consenting_deployment + MOUNT, SECRET)
    before = store.count()
    key = store.start({"basket": ["tea"]})
    assert store.exists(key), f"the probe answered {key!r}, a key its store does not hold"
    assert store.load(key) == {"basket": ["tea"]}
    assert store.count().sessions == before.sessions + 1


def test_a_question_the_engine_fails_on_is_answered_with_its_reason(consenting_deployment: str) -> None:
    # The shop's db engine keeps no sessions in a cache: the server's reason, not a bare HTTP 500.
    store = ProbeStore(consenting_deployment + MOUNT, SECRET)
    reason = r"AssertionError: django\.contrib\.sessions\.backends\.db keeps no sessions"
    with pytest.raises(ProbeRefused, match=reason):
        store.cache_holds("k" * 32)


def test_reading_changes_nothing_even_on_an_engine_that_saves_on_a_miss(deployment_saving_on_a_miss: str) -> None:
    store = ProbeStore(deployment_saving_on_a_miss + MOUNT, SECRET)
    before = store.count()
    assert store.load("k" * 32) == {}
    assert store.load(None) == {}
    assert store.count() == before

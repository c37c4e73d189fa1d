"""What the harness and the store probe in the server agree on: the probe's path, header, settings and actions."""

from __future__ import annotations

import hmac

PROBE_PATH = "/__session-spec__/store"
TOKEN_HEADER = "X-Session-Spec-Token"
# The session key a question is about travels in a header: a query string would put it in
# every access log the request passes, and a session key is a credential.
KEY_HEADER = "X-Session-Spec-Key"
# The setting that carries the run's secret token into the server's settings overlay.
TOKEN_SETTING = "SESSION_SPEC_PROBE_TOKEN"
# The middleware the overlay adds, by its dotted path (the server imports it, the harness never does).
PROBE_MIDDLEWARE = "session_steps.server.probe.SessionStoreProbe"
# A deployment that mounts session_site.urls opts in to the probe view by setting a secret;
# the run gives the same secret with --probe-secret, or in this environment variable.
SECRET_SETTING = "SESSION_SPEC_PROBE_SECRET"
SECRET_ENVIRONMENT_VARIABLE = "SESSION_SPEC_PROBE_SECRET"
# What a deployment's probe answers: questions, and starting a new session as a visitor's
# first request would; never clearing or changing what its visitors stored.
DEPLOYMENT_ACTIONS = frozenset({"load", "exists", "cache-holds", "count", "session-files", "start", "cookie-name"})


def same_secret(expected: object, given: str | None) -> bool:
    """Whether ``given`` is the configured secret ``expected``, compared in constant time; never without one."""
    if not isinstance(expected, str) or not expected or given is None:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())

"""What the harness and the store probe in the server agree on: the probe's path, header and setting."""

from __future__ import annotations

PROBE_PATH = "/__session-spec__/store"
TOKEN_HEADER = "X-Session-Spec-Token"
# The setting that carries the run's secret token into the server's settings overlay.
TOKEN_SETTING = "SESSION_SPEC_PROBE_TOKEN"
# The middleware the overlay adds, by its dotted path (the server imports it, the harness never does).
PROBE_MIDDLEWARE = "session_steps.server.probe.SessionStoreProbe"

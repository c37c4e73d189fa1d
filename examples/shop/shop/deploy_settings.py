"""The shop as a test deployment serves it: the session spec's store probe answers whoever knows the secret."""

from __future__ import annotations

import os

from shop.settings import *  # noqa: F403

# Lets `pytest --probe-secret` read this deployment's sessions: never set it in production.
SESSION_SPEC_PROBE_SECRET = os.environ["SESSION_SPEC_PROBE_SECRET"]

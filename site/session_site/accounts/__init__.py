"""The site's one user, so that the spec can log in and out: made by a migration, no views."""

from __future__ import annotations

DEMO_USERNAME = "demo"

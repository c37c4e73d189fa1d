"""The shop with five classic session mistakes (shop/broken_views.py), for watching its features fail."""

from __future__ import annotations

from shop.settings import *  # noqa: F403

ROOT_URLCONF = "shop.broken_urls"

"""The shop with six slips a person might not notice (shop/near_miss_urls.py), for watching each step catch its own.

Unlike shop.broken_settings, nothing here loses what a visitor chose: every slip is in
where a page is, how the visitor got there, what a person sees of it, or a session stored
for a visitor who chose nothing.
"""

from __future__ import annotations

from shop.settings import *  # noqa: F403
from shop.settings import MIDDLEWARE

ROOT_URLCONF = "shop.near_miss_urls"
MIDDLEWARE = [*MIDDLEWARE, "shop.near_miss_views.hide_with_a_stylesheet"]

"""Not a near miss: the site with a hidden cookie notice on every page, as many sites have.

The DOM's text then holds the notice: the page steps must read what a person sees
(``innerText``), and pass here as on the bundled site.
"""

from session_site.settings import *  # noqa: F403

MIDDLEWARE = [*MIDDLEWARE, "broken_site.middleware.add_a_hidden_notice"]  # noqa: F405

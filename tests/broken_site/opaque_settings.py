"""Not a near miss: the site on a session engine the spec can read but not count."""

from session_site.settings import *  # noqa: F403
from session_steps.matrix.cells import FILE_CACHE_ALIAS

SESSION_ENGINE = "broken_site.opaque_sessions"
# The run's file-based cache, which the servers and the spec's process share.
SESSION_CACHE_ALIAS = FILE_CACHE_ALIAS

"""Serving the site under test and reading its session store: overlays, server processes, probes, one Site per cell."""

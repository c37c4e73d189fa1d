"""Serving the site under test and reading its session store: overlays, server processes, probes, one Site per cell.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

"""The plugin's pytest side: options, fixtures, checks before the run and the one-line fault reports.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

"""The living-documentation report: each scenario's steps and what the browser and server did.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

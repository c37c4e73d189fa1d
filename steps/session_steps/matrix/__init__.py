"""The cells a run can cover: session engines behind server protocols, and what a machine has to run them.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

"""The step definitions, one module per thing a step looks at or acts on.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

"""The browser side: Chromium, the visitors the steps drive, cookies as the browser holds them, failure artifacts.

Internal to the plugin: its names may change in any release. What a project may rely on
is listed in docs/architecture.md ("What is public").
"""

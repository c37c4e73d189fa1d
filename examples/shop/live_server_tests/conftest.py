"""The shop's features on pytest-django's live server, instead of a server the plugin starts."""

pytest_plugins = ["session_steps.pytest_django"]

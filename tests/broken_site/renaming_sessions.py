"""A file session engine that names its files otherwise than Django does.

Django names each file ``<SESSION_COOKIE_NAME><session key>``; this one puts another
prefix first, so the sessions work, but not in the files a reader of SESSION_FILE_PATH
looks for.
"""

from __future__ import annotations

from django.contrib.sessions.backends.file import SessionStore as FileStore


class SessionStore(FileStore):
    def __init__(self, session_key: str | None = None) -> None:
        super().__init__(session_key)
        self.file_prefix = "session-file-"

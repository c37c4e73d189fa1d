"""A file session engine that gives every new session the key of the last one it stored.

Two visitors who arrive one after the other get the same session key, so the second
one's data overwrites the first one's file: one file for two visitors.
"""

from __future__ import annotations

import os

from django.contrib.sessions.backends.file import SessionStore as FileStore


class SessionStore(FileStore):
    def create(self) -> None:
        stored = [name for name in os.listdir(self.storage_path) if name.startswith(self.file_prefix)]
        if not stored:
            super().create()
            return
        newest = max(stored, key=lambda name: os.path.getmtime(os.path.join(self.storage_path, name)))
        self._session_key = newest.removeprefix(self.file_prefix)
        self.save()
        self.modified = True

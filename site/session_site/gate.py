"""A gate that holds a slow request until the spec lets it go on, so two requests overlap in a known order.

The slow view waits at the gate after loading the session; the spec waits until it is
there, lets another request of the same visitor run, then opens the gate. Both waits are
bounded, so a spec that forgets to open the gate fails instead of hanging. One server
process serves every request (see session_steps.server.server_process), so module state is shared.
"""

from __future__ import annotations

import asyncio
import threading

WAIT_S = 10.0

# Under WSGI (gunicorn's threads).
_reached = threading.Event()
_opened = threading.Event()

# Under ASGI (uvicorn's one event loop).
_areached = asyncio.Event()
_aopened = asyncio.Event()


def wait_in_view() -> None:
    _reached.set()
    if not _opened.wait(WAIT_S):
        raise TimeoutError("nobody opened the gate")
    _opened.clear()


def wait_until_reached() -> None:
    if not _reached.wait(WAIT_S):
        raise TimeoutError("no slow view reached the gate")
    _reached.clear()


def open_gate() -> None:
    _opened.set()


async def await_in_view() -> None:
    _areached.set()
    await asyncio.wait_for(_aopened.wait(), WAIT_S)
    _aopened.clear()


async def await_until_reached() -> None:
    await asyncio.wait_for(_areached.wait(), WAIT_S)
    _areached.clear()


async def aopen_gate() -> None:
    _aopened.set()

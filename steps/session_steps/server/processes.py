"""The run's own processes (servers, Redis) end with the run, however the run ends.

Each is started in a process group of its own, so that stopping it stops whatever it
started (gunicorn's workers); on Linux the kernel sends it its stop signal (SIGTERM unless
given) when the process that started it dies, even by SIGKILL, so none outlives a killed
run. A pytest process turns SIGTERM into a clean teardown, as Ctrl-C does.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import pwd
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import IO

# SIGTERM rather than SIGKILL: every server shuts down cleanly on it, and gunicorn's
# master stops its workers, which are its children and not the run's.
PARENT_DEATH_SIGNAL = signal.SIGTERM
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
STOP_TIMEOUT_S = 5.0

# The first program of a started process: it arms the parent-death signal, then becomes
# the server. This is done in a program of its own rather than in a preexec_fn, which may
# deadlock in a process with threads (the test process has several). If the parent died
# before the signal was armed, nobody would stop the server: it does not start.
_EXEC_WITH_PARENT_DEATH_SIGNAL = """\
import ctypes, os, sys
parent, number, *command = sys.argv[1:]
if ctypes.CDLL(None, use_errno=True).prctl(1, int(number), 0, 0, 0) != 0:
    sys.exit("cannot set the parent-death signal: " + os.strerror(ctypes.get_errno()))
if os.getppid() != int(parent):
    sys.exit("the process that started this one has ended")
os.execvp(command[0], command)
"""

_running: dict[int, subprocess.Popen[bytes]] = {}
# The signal each running process is stopped by, where it is not SIGTERM.
_stop_signals: dict[int, signal.Signals] = {}


def start(
    command: Sequence[str],
    output: IO[bytes],
    env: dict[str, str] | None = None,
    pass_fds: Sequence[int] = (),
    stop_signal: signal.Signals = PARENT_DEATH_SIGNAL,
    user: str | None = None,
) -> subprocess.Popen[bytes]:
    """Start ``command`` in a process group of its own that ends with this process.

    Its output and errors go to ``output``; ``pass_fds`` are inherited (a listening socket).
    ``stop_signal`` is what stops it cleanly, by ``stop`` or when this process dies (PostgreSQL
    hears SIGINT as a fast shutdown, SIGTERM as a wait for its clients to leave). With ``user``
    (this process being root) it runs as that user.
    """
    process = subprocess.Popen(
        with_parent_death_signal(as_user(list(command), user), stop_signal),
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        pass_fds=tuple(pass_fds),
        process_group=0,
    )
    _running[process.pid] = process
    _stop_signals[process.pid] = stop_signal
    return process


def with_parent_death_signal(command: list[str], number: signal.Signals = PARENT_DEATH_SIGNAL) -> list[str]:
    """``command``, run so that it receives ``number`` when this process dies (Linux only).

    The kernel sends the signal when the *thread* that started the process ends, which is
    the process's end only for its main thread; from another thread, nothing is armed.
    """
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return command
    arm = [sys.executable, "-I", "-S", "-c", _EXEC_WITH_PARENT_DEATH_SIGNAL]
    return [*arm, str(os.getpid()), str(int(number)), *command]


def as_user(command: list[str], user: str | None) -> list[str]:
    """``command``, run as ``user`` where this process is root (as itself where it is not, or no user is given).

    The kernel forgets a parent-death signal when a process changes its user, as a server
    that drops root by itself does (``memcached -u``): that server would outlive a killed
    run. setpriv changes the user first, then arms again the signal it was given
    (``--pdeathsig keep``), and only then becomes the server.
    """
    if user is None or not is_root():
        return command
    entry = pwd.getpwnam(user)
    ids = [f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--init-groups"]
    return ["setpriv", *ids, "--pdeathsig=keep", *command]


def is_root() -> bool:
    """Whether this process runs as root, where servers that refuse root must run as another user."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def stop(*processes: subprocess.Popen[bytes] | None, timeout: float = STOP_TIMEOUT_S) -> None:
    """Stop started processes together: SIGTERM to each one's group, SIGKILL after ``timeout``.

    The whole group is ended, so a process that outlived its leader (a server's worker) ends too.
    """
    started = [process for process in processes if process is not None]
    for process in started:
        _signal_group(process, _stop_signals.get(process.pid, signal.SIGTERM))
    deadline = time.monotonic() + timeout
    for process in started:
        _wait_unreaped(process, deadline)
    for process in started:
        # Until its leader is reaped, the group's id cannot be given to another group.
        _signal_group(process, signal.SIGKILL)
        process.wait()
        _running.pop(process.pid, None)
        _stop_signals.pop(process.pid, None)


class OneProcess:
    """What owns one process started here: a server of the run. It shows the process, and stops it."""

    _process: subprocess.Popen[bytes] | None = None

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        """The process, once started (None before, and once stopped)."""
        return self._process

    def stop(self) -> None:
        """Stop the process gracefully, and for good if it lingers."""
        process, self._process = self._process, None
        stop(process)


def stop_all() -> None:
    """Stop every process started here that is still running (at exit, whatever skipped its teardown)."""
    stop(*_running.values())


atexit.register(stop_all)


def _signal_group(process: subprocess.Popen[bytes], number: signal.Signals) -> None:
    if process.returncode is not None:
        return  # reaped: its group's id may belong to someone else now
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, number)


def _wait_unreaped(process: subprocess.Popen[bytes], deadline: float) -> None:
    """Wait until ``process`` has exited or ``deadline`` passes, leaving it to be reaped later."""
    while time.monotonic() < deadline:
        try:
            if os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is not None:
                return
        except ChildProcessError:
            return
        time.sleep(0.02)


def end_with_parent(number: signal.Signals = signal.SIGTERM) -> None:
    """Ask the kernel to send this process ``number`` when its parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(number), 0, 0, 0)
    if os.getppid() != parent:
        os.kill(os.getpid(), number)  # the parent died first


def interrupt_on_sigterm() -> Callable[[], None]:
    """Make SIGTERM stop this process as Ctrl-C does, with a clean teardown; return the undo.

    Python's default for SIGTERM is to die at once, leaving no teardown to stop the run's
    servers. A second SIGTERM kills at once; children still end through their parent-death
    signal. Nothing changes where another handler is installed, or off the main thread.
    """
    if threading.current_thread() is not threading.main_thread() or signal.getsignal(signal.SIGTERM) not in (
        signal.SIG_DFL,
        None,
    ):
        return lambda: None

    def interrupt(number: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        raise KeyboardInterrupt(f"stopped by {signal.Signals(number).name}")

    signal.signal(signal.SIGTERM, interrupt)

    def undo() -> None:
        if signal.getsignal(signal.SIGTERM) is interrupt:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

    return undo

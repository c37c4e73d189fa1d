"""A throwaway PostgreSQL cluster on a free loopback port, for the sites on the postgresql database.

initdb makes it in a folder of its own, it runs without durability (nothing outlives the
run), listens on loopback alone with a password made for the run, and ends with the run.
As root it runs as the ``postgres`` user (else ``nobody``), since initdb and postgres
refuse root, in a folder that user owns outside pytest's root-only temporary folder.
"""

from __future__ import annotations

import secrets
import signal
import subprocess
from pathlib import Path
from typing import Any

from session_steps.errors import SpecSetupError
from session_steps.matrix.machine import POSTGRESQL_SERVER
from session_steps.server import processes
from session_steps.server.loopback_server import LoopbackServer, last_lines
from session_steps.server.unprivileged import hand_over, remove_folder, run_folder, server_user

SUPERUSER = "session_spec"
DATABASE = "session_spec"
INITDB_TIMEOUT_S = 120
FOLDER_PREFIX = "session-spec-postgresql-"
# Durability costs time and buys nothing for data that ends with the run.
NOT_DURABLE = ("-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off")


class PostgresCluster(LoopbackServer):
    """A private cluster and one database, ``session_spec``, in a folder removed when it stops."""

    program = POSTGRESQL_SERVER
    purpose = "the sites on the postgresql database cannot run"
    user = server_user("postgres")
    # A fast shutdown: SIGTERM would wait for every client to leave.
    stop_signal = signal.SIGINT

    def __init__(self, folder: Path, host: str = "127.0.0.1") -> None:
        super().__init__(folder, host)
        self.password = secrets.token_urlsafe(16)
        self.cluster_folder: Path | None = None

    def settings(self) -> dict[str, Any]:
        """The database's entry for Django's DATABASES."""
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": DATABASE,
            "USER": SUPERUSER,
            "PASSWORD": self.password,
            "HOST": self.host,
            "PORT": str(self.port),
        }

    def start(self, timeout: float = 30.0) -> None:
        """Make the cluster with initdb, start it, and create the run's database."""
        executable = self.executable()
        self.cluster_folder = run_folder(FOLDER_PREFIX, str(self.user))
        self.folder.mkdir(parents=True, exist_ok=True)
        self.initdb(str(Path(executable).with_name("initdb")))
        super().start(timeout)
        self.create_database()

    def initdb(self, initdb: str) -> None:
        assert self.cluster_folder is not None
        password_file = self.cluster_folder / "password"
        password_file.write_text(self.password)
        hand_over(password_file, str(self.user))
        command = [initdb, "--pgdata", str(self.cluster_folder / "data"), "--username", SUPERUSER, "--no-sync"]
        command += ["--pwfile", str(password_file), "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C"]
        log_path = self.folder / "initdb.log"
        with log_path.open("wb") as log:
            process = processes.start(command, log, user=self.user)
        try:
            exit_code = process.wait(timeout=INITDB_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            exit_code = None
        processes.stop(process)
        password_file.unlink()
        if exit_code != 0:
            self.remove_cluster()
            raise SpecSetupError(f"initdb could not make a cluster (log: {log_path})", last_lines(log_path))

    def command(self, executable: str) -> list[str]:
        assert self.cluster_folder is not None
        listen = ["-c", f"listen_addresses={self.host}", "-c", "unix_socket_directories="]
        return [executable, "-D", str(self.cluster_folder / "data"), "-p", str(self.port), *listen, *NOT_DURABLE]

    def connect(self, database: str = "postgres") -> Any:
        import psycopg

        settings = self.settings()
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=SUPERUSER,
            password=settings["PASSWORD"],
            dbname=database,
            connect_timeout=2,
            autocommit=True,
        )

    def ready(self) -> bool:
        import psycopg

        try:
            self.connect().close()
        except psycopg.OperationalError:
            return False
        return True

    def create_database(self) -> None:
        with self.connect() as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")

    def stop(self) -> None:
        super().stop()
        self.remove_cluster()

    def remove_cluster(self) -> None:
        if self.cluster_folder is not None:
            remove_folder(self.cluster_folder)
            self.cluster_folder = None

"""
Run the site as production does, in a child process, for fault tests.

``AppServer`` starts gunicorn with DEBUG off on a free loopback port, with the
environment you give it (DATABASE_URL, CACHE_URL...). ``TcpProxy`` forwards a
loopback port to another address and can be stopped and started again on the
same port: pointing the app at the proxy lets a test take a real database or
cache away and bring it back without touching the server itself.
"""

import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DATABASE_URL", "CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # TLS would end at the load balancer; the child speaks plain HTTP.
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def collectstatic(static_root, **env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_env(STATIC_ROOT=static_root, **env),
        check=True,
        timeout=300,
    )


class AppServer:
    def __init__(self, log_path, **env):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = production_env(**env)
        self.log_path = log_path

    def __enter__(self):
        self.log = open(self.log_path, "wb")  # noqa: SIM115 (closed in __exit__)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "newsroom.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "1",
                "--timeout",
                "30",
                "--error-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start:\n{Path(self.log_path).read_text()}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()

    def get(self, path, timeout=20):
        """(status, headers, body) for ``path``; error statuses are answers too."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:  # noqa: S310 (loopback)
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class TcpProxy:
    """Forward 127.0.0.1:<port> to ``target``; ``stop()`` refuses connections until ``start()``."""

    def __init__(self, target):
        self.target = target
        self.port = free_port()
        self._listener = None
        self._open = set()
        self._lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self):
        listener, self._listener = self._listener, None
        if listener:
            # shutdown() wakes the thread blocked in accept(); close() alone
            # can leave the port listening.
            self._close(listener)
        with self._lock:
            for sock in list(self._open):
                self._close(sock)

    def _close(self, sock):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()
        self._open.discard(sock)

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update({client, upstream})
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        with self._lock:
            self._close(source)
            self._close(sink)

"""A tiny raw-socket HTTP server on 127.0.0.1 for behaviour a well-mannered server won't show.

Each accepted connection runs ``handler(conn, request_head, server)`` in its own
thread. Handlers can misbehave freely (never answer, drip bytes, send bombs);
``server.wait(seconds)`` sleeps but returns early when the server stops, so
every test ends promptly. Everything stays on the loopback interface and every
loop is bounded in time.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Callable

Handler = Callable[[socket.socket, bytes, "RawServer"], None]


def read_head(conn: socket.socket, limit: int = 65536) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and len(data) < limit:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


class RawServer:
    def __init__(self, handler: Handler, *, tls: ssl.SSLContext | None = None, max_lifetime: float = 60.0) -> None:
        self.handler = handler
        self.tls = tls
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.sock.settimeout(0.1)
        self.port: int = self.sock.getsockname()[1]
        self.connections = 0
        self.requests: list[bytes] = []
        self.request_times: list[float] = []
        self.sni: list[str | None] = []
        self.active = 0
        self.max_active = 0
        self.bytes_sent = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._ends_at = time.monotonic() + max_lifetime
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True)
        self._acceptor.start()

    # -- helpers for handlers
    def wait(self, seconds: float) -> bool:
        """Sleep; True if the server is stopping (handler should return)."""
        return self._stop.wait(seconds) or time.monotonic() > self._ends_at

    @property
    def stopping(self) -> bool:
        return self._stop.is_set() or time.monotonic() > self._ends_at

    def send(self, conn: socket.socket, data: bytes) -> bool:
        try:
            conn.sendall(data)
        except OSError:
            return False
        with self._lock:
            self.bytes_sent += len(data)
        return True

    # -- lifecycle
    def _accept_loop(self) -> None:
        while not self.stopping:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, raw: socket.socket) -> None:
        conn: socket.socket = raw
        conn.settimeout(10)
        try:
            if self.tls is not None:
                names: list[str | None] = []

                def remember(_sock: ssl.SSLObject | ssl.SSLSocket, name: str | None, _ctx: ssl.SSLContext) -> None:
                    names.append(name)

                self.tls.sni_callback = remember
                try:
                    conn = self.tls.wrap_socket(raw, server_side=True)
                except (ssl.SSLError, OSError):
                    self.sni.extend(names)
                    return
                self.sni.extend(names)
            head = read_head(conn)
            with self._lock:
                self.requests.append(head)
                self.request_times.append(time.monotonic())
                self.active += 1
                self.max_active = max(self.max_active, self.active)
            try:
                self.handler(conn, head, self)
            finally:
                with self._lock:
                    self.active -= 1
        except OSError:
            pass
        finally:
            with contextlib.suppress(OSError):
                conn.close()

    def stop(self) -> None:
        self._stop.set()
        self.sock.close()
        self._acceptor.join(2)
        for thread in self._threads:
            thread.join(2)


def header_value(head: bytes, name: str) -> str | None:
    for line in head.split(b"\r\n")[1:]:
        key, _, value = line.partition(b":")
        if key.strip().lower() == name.lower().encode():
            return value.strip().decode("latin-1")
    return None


def respond(status: str = "200 OK", headers: list[tuple[str, str]] | None = None, body: bytes = b"") -> Handler:
    """A handler that sends a fixed response (Content-Length added unless a framing header is given)."""

    def handler(conn: socket.socket, _head: bytes, server: RawServer) -> None:
        hdrs = list(headers or [])
        names = {k.lower() for k, _ in hdrs}
        if "content-length" not in names and "transfer-encoding" not in names:
            hdrs.append(("Content-Length", str(len(body))))
        hdrs.append(("Connection", "close"))
        lines = "".join(f"{k}: {v}\r\n" for k, v in hdrs)
        server.send(conn, f"HTTP/1.1 {status}\r\n{lines}\r\n".encode("latin-1") + body)

    return handler


def never_answer(conn: socket.socket, _head: bytes, server: RawServer) -> None:
    server.wait(30)


def drip_body(interval: float) -> Handler:
    """Headers at once, then one body byte every ``interval`` seconds (each read succeeds)."""

    def handler(conn: socket.socket, _head: bytes, server: RawServer) -> None:
        if not server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"):
            return
        while not server.wait(interval):
            if not server.send(conn, b"x"):
                return

    return handler


def drip_headers(interval: float) -> Handler:
    """The status line, then header bytes one at a time: headers never finish."""

    def handler(conn: socket.socket, _head: bytes, server: RawServer) -> None:
        if not server.send(conn, b"HTTP/1.1 200 OK\r\n"):
            return
        while not server.wait(interval):
            if not server.send(conn, b"X"):
                return

    return handler


def endless_chunked(chunk_size: int = 65536) -> Handler:
    """A chunked body that never ends."""

    def handler(conn: socket.socket, _head: bytes, server: RawServer) -> None:
        if not server.send(conn, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"):
            return
        payload = b"%x\r\n" % chunk_size + b"a" * chunk_size + b"\r\n"
        while not server.stopping:
            if not server.send(conn, payload):
                return

    return handler

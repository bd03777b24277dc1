"""A real HTTP server on 127.0.0.1 that collects what is POSTed to it (a webhook's receiver)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def receiver(fail_first: int = 0) -> Iterator[tuple[str, list[dict]]]:  # type: ignore[type-arg]
    """A local HTTP server collecting the JSON bodies POSTed to it; the first
    `fail_first` requests get a 503."""
    received: list[dict] = []  # type: ignore[type-arg]
    failures = [fail_first]

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if failures[0] > 0:
                failures[0] -= 1
                self.send_response(503)
            else:
                received.append(json.loads(body))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()

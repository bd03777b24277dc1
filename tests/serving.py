"""A real uvicorn server on 127.0.0.1 in a thread, for the API and dashboard tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI

from harmattan.api.app import create_app
from harmattan.api.settings import Settings


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve `settings` with uvicorn in a thread; yields the base URL, stops on exit."""
    with serving(create_app(settings), settings.db_path) as url:
        yield url


@contextmanager
def serving(app: FastAPI, db_path: str) -> Iterator[str]:
    """Serve an app built by `create_app` with uvicorn in a thread; yields the base URL."""
    # The socket is bound here and handed to uvicorn, so no other process can take the
    # port between choosing it and listening on it.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError(f"the server over {db_path} did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()

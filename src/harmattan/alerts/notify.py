"""Alerts to a webhook: each alert POSTed as JSON, from a thread of its own, so that an
ingest never waits for the receiver; a receiver that is slow or down costs retries in
that thread and a line in the log, nothing else."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Sequence
from urllib.parse import urlsplit

import httpx

from harmattan.errors import HarmattanError
from harmattan.records import Alert

log = logging.getLogger(__name__)


class WebhookError(HarmattanError):
    """A webhook URL that cannot be used."""


def webhook_url(url: str) -> str:
    """The URL, if alerts can be POSTed to it (http or https, with a host)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WebhookError(f"--notify-url {url!r} is not an http(s) URL")
    return url


class Webhook:
    """POST each alert handed to it (`webhook(alerts)`) to `url` as JSON: up to `tries`
    times, `timeout` seconds each, waiting `backoff`, then twice that, between tries."""

    def __init__(
        self, url: str, *, timeout: float = 5.0, tries: int = 3, backoff: float = 1.0
    ) -> None:
        self.url = webhook_url(url)
        self.tries = tries
        self.backoff = backoff
        self._client = httpx.Client(timeout=timeout)
        self._queue: queue.Queue[Alert | None] = queue.Queue()
        self._closing = threading.Event()
        self.failed: list[str] = []
        """Why each alert that was not delivered was not (the thread appends)."""
        self._thread = threading.Thread(target=self._run, name="harmattan-webhook", daemon=True)
        self._thread.start()

    def __call__(self, alerts: Sequence[Alert]) -> None:
        for alert in alerts:
            self._queue.put(alert)

    def close(self, grace: float = 2.0) -> list[str]:
        """Send what is queued for at most `grace` seconds more, then stop. Returns why
        each alert not delivered was not (they stay in the store: `harmattan alerts`)."""
        self._queue.put(None)
        self._thread.join(grace)
        self._closing.set()
        self._thread.join()
        while not self._queue.empty():
            if self._queue.get() is not None:
                self.failed.append("not sent before exit")
        if self.failed:
            log.warning("webhook: %d alerts not delivered to %s", len(self.failed), self.url)
        self._client.close()
        return self.failed

    def _run(self) -> None:
        while not self._closing.is_set():
            alert = self._queue.get()
            if alert is None:
                return
            self._deliver(alert)

    def _deliver(self, alert: Alert) -> None:
        wait = self.backoff
        for attempt in range(1, self.tries + 1):
            try:
                answer = self._client.post(self.url, json=alert.to_dict())
                if answer.status_code < 500:
                    if answer.status_code >= 300:
                        log.warning(
                            "webhook: %s refused alert %s (%d)",
                            self.url,
                            alert.id,
                            answer.status_code,
                        )
                    return
                reason = f"HTTP {answer.status_code}"
            except httpx.HTTPError as error:
                reason = f"{type(error).__name__}: {error}"
            if attempt == self.tries or self._closing.wait(wait):
                log.warning(
                    "webhook: alert %s not delivered to %s after %d tries (%s)",
                    alert.id, self.url, attempt, reason,
                )  # fmt: skip
                self.failed.append(reason)
                return
            wait *= 2

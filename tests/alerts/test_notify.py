"""A webhook receives each alert once; one that is down never holds up the caller."""

from __future__ import annotations

import datetime as dt
import socket
import time

import pytest

from harmattan.alerts.notify import Webhook, WebhookError
from harmattan.records import Alert, AlertKind, Evidence
from tests.receiver import receiver


def _alert(n: int) -> Alert:
    quote = Evidence("a1", f"e{n}", "Wire", dt.date(2023, 8, 7), "It expired.", 0, 11)
    return Alert(
        "ultimatums", AlertKind.DEADLINE, f"deadline:{n}", dt.date(2023, 8, 7), (f"s{n}",),
        (f"e{n}",), "NER", f"ultimatum {n} expired", (quote,),
    )  # fmt: skip


def test_each_alert_reaches_the_receiver_once_even_after_a_failure() -> None:
    with receiver(fail_first=1) as (url, received):
        hook = Webhook(url, backoff=0.05)
        hook([_alert(1), _alert(2)])
        hook.close(grace=5)
    assert [r["summary"] for r in received] == ["ultimatum 1 expired", "ultimatum 2 expired"]
    assert received[0]["id"] == _alert(1).id
    assert received[0]["evidence"][0] == {
        "article_id": "a1", "event_id": "e1", "source": "Wire", "published": "2023-08-07",
        "text": "It expired.", "start": 0, "end": 11,
    }  # fmt: skip


def test_a_receiver_that_is_down_costs_the_caller_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens there now.
    hook = Webhook(f"http://127.0.0.1:{port}/hook", backoff=0.05)
    start = time.monotonic()
    hook([_alert(n) for n in range(50)])
    assert time.monotonic() - start < 0.1
    hook.close(grace=0.5)
    assert time.monotonic() - start < 3
    assert "not delivered" in caplog.text


def test_a_url_that_is_not_http_is_refused() -> None:
    with pytest.raises(WebhookError, match="is not an http"):
        Webhook("ftp://example/hook")

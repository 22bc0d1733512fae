"""A local HTTP endpoint standing in for the clinic's webhook, recording what it receives."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, Iterator, List

from bot.engine.processes import free_port


class WebhookReceiver:
    """Notifications are sent before the sender gets its answer: `received` is complete on return."""

    def __init__(self) -> None:
        self.received: List[Dict[str, Any]] = []
        self.status = 200  # set to 500 to play a clinic server that is down
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if receiver.status == 200:
                    receiver.received.append(json.loads(body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/callbacks"


@contextmanager
def running_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    thread = threading.Thread(target=receiver.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()


def closed_port_url() -> str:
    """A clinic server that is unreachable: nothing listens on a free port."""
    return f"http://127.0.0.1:{free_port()}/callbacks"

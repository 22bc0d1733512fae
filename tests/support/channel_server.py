"""A real Sanic server, in a thread, serving some of the assistant's channels.

For the channels' own behaviour (ids refused, limits, lockout): the messages reach a recorder
instead of the trained model, so these tests run in seconds.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from contextlib import contextmanager
from typing import Any, Callable, Iterator, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage, register
from sanic import Sanic

from bot.engine.processes import free_port


class Recorder:
    """Stands in for Rasa's agent: remembers each message and answers "ok"."""

    def __init__(self) -> None:
        self.messages: List[UserMessage] = []

    async def handle_message(self, message: UserMessage) -> None:
        self.messages.append(message)
        if isinstance(message.output_channel, CollectingOutputChannel):
            await message.output_channel.send_text_message(message.sender_id, "ok")

    def is_ready(self) -> bool:
        return False


@contextmanager
def serving(channels: List[InputChannel], configure: Optional[Callable[[Sanic], None]] = None) -> Iterator[Any]:
    """Yields (base URL, recorder); `configure` prepares the app first, as Rasa does its own."""
    app = Sanic(f"channels_{uuid.uuid4().hex}")
    # Sanic rewrites its protocol classes for the app it serves; in test mode it starts again from
    # the original code for each app, so that several can be served one after the other.
    Sanic.test_mode = True
    if configure is not None:
        configure(app)
    recorder = Recorder()
    app.ctx.agent = recorder
    register(channels, app, route="/webhooks/")
    port = free_port()
    loop = asyncio.new_event_loop()
    server_ready = threading.Event()

    async def serve() -> Any:
        server = await app.create_server(host="127.0.0.1", port=port, return_asyncio_server=True)
        assert server is not None
        await server.startup()
        await server.before_start()
        await server.after_start()
        server_ready.set()
        return server

    def run() -> None:
        asyncio.set_event_loop(loop)
        holder.append(loop.run_until_complete(serve()))
        loop.run_forever()

    holder: List[Any] = []
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    server_ready.wait(30)  # set once the server listens
    url = f"http://127.0.0.1:{port}"
    try:
        yield url, recorder
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

"""The custom actions that only read run in the Rasa process: no HTTP round trip to answer.

Rasa Open Source runs every custom action over HTTP: for each FAQ answer the conversation and
the domain (70 kB) are serialised, posted to the action server, parsed there, and the reply
comes back the same way (about 5 ms of a message's 33 ms, and as much work again in the
action server: docs/performance.md). The actions of IN_PROCESS_ACTIONS read the message, the
domain and the clinic's settings and nothing else, never write nor wait: they run here,
through rasa_sdk's own executor, on exactly the call the action server would get. Every other
action (the callback form, which writes to the database) still goes to the action server.
They run on Rasa's event loop and read the domain Rasa holds (never a copy): an action added
to IN_PROCESS_ACTIONS must neither wait on anything nor change what it is given.
"""

from __future__ import annotations

from typing import Any, Callable, FrozenSet, Iterable, Optional

from rasa.core.actions.action import ActionExecutionRejection
from rasa.utils.endpoints import EndpointConfig
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection as RejectedBySdk

ACTIONS_PACKAGE = "actions"
# Actions that read and compute only: the FAQ answer, the personal-question, fallback and
# callback-offer replies (what most messages run), and the emergency reply, which then no
# longer depends on a second process being up.
IN_PROCESS_ACTIONS = frozenset({
    "action_answer_faq",
    "action_doctor_question",
    "action_handle_fallback",
    "action_offer_callback",
    "action_emergency",
})


class InProcessActions(EndpointConfig):
    """The action endpoint of endpoints.yml, running IN_PROCESS_ACTIONS itself."""

    def __init__(
        self, remote: EndpointConfig, names: Iterable[str] = IN_PROCESS_ACTIONS, package: str = ACTIONS_PACKAGE
    ) -> None:
        super().__init__(
            remote.url,
            remote.params,
            remote.headers,
            remote.basic_auth,
            remote.token,
            remote.token_name,
            remote.cafile,
            **remote.kwargs,
        )
        self.names: FrozenSet[str] = frozenset(names)
        self.executor = ActionExecutor()
        self.executor.register_package(package)
        unknown = self.names - set(self.executor.actions)
        if unknown:
            raise ValueError(f"Actions to run in process not found in {package!r}: {sorted(unknown)}")

    async def request(
        self,
        method: str = "post",
        subpath: Optional[str] = None,
        content_type: Optional[str] = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Optional[Any]:
        call = kwargs.get("json")
        if method == "post" and isinstance(call, dict) and call.get("next_action") in self.names:
            try:
                return await self.executor.run(call)
            except RejectedBySdk as rejection:
                # What Rasa raises for the action server's 400: other policies may then predict.
                raise ActionExecutionRejection(rejection.action_name, rejection.message) from rejection
        return await super().request(method, subpath, content_type, compress, **kwargs)


def in_process(endpoint: Optional[EndpointConfig]) -> Optional[EndpointConfig]:
    """The endpoint with the reading actions run here (None stays None: no custom action)."""
    if endpoint is None or isinstance(endpoint, InProcessActions):
        return endpoint
    return InProcessActions(endpoint)


def run_reading_actions_in_process() -> None:
    """Every action endpoint Rasa reads from endpoints.yml runs IN_PROCESS_ACTIONS itself."""
    from rasa.core.utils import AvailableEndpoints

    read: Callable[..., AvailableEndpoints] = AvailableEndpoints.read_endpoints.__func__
    if getattr(read, "runs_actions_in_process", False):
        return

    def read_endpoints(cls: type, endpoint_file: Optional[str]) -> AvailableEndpoints:
        endpoints = read(cls, endpoint_file)
        endpoints.action = in_process(endpoints.action)
        return endpoints

    read_endpoints.runs_actions_in_process = True  # type: ignore[attr-defined]
    AvailableEndpoints.read_endpoints = classmethod(read_endpoints)

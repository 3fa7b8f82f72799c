"""Send a message the way a patient does, through the gateway's own pipeline, and read back
what the backend would receive.

The demo widget (demo/static/widget.html) posts each message as JSON,
`{"session": …, "message": …}`, with POST to /api/chat; that request picks the route here,
as it does in the gateway, so a policy with routes is evaluated on the route widget traffic
takes (the shipped default policy has none: its default route applies). The pipeline is the
part a scan worker runs (`Pipeline.try_scan`): the JSON codec, the scan with the key as
context, the policy's decisions and the rewriting, so the text read back is the text the
gateway forwards. The session field is left out: it is a field of its own, which would
cost a second scan per message and cannot change how the message field is scanned (a
field's context is its own key and its parent's).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from gateway.errors import PolicyBlock
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction, Policy, Route
from gateway.redactor import Decision, Redactor

METHOD = "POST"
PATH = "/api/chat"
CONTENT_TYPE = "application/json"
_FIELD = "$.message"
_CONTEXT = ("message",)  # what the JSON codec gives the field as context


@dataclass(frozen=True)
class Sent:
    """What became of one message: the decisions on its text, and its text as forwarded
    (None when the policy refused the whole message)."""

    decisions: list[Decision]
    forwarded: str | None


def route(policy: Policy) -> Route:
    return policy.route_for(Direction.REQUEST, METHOD, PATH, CONTENT_TYPE)


class Widget:
    def __init__(self, redactor: Redactor, policy: Policy) -> None:
        self._redactor = redactor
        self._policy = policy
        self._pipeline = Pipeline(policy, redactor, Metrics())

    def send(self, text: str) -> Sent:
        body = json.dumps({"message": text}, ensure_ascii=False).encode()
        msg = HttpMessage(Direction.REQUEST, METHOD, PATH, {"content-type": CONTENT_TYPE}, body)
        outcome = self._pipeline.try_scan(msg)
        if isinstance(outcome, PolicyBlock):
            # Refused: nothing is forwarded. The decisions are still wanted for recall.
            scanner = self._redactor.scanner
            rules = route(self._policy).rules
            decisions = self._redactor.decide(
                text, scanner.scan(text, _CONTEXT), rules, self._policy
            )
            return Sent(decisions, None)
        if isinstance(outcome, BaseException):
            raise outcome
        forwarded = json.loads(outcome.body if outcome.body is not None else body)["message"]
        decisions = [fd.decision for fd in outcome.decisions if fd.path == _FIELD]
        return Sent(decisions, str(forwarded))

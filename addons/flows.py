"""Translate between mitmproxy flows and the pipeline's HttpMessage / RejectedMessage."""

from __future__ import annotations

from mitmproxy import http

from gateway.errors import RejectedMessage
from gateway.pipeline import HttpMessage
from gateway.policy import Direction

METADATA_REJECTED = "phigate.rejected"


def to_message(flow: http.HTTPFlow, direction: Direction) -> HttpMessage:
    message: http.Message = flow.request if direction is Direction.REQUEST else flow.response  # type: ignore[assignment]
    path, _, query = flow.request.path.partition("?")
    return HttpMessage(
        direction=direction,
        method=flow.request.method,
        path=path,
        headers={k.lower(): v for k, v in message.headers.items()},
        body=message.raw_content or b"",
        query=query if direction is Direction.REQUEST else "",
    )


def set_body(message: http.Message, body: bytes) -> None:
    """Replace an already-encoded body and keep Content-Length right."""
    message.raw_content = body
    if "transfer-encoding" not in message.headers:
        message.headers["content-length"] = str(len(body))


def reject(flow: http.HTTPFlow, error: RejectedMessage) -> None:
    """Answer the client with the error; in the request hook the backend gets nothing."""
    flow.response = http.Response.make(
        error.status,
        error.to_json(),
        {"content-type": "application/json", "x-phigate-error": error.code},
    )
    flow.metadata[METADATA_REJECTED] = error.code

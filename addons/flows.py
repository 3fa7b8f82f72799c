"""Translate between mitmproxy flows and the pipeline's HttpMessage / RejectedMessage."""

from __future__ import annotations

from mitmproxy import http

from gateway.codecs.socketio import eio_version
from gateway.errors import RejectedMessage
from gateway.exfiltration import client_key
from gateway.pipeline import HttpMessage
from gateway.policy import Direction, ExfiltrationSettings

METADATA_REJECTED = "phigate.rejected"
METADATA_STREAMED = "phigate.streamed"


def to_message(
    flow: http.HTTPFlow,
    direction: Direction,
    settings: ExfiltrationSettings | None = None,
    staff: str | None = None,
) -> HttpMessage:
    message: http.Message = flow.request if direction is Direction.REQUEST else flow.response  # type: ignore[assignment]
    path, _, query = flow.request.path.partition("?")
    return HttpMessage(
        direction=direction,
        method=flow.request.method,
        path=path,
        headers={k.lower(): v for k, v in message.headers.items()},
        body=message.raw_content or b"",
        query=query if direction is Direction.REQUEST else "",
        client=f"staff:{staff}" if staff else _client(flow, settings),
        to_client=direction is Direction.RESPONSE,
        staff=staff,
        engine_io=eio_version(query),  # Socket.IO long-polling bodies are packets
    )


def _client(flow: http.HTTPFlow, settings: ExfiltrationSettings | None) -> str:
    peer = str(flow.client_conn.peername[0]) if flow.client_conn.peername else ""
    forwarded = flow.request.headers.get("x-forwarded-for")
    return client_key(peer, forwarded, settings or ExfiltrationSettings())


def to_websocket_message(
    flow: http.HTTPFlow,
    content: bytes,
    is_text: bool,
    from_client: bool,
    settings: ExfiltrationSettings | None = None,
) -> HttpMessage:
    """A WebSocket message as a body: text as JSON (scanned as text if it is not JSON);
    binary as application/octet-stream, scanned only if it decodes as text, else refused
    unless the policy lists that type as unscanned. On a Socket.IO connection (its URL
    names EIO=) messages are engine.io packets, binary ones attachments."""
    content_type = "application/json" if is_text else "application/octet-stream"
    path, _, query = flow.request.path.partition("?")
    return HttpMessage(
        direction=Direction.WEBSOCKET,
        method=flow.request.method,
        path=path,
        headers={"content-type": content_type},
        body=content,
        client=_client(flow, settings),
        to_client=not from_client,
        engine_io=eio_version(query),
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

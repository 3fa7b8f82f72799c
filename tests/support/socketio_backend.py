"""A Socket.IO chat backend on loopback that speaks the protocol frame by frame (engine.io v4
over WebSocket and over HTTP long-polling), and a WebSocket client for the tests.

Both are written on wsproto (which mitmproxy itself uses) rather than python-socketio, so
that the tests see the exact frames each side sent. The backend implements what a chat
needs: the open packet, namespace connects, ping/pong probes, events with acks, polling.
"""

from __future__ import annotations

import io
import json
import re
import socket
import socketserver
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    BytesMessage,
    CloseConnection,
    Message,
    RejectConnection,
    Request,
    TextMessage,
)

OPEN = '0{"sid":"s1","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}'
_EVENT = re.compile(r"42(/[^,]*,)?([0-9]*)(\[.*\])", re.S)


@dataclass
class Received:
    path: str  # with the query string
    message: str | bytes  # a WebSocket message, or a polling POST body


@dataclass
class SocketIoBackend:
    reply: str  # what the backend says back to every event
    polling_reply: str = "6"  # the body a polling GET receives
    received: list[Received] = field(default_factory=list)

    def __post_init__(self) -> None:
        backend = self

        class Handler(socketserver.StreamRequestHandler):
            timeout = 30

            def handle(self) -> None:
                head = b""
                while not head.endswith(b"\r\n\r\n"):
                    line = self.rfile.readline()
                    if not line:
                        return
                    head += line
                backend._serve(head, self.rfile, self.connection)

        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever)
        self._thread.start()

    def messages(self, path_prefix: str) -> list[str | bytes]:
        return [r.message for r in self.received if r.path.startswith(path_prefix)]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()  # waits for the connection threads
        self._thread.join()

    def _serve(self, head: bytes, rfile: io.BufferedIOBase, sock: socket.socket) -> None:
        request_line, _, header_text = head.decode("latin-1").partition("\r\n")
        method, target, _ = request_line.split(" ", 2)
        headers = {
            k.strip().lower(): v.strip()
            for k, _, v in (line.partition(":") for line in header_text.split("\r\n") if line)
        }
        if headers.get("upgrade", "").lower() == "websocket":
            self._websocket(head, rfile, sock, target)
            return
        body = rfile.read(int(headers.get("content-length") or 0))
        if method == "POST":
            self.received.append(Received(target, body.decode()))
            reply = b"ok"
        else:
            reply = self.polling_reply.encode()
        sock.sendall(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=UTF-8\r\n"
            + f"content-length: {len(reply)}\r\nconnection: close\r\n\r\n".encode()
            + reply
        )

    def _websocket(
        self, head: bytes, rfile: io.BufferedIOBase, sock: socket.socket, target: str
    ) -> None:
        ws = WSConnection(ConnectionType.SERVER)
        ws.receive_data(head)
        for event in ws.events():
            if isinstance(event, Request):
                sock.sendall(ws.send(AcceptConnection()) + ws.send(TextMessage(OPEN)))
        for message in messages(ws, lambda: rfile.read1(65536)):
            if isinstance(message, CloseConnection):
                sock.sendall(ws.send(message.response()))
                return
            self.received.append(Received(target, message))
            for answer in self._answer(message):
                sock.sendall(ws.send(TextMessage(answer)))

    def _answer(self, message: str | bytes) -> list[str]:
        if not isinstance(message, str):
            return []
        if message in ("2", "2probe"):
            return ["3" + message[1:]]
        if message.startswith("40"):
            return [f'40{message[2:]}{{"sid":"n1"}}']  # message[2:]: "" or "/chat,"
        event = _EVENT.fullmatch(message)
        if event is None:
            return []
        namespace, ack = event.group(1) or "", event.group(2)
        # Spaced and escaped to ASCII, as Python's json.dumps writes by default.
        reply = json.dumps(["reply", {"text": self.reply}])
        answers = [f"42{namespace}{reply}"]
        if ack:
            answers.insert(0, f'43{namespace}{ack}[{{"ok":true}}]')
        return answers


def messages(
    ws: WSConnection, read: Callable[[], bytes]
) -> Iterator[str | bytes | CloseConnection]:
    """Whole messages as they arrive, then the peer's close (or nothing if it hangs up)."""
    parts: list[str | bytes] = []
    ended = False
    while True:
        for event in ws.events():
            if isinstance(event, CloseConnection):
                yield event
                return
            if isinstance(event, Message):
                parts.append(event.data)
                if event.message_finished:
                    if isinstance(event, TextMessage):
                        yield "".join(p for p in parts if isinstance(p, str))
                    else:
                        yield b"".join(p for p in parts if isinstance(p, bytes))
                    parts = []
        if ended:
            return
        data = read()
        ended = not data
        ws.receive_data(data or None)


class WebSocketClient:
    """A WebSocket connection to the gateway under test."""

    def __init__(self, port: int, target: str) -> None:
        self._sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self._ws = WSConnection(ConnectionType.CLIENT)
        self._sock.sendall(self._ws.send(Request(host=f"127.0.0.1:{port}", target=target)))
        accepted = False
        while not accepted:
            self._ws.receive_data(self._sock.recv(65536))
            for event in self._ws.events():
                if isinstance(event, RejectConnection):
                    raise AssertionError(f"handshake refused with {event.status_code}")
                accepted = isinstance(event, AcceptConnection)
                if accepted:
                    break  # what follows is read as messages
        self._incoming = messages(self._ws, lambda: self._sock.recv(65536))

    def send(self, message: str | bytes) -> None:
        event = TextMessage(message) if isinstance(message, str) else BytesMessage(message)
        self._sock.sendall(self._ws.send(event))

    def receive(self) -> str | bytes:
        message = next(self._incoming)
        assert not isinstance(message, CloseConnection), "the gateway closed the connection"
        return message

    def close(self) -> None:
        try:
            self._sock.sendall(self._ws.send(CloseConnection(code=1000)))
            for message in self._incoming:
                if isinstance(message, CloseConnection):
                    break
        finally:
            self._sock.close()

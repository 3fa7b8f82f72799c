"""Socket.IO through the real gateway (`phigate run`) in front of a Socket.IO backend on
loopback that speaks the protocol frame by frame (tests/support/socketio_backend.py): over
WebSocket and over HTTP long-polling."""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.http import request
from tests.support.processes import GatewayProcess, phigate_run
from tests.support.socketio_backend import OPEN, SocketIoBackend, WebSocketClient

pytestmark = pytest.mark.e2e

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
REPLY = "张伟您好，身份证110101199003074258已登记，医生稍后致电13800138000"
REPLY_MASKED = "张*您好，身份证110101********4258已登记，医生稍后致电138****8000"
RAW = ("张伟", "13800138000", "110101199003074258")
WS = "/socket.io/?EIO=4&transport=websocket"
SECURE_WS = "/secure/socket.io/?EIO=4&transport=websocket"

# /secure/ is a deployment whose policy refuses ID numbers on its WebSocket outright.
POLICY = """\
version: 1
routes:
  - name: secure-chat
    match:
      direction: [websocket]
      path: /secure/*
    actions:
      CN_RESIDENT_ID: block
"""


@pytest.fixture(scope="module")
def stack(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SocketIoBackend, GatewayProcess]]:
    backend = SocketIoBackend(reply=REPLY)
    tmp = tmp_path_factory.mktemp("socketio")
    policy = Path(tmp / "policy.yaml")
    policy.write_text(POLICY)
    gw = phigate_run(backend.url, tmp, "--config", str(policy))
    yield backend, gw
    gw.stop()
    backend.close()


@pytest.fixture
def client(
    stack: tuple[SocketIoBackend, GatewayProcess],
) -> Iterator[Callable[[str], WebSocketClient]]:
    opened: list[WebSocketClient] = []

    def connect(target: str) -> WebSocketClient:
        ws = WebSocketClient(stack[1].port, target)
        opened.append(ws)
        assert ws.receive() == OPEN  # the open packet passes as the backend sent it
        return ws

    yield connect
    for ws in opened:
        ws.close()


def metric(gw: GatewayProcess, name: str, labels: str) -> float:
    with urllib.request.urlopen(f"{gw.metrics_url}/metrics") as resp:
        text = resp.read().decode()
    match = re.search(rf"^{name}{re.escape(labels)} (\S+)$", text, re.M)
    return float(match.group(1)) if match else 0.0


def event(name: str, text: str, head: str = "42") -> str:
    return head + json.dumps([name, {"text": text}], ensure_ascii=False, separators=(",", ":"))


def reply(text: str, head: str = "42") -> str:
    """The backend's reply event, its JSON spaced and escaped to ASCII (`\\u5f20`) as
    Python writes it by default; a scan of the raw frame would not see the name."""
    return head + json.dumps(["reply", {"text": text}])


def test_socketio_chat_masked_both_ways_namespace_and_ack_kept(
    stack: tuple[SocketIoBackend, GatewayProcess], client: Callable[[str], WebSocketClient]
) -> None:
    backend, _ = stack
    ws = client(WS + "&chat=1")
    ws.send("40/chat,")
    assert ws.receive() == '40/chat,{"sid":"n1"}'
    ws.send(event("message", MESSAGE, "42/chat,17"))
    assert ws.receive() == '43/chat,17[{"ok":true}]'  # the ack, with its id and namespace
    assert ws.receive() == reply(REPLY_MASKED, "42/chat,")  # masked, spelling kept
    ws.send("2probe")
    assert ws.receive() == "3probe"
    assert backend.messages(WS + "&chat=1") == [
        "40/chat,",
        event("message", MASKED, "42/chat,17"),
        "2probe",
    ]


def test_socketio_block_policy_drops_the_event_and_counts_it(
    stack: tuple[SocketIoBackend, GatewayProcess], client: Callable[[str], WebSocketClient]
) -> None:
    backend, gw = stack
    before = metric(gw, "phigate_blocked_total", '{reason="blocked_by_policy"}')
    ws = client(SECURE_WS)
    ws.send(event("message", MESSAGE))  # dropped: it carries an ID number
    ws.send(event("message", "电话13800138000"))  # passes, masked
    # The backend's reply to it carries an ID number too, and is dropped on its way back;
    # the connection lives on, and the ping after it is answered.
    ws.send("2")
    assert ws.receive() == "3"
    assert backend.messages(SECURE_WS) == [event("message", "电话138****8000"), "2"]
    after = metric(gw, "phigate_blocked_total", '{reason="blocked_by_policy"}')
    assert after == before + 2


def test_socketio_binary_attachment_dropped_with_its_event(
    stack: tuple[SocketIoBackend, GatewayProcess], client: Callable[[str], WebSocketClient]
) -> None:
    """The default policy does not let binary through unscanned: the placeholder event and
    its binary frame are both dropped, so the backend never sees half a packet."""
    backend, gw = stack
    before = metric(gw, "phigate_blocked_total", '{reason="unreadable_body"}')
    ws = client(WS + "&upload=1")
    ws.send('451-["upload",{"_placeholder":true,"num":0}]')
    ws.send("身份证110101199003074258".encode())
    ws.send("2probe")
    assert ws.receive() == "3probe"
    assert backend.messages(WS + "&upload=1") == ["2probe"]
    assert metric(gw, "phigate_blocked_total", '{reason="unreadable_body"}') == before + 2


def test_socketio_polling_post_and_get_masked_packet_by_packet(
    stack: tuple[SocketIoBackend, GatewayProcess],
) -> None:
    backend, gw = stack
    path = "/socket.io/?EIO=4&transport=polling&sid=s1"
    headers = {"content-type": "text/plain;charset=UTF-8"}
    body = event("message", "我叫张伟") + "\x1e" + event("message", "电话13800138000")
    status, _, answer = request(gw, "POST", path, body.encode(), headers)
    assert (status, answer) == (200, b"ok")
    assert backend.messages(path) == [
        event("message", "我叫张*") + "\x1e" + event("message", "电话138****8000")
    ]
    backend.polling_reply = reply(REPLY) + "\x1e" + reply(MESSAGE)
    status, headers, got = request(gw, "GET", path)
    assert status == 200
    assert got.decode() == reply(REPLY_MASKED) + "\x1e" + reply(MASKED)
    assert headers["content-length"] == str(len(got))

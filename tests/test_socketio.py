"""Socket.IO / engine.io packets: decoded, scanned by their JSON strings, encoded back exactly."""

from __future__ import annotations

import json

import pytest

from gateway.codecs.socketio import EngineIoDocument, eio_version, open_packets
from gateway.errors import PolicyBlock, UnreadableBody
from gateway.metrics import Metrics
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction
from gateway.policy_loader import parse_policy
from gateway.redactor import Redactor
from recognizers import supported_entities

MESSAGE = "我叫张伟，电话13800138000，身份证110101199003074258"
MASKED = "我叫张*，电话138****8000，身份证110101********4258"
TEXT = "application/json"  # what the addon calls a WebSocket text message


def frame(text: str, version: int = 4) -> EngineIoDocument:
    doc = open_packets(text.encode(), TEXT, None, version, websocket=True)
    assert doc is not None
    return doc


def identity(doc: EngineIoDocument) -> dict[int, str]:
    return {i: f.text for i, f in enumerate(doc.fields)}


@pytest.mark.parametrize(
    "text",
    [
        '42["message",{"text":"我叫张伟"}]',
        '42/chat,17["message",{"text":"我叫张伟"}]',
        '42/chat,17 [ "message" , { "text" : "我叫张伟" , "n" : 1.50 } ]',
        '43/chat,17[{"ok":true,"mobile":"13800138000"}]',
        '451-["upload",{"_placeholder":true,"num":0}]',
        '42["message","\\u5f20\\u4f1f\\/x"]',
        '0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000}',
        '40{"token":"abc"}',
        "40/chat,",
        "41/chat,",
        '44{"message":"Not authorized"}',
    ],
    ids=lambda t: t[:14],
)
def test_socketio_frame_round_trips_exactly(text: str) -> None:
    doc = frame(text)
    assert doc.render({}) == text.encode()
    if "\\/" not in text:  # an escaped slash is the one spelling a rewritten string loses
        assert doc.render(identity(doc)) == text.encode()


def test_socketio_masked_string_changes_nothing_else() -> None:
    doc = frame('42/chat,17 ["message", {"text" : "电话13800138000", "n": 1.50}]')
    paths = [f.path for f in doc.fields]
    assert paths == ["namespace", "$[0]", "$[1].text"]
    out = doc.render({2: "电话138****8000"}).decode()
    assert out == '42/chat,17 ["message", {"text" : "电话138****8000", "n": 1.50}]'


def test_socketio_event_name_is_context_of_its_arguments() -> None:
    doc = frame('42["message",{"text":"x"},"y"]')
    assert [f.context for f in doc.fields] == [("message",), ("text", "message"), ("message",)]


def test_socketio_ack_keeps_its_id_and_namespace() -> None:
    doc = frame('43/chat,17[{"echo":"13800138000"}]')
    assert doc.fields[1].path == "$[0].echo"
    assert doc.render({1: "138****8000"}) == b'43/chat,17[{"echo":"138****8000"}]'


def test_socketio_escaped_strings_stay_escaped() -> None:
    doc = frame('42["message","\\u5f20\\u4f1f"]')
    assert doc.fields[1].text == "张伟"
    assert doc.render({1: "张*"}) == b'42["message","\\u5f20*"]'


def test_socketio_long_number_becomes_string_only_when_masked() -> None:
    doc = frame('42["message",{"mobile":13800138000,"n":7}]')
    assert doc.render({1: "138****8000"}) == b'42["message",{"mobile":"138****8000","n":7}]'


@pytest.mark.parametrize("text", ["2", "3", "2probe", "3probe", "5", "6", "1", "40", "41"])
def test_socketio_control_packets_pass_untouched(text: str) -> None:
    for version in (0, 3, 4):
        doc = frame(text, version)
        assert doc.fields == [] and doc.attachments == 0
        assert doc.render({}) == text.encode()


@pytest.mark.parametrize(
    "text",
    [
        "hello 13800138000",
        "13800138000",
        '{"text":"13800138000"}',
        '42["message"',  # truncated
        "42{}",  # an event must be an array
        "43[]",  # an ack needs its id
        "2hello",
        '41["x"]',  # a disconnect has no payload
        "4213800138000",  # an event with no arguments
    ],
)
def test_socketio_shape_unknown_connection_falls_back(text: str) -> None:
    """Without EIO= in the URL, only an exact packet shape is read as one; the rest is
    scanned as any WebSocket message."""
    assert open_packets(text.encode(), TEXT, None, 0, websocket=True) is None


@pytest.mark.parametrize(
    ("text", "scanned"),
    [
        ("413800138000", "13800138000"),  # a plain engine.io message: its data, without the 4
        ('42["message"', '2["message"'),
        ("13800138000", "13800138000"),  # not a close packet: all of it
        ("2hello 13800138000", "2hello 13800138000"),
    ],
)
def test_socketio_garbage_on_known_connection_scanned_as_text(text: str, scanned: str) -> None:
    doc = frame(text, 4)
    assert [f.text for f in doc.fields] == [scanned]
    assert (
        doc.render({0: scanned.replace("13800138000", "138****8000")})
        == text.replace("13800138000", "138****8000").encode()
    )


def test_socketio_binary_attachments_counted() -> None:
    assert frame('451-["upload",{"_placeholder":true,"num":0}]').attachments == 1
    two = frame('462-/chat,9[{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]')
    assert two.attachments == 2
    binary = open_packets(b"\x00\xff", "application/octet-stream", None, 4, websocket=True)
    assert binary is not None and binary.attachments == 1 and binary.fields == []
    # Without EIO= a binary frame is judged as binary frames always were.
    assert open_packets(b"\x00\xff", "application/octet-stream", None, 0, websocket=True) is None


def test_socketio_polling_v4_packets_split_and_joined() -> None:
    body = '42["message","13800138000"]\x1e42/chat,3["m",{"a":"张伟"}]\x1e2\x1ebAQID'.encode()
    doc = open_packets(body, "text/plain", "utf-8", 4, websocket=False)
    assert doc is not None and doc.attachments == 1
    assert [f.path for f in doc.fields] == [
        "packet[0].$[0]",
        "packet[0].$[1]",
        "packet[1].namespace",
        "packet[1].$[0]",
        "packet[1].$[1].a",
    ]
    out = doc.render({1: "138****8000", 4: "张*"})
    assert out == '42["message","138****8000"]\x1e42/chat,3["m",{"a":"张*"}]\x1e2\x1ebAQID'.encode()


def test_socketio_polling_v3_lengths_recomputed_in_utf16_units() -> None:
    # "😀" is one character but two UTF-16 units, as engine.io v3 (JavaScript) counts.
    body = '11:42["😀 张伟"]2:40'.encode()
    doc = open_packets(body, "text/plain", "utf-8", 3, websocket=False)
    assert doc is not None
    assert [f.text for f in doc.fields] == ["😀 张伟"]
    assert doc.render({0: "😀 <PERSON>"}) == '17:42["😀 <PERSON>"]2:40'.encode()
    assert open_packets('10:42["😀 张伟"]'.encode(), "text/plain", None, 3, False) is None


def test_socketio_polling_only_for_engine_io_text_bodies() -> None:
    body = b'42["message","x"]'
    assert open_packets(body, "text/plain", None, 0, websocket=False) is None
    assert open_packets(body, "application/json", None, 4, websocket=False) is None
    assert open_packets(body, "text/plain", None, 4, websocket=False) is not None


def test_socketio_invalid_utf8_is_unreadable() -> None:
    with pytest.raises(UnreadableBody):
        open_packets(b"42\xff", "text/plain", None, 4, websocket=False)


@pytest.mark.parametrize(
    ("query", "version"),
    [
        ("EIO=4&transport=polling&t=Nx1", 4),
        ("EIO=3&transport=websocket&sid=abc", 3),
        ("transport=polling", 0),
        ("EIO=9", 0),
        ("", 0),
    ],
)
def test_socketio_version_from_url(query: str, version: int) -> None:
    assert eio_version(query) == version


# The pipeline, with the real scanner.


def ws(body: str | bytes, *, version: int = 4, binary: bool = False) -> HttpMessage:
    return HttpMessage(
        Direction.WEBSOCKET,
        "GET",
        "/socket.io/",
        {"content-type": "application/octet-stream" if binary else TEXT},
        body.encode() if isinstance(body, str) else body,
        engine_io=version,
    )


def test_socketio_pipeline_masks_event_and_keeps_frame(pipeline: Pipeline) -> None:
    text = json.dumps(["message", {"text": MESSAGE}], ensure_ascii=False, separators=(",", ":"))
    out = pipeline.process(ws("42/chat,17" + text))
    expected = json.dumps(["message", {"text": MASKED}], ensure_ascii=False, separators=(",", ":"))
    assert out.body == ("42/chat,17" + expected).encode()


def test_socketio_pipeline_ping_is_not_rewritten(pipeline: Pipeline) -> None:
    for text in ("2", "3probe"):
        assert pipeline.process(ws(text)).body is None


def test_socketio_pipeline_polling_body_both_packets_masked(pipeline: Pipeline) -> None:
    body = '42["message","我叫张伟"]\x1e42["message","电话13800138000"]'
    msg = HttpMessage(
        Direction.REQUEST,
        "POST",
        "/socket.io/",
        {"content-type": "text/plain;charset=UTF-8"},
        body.encode(),
        query="EIO=4&transport=polling",
        engine_io=4,
    )
    out = pipeline.process(msg)
    assert out.body == '42["message","我叫张*"]\x1e42["message","电话138****8000"]'.encode()


def test_socketio_pipeline_block_refuses_the_event(redactor: Redactor, metrics: Metrics) -> None:
    policy = parse_policy("default:\n  actions:\n    CN_RESIDENT_ID: block\n", supported_entities())
    with pytest.raises(PolicyBlock):
        Pipeline(policy, redactor, metrics).process(ws(f'42["message","{MESSAGE}"]'))


def test_socketio_pipeline_attachments_pass_only_if_binary_may(
    pipeline: Pipeline, redactor: Redactor, metrics: Metrics
) -> None:
    event = '451-["upload",{"_placeholder":true,"num":0}]'
    with pytest.raises(UnreadableBody):
        pipeline.process(ws(event))
    with pytest.raises(UnreadableBody):
        # Text that decodes as UTF-8 still is an attachment: not scanned, so not passed.
        pipeline.process(ws(b"13800138000", binary=True))
    policy = parse_policy(
        "unscanned_content_types: [application/octet-stream]\n", supported_entities()
    )
    passing = Pipeline(policy, redactor, metrics)
    assert passing.process(ws(event)).body is None
    assert passing.process(ws(b"\x00\xff", binary=True)).body is None

"""multipart/form-data: text parts scanned, file parts passed byte for byte."""

from __future__ import annotations

import pytest

from gateway.codecs.multipart_body import MultipartDocument
from gateway.errors import UnreadableBody
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction
from tests.support.http import request
from tests.support.processes import GatewayProcess
from tests.support.recording_backend import RecordingBackend

BOUNDARY = "----phigate7MA4YWxk"
PHOTO = b"\x89PNG\r\n\x1a\n\x00\xff\xfe13800138000\r\n--not-a-boundary\r\n"


def multipart(*parts: tuple[str, bytes, str | None, str | None]) -> bytes:
    out = b""
    for name, content, filename, ctype in parts:
        out += f"--{BOUNDARY}\r\n".encode()
        disposition = f'Content-Disposition: form-data; name="{name}"'
        if filename:
            disposition += f'; filename="{filename}"'
        out += disposition.encode() + b"\r\n"
        if ctype:
            out += f"Content-Type: {ctype}\r\n".encode()
        out += b"\r\n" + content + b"\r\n"
    return out + f"--{BOUNDARY}--\r\n".encode()


BODY = multipart(
    ("name", "张伟".encode(), None, None),
    ("message", "电话13800138000，想咨询".encode(), None, "text/plain; charset=utf-8"),
    ("photo", PHOTO, "ct.png", "image/png"),
)
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def test_multipart_text_parts_are_fields_files_are_not() -> None:
    doc = MultipartDocument(BODY, BOUNDARY)
    assert [(f.path, f.text) for f in doc.fields] == [
        ("multipart.name", "张伟"),
        ("multipart.message", "电话13800138000，想咨询"),
    ]
    assert doc.render({}) == BODY


def test_multipart_pipeline_masks_text_keeps_file_bytes(pipeline: Pipeline) -> None:
    msg = HttpMessage(Direction.REQUEST, "POST", "/upload", {"content-type": CONTENT_TYPE}, BODY)
    out = pipeline.process(msg).body
    assert out is not None
    assert "电话138****8000，想咨询".encode() in out
    assert 'name="name"\r\n\r\n张*\r\n'.encode() in out
    assert PHOTO in out  # the file part is untouched, even the digits inside it
    assert out.count(BOUNDARY.encode()) == BODY.count(BOUNDARY.encode())


@pytest.mark.parametrize(
    ("body", "boundary"),
    [(BODY[:-40], BOUNDARY), (BODY, "other-boundary"), (BODY, "")],
    ids=["truncated", "wrong-boundary", "no-boundary"],
)
def test_multipart_malformed_is_unreadable(body: bytes, boundary: str) -> None:
    with pytest.raises(UnreadableBody):
        MultipartDocument(body, boundary)


@pytest.mark.e2e
def test_multipart_through_the_gateway(gateway: GatewayProcess, backend: RecordingBackend) -> None:
    backend.reset()
    status, _, _ = request(gateway, "POST", "/upload", BODY, {"content-type": CONTENT_TYPE})
    assert status == 200
    got = backend.received[-1]
    assert b"13800138000\xef\xbc\x8c" not in got.body  # the text part was masked
    assert PHOTO in got.body
    assert got.headers["content-length"] == str(len(got.body))

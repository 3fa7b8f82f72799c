"""Bodies in Chinese charsets: read in the charset they came in, written back in it."""

from __future__ import annotations

import codecs
import json
from urllib.parse import parse_qsl, urlencode

import pytest

from gateway.codecs.charsets import Charset, read_text
from gateway.codecs.dispatch import open_document
from gateway.codecs.multipart_body import MultipartDocument
from gateway.errors import ScanFailed, UnreadableBody
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction

MESSAGE = "我叫张伟，电话13800138000"
BE = codecs.BOM_UTF16_BE
TRADITIONAL = "我叫張偉，電話13800138000"


@pytest.mark.parametrize(
    ("data", "declared", "media", "codec", "bom"),
    [
        (MESSAGE.encode("gbk"), "gbk", "text/plain", "gbk", b""),
        (MESSAGE.encode("gbk"), "GB2312", "text/plain", "gbk", b""),
        (MESSAGE.encode("gbk"), "x-gbk", "text/plain", "gbk", b""),
        ("𠀀".encode("gb18030"), "gbk", "text/plain", "gb18030", b""),  # GBK label, 4-byte char
        (MESSAGE.encode("gb18030"), "gb18030", "text/plain", "gb18030", b""),
        (TRADITIONAL.encode("big5"), "big5", "text/plain", "big5hkscs", b""),
        (MESSAGE.encode("utf-16"), "utf-16", "text/plain", "utf-16-le", codecs.BOM_UTF16_LE),
        (MESSAGE.encode("utf-16-le"), "utf-16", "text/plain", "utf-16-le", b""),
        (MESSAGE.encode("utf-16-be"), "utf-16be", "text/plain", "utf-16-be", b""),
        (BE + MESSAGE.encode("utf-16-be"), None, "", "utf-16-be", BE),
        (codecs.BOM_UTF8 + MESSAGE.encode(), None, "application/json", "utf-8", codecs.BOM_UTF8),
        (MESSAGE.encode(), None, "text/plain", "utf-8", b""),
        (MESSAGE.encode("gbk"), None, "text/plain", "gb18030", b""),
        (b'<meta charset="gbk">' + MESSAGE.encode("gbk"), None, "text/html", "gbk", b""),
        (
            b'<meta http-equiv="Content-Type" content="text/html; charset=big5">'
            + TRADITIONAL.encode("big5"),
            None,
            "text/html",
            "big5hkscs",
            b"",
        ),
        (b'<meta charset="utf-16">' + MESSAGE.encode(), None, "text/html", "utf-8", b""),
    ],
    ids=[
        "gbk",
        "gb2312-label-read-as-gbk",
        "x-gbk-label",
        "gbk-label-gb18030-bytes",
        "gb18030",
        "big5",
        "utf-16-bom",
        "utf-16-no-bom-little-endian",
        "utf-16be",
        "undeclared-utf-16-bom",
        "utf-8-bom",
        "undeclared-utf-8",
        "undeclared-guessed-gb18030",
        "html-meta-charset",
        "html-meta-http-equiv",
        "html-meta-utf-16-is-not",
    ],
)
def test_read_text_finds_the_charset(
    data: bytes, declared: str | None, media: str, codec: str, bom: bytes
) -> None:
    charset, text = read_text(data, declared, media)
    assert (charset.codec, charset.bom) == (codec, bom)
    assert text.endswith(("13800138000", "𠀀"))
    assert charset.bom + charset.encode(text) == data


@pytest.mark.parametrize(
    ("data", "declared", "media"),
    [
        (MESSAGE.encode("gbk") + b"\x81", "gbk", "text/plain"),
        (MESSAGE.encode() + b"\xff", "gb18030", "text/plain"),
        (MESSAGE.encode("gbk"), "utf-8", "text/plain"),
        (b"\x31\x00\x32", "utf-16", "text/plain"),
        (b"\x80\xff\x80\xff", None, "text/plain"),
        (b"abc", "base64", "text/plain"),
        (b"abc", "no-such-charset", "text/plain"),
        (b'<meta charset="gbk">\xff\xff', None, "text/html"),
    ],
    ids=[
        "gbk-truncated",
        "gb18030-invalid",
        "gbk-declared-utf-8",
        "utf-16-odd-length",
        "undeclared-neither",
        "not-a-text-charset",
        "unknown-charset",
        "html-meta-gbk-invalid",
    ],
)
def test_bytes_invalid_in_the_charset_are_unreadable(
    data: bytes, declared: str | None, media: str
) -> None:
    with pytest.raises(UnreadableBody):
        read_text(data, declared, media)


def test_text_written_back_in_its_charset_byte_for_byte() -> None:
    # Big5 has codes that decode to the same character (0xA1FE and 0xA241 are both ／):
    # the bytes outside the masked span are kept as sent, not re-encoded.
    data = b"\xa1\xfe" + TRADITIONAL.encode("big5") + b"\xa1\xfe"
    doc = open_document(data, "text/plain", "big5")
    text = doc.fields[0].text
    out = doc.render({0: text.replace("13800138000", "138****8000")})
    assert out == data.replace(b"13800138000", b"138****8000")


def test_utf16_written_back_with_its_byte_order_mark() -> None:
    data = MESSAGE.encode("utf-16")
    doc = open_document(data, "text/plain", "utf-16")
    out = doc.render({0: MESSAGE.replace("13800138000", "138****8000")})
    assert out.startswith(codecs.BOM_UTF16_LE)
    assert out.decode("utf-16") == "我叫张伟，电话138****8000"


def test_replacement_the_charset_cannot_write_fails_closed() -> None:
    doc = open_document(MESSAGE.encode("gbk"), "text/plain", "gbk")
    with pytest.raises(ScanFailed):
        doc.render({0: MESSAGE.replace("张伟", "张😀")})


def test_json_in_gbk_written_back_in_gbk_with_escapes_for_what_gbk_lacks() -> None:
    body = b'{"msg":"' + MESSAGE.encode("gbk") + b'","emoji":"\\ud83d\\ude00"}'
    doc = open_document(body, "application/json", "gbk")
    out = doc.render({0: "我叫张*，电话138****8000"})
    assert json.loads(out.decode("gbk")) == {"msg": "我叫张*，电话138****8000", "emoji": "😀"}


@pytest.mark.parametrize("declared", ["gbk", None], ids=["declared", "guessed"])
def test_gbk_form_decoded_and_written_back_in_gbk(declared: str | None) -> None:
    body = urlencode({"name": "张伟", "phone": "13800138000"}, encoding="gbk").encode()
    doc = open_document(body, "application/x-www-form-urlencoded", declared)
    assert [(f.path, f.text) for f in doc.fields] == [
        ("form.name", "张伟"),
        ("form.phone", "13800138000"),
    ]
    out = doc.render({0: "张*"})
    assert parse_qsl(out.decode(), encoding="gbk") == [("name", "张*"), ("phone", "13800138000")]


def test_form_escapes_invalid_in_every_guess_are_unreadable() -> None:
    with pytest.raises(UnreadableBody):
        open_document(b"name=%81%FF", "application/x-www-form-urlencoded", None)


def test_multipart_part_in_gbk_read_and_written_in_gbk() -> None:
    boundary = "b0undary"
    body = (
        b'--b0undary\r\nContent-Disposition: form-data; name="msg"\r\n\r\n'
        + MESSAGE.encode("gbk")
        + b"\r\n--b0undary--\r\n"
    )
    doc = MultipartDocument(body, boundary)
    assert doc.fields[0].text == MESSAGE
    out = doc.render({0: "我叫张*，电话138****8000"})
    assert out == body.replace(MESSAGE.encode("gbk"), "我叫张*，电话138****8000".encode("gbk"))


@pytest.mark.parametrize(
    ("body", "content_type", "codec"),
    [
        (MESSAGE.encode("gbk"), "text/plain; charset=gbk", "gbk"),
        (MESSAGE.encode("gb18030"), "text/plain", "gb18030"),
        (MESSAGE.encode("utf-16"), "text/plain; charset=utf-16", "utf-16"),
        (
            json.dumps({"message": MESSAGE}, ensure_ascii=False).encode("gbk"),
            "application/json; charset=gbk",
            "gbk",
        ),
    ],
    ids=["gbk-text", "guessed-gb18030", "utf-16", "gbk-json"],
)
def test_pipeline_masks_in_the_charset_it_came_in(
    pipeline: Pipeline, body: bytes, content_type: str, codec: str
) -> None:
    msg = HttpMessage(Direction.REQUEST, "POST", "/api/chat", {"content-type": content_type}, body)
    out = pipeline.process(msg).body
    assert out is not None
    assert "我叫张*，电话138****8000" in out.decode(codec)
    assert "13800138000" not in out.decode(codec)


def test_charset_encode_keeps_bom_out_of_pieces() -> None:
    charset = Charset("utf-16-le", codecs.BOM_UTF16_LE)
    assert charset.encode("a") == b"a\x00"
    assert charset.encode_body("a") == codecs.BOM_UTF16_LE + b"a\x00"

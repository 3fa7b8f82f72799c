from __future__ import annotations

import gzip
import json
import zlib

import brotli
import pytest
import zstandard

from gateway.codecs import content_encoding
from gateway.codecs.dispatch import open_document, parse_content_type
from gateway.codecs.form_body import FormDocument
from gateway.codecs.json_body import MAX_DEPTH, JsonDocument
from gateway.codecs.json_tokens import JsonTokensDocument
from gateway.errors import BodyTooLarge, UnreadableBody

PAYLOAD = "我叫张伟，电话13800138000".encode() * 50

ENCODERS = {
    "gzip": gzip.compress,
    "deflate": zlib.compress,
    "br": brotli.compress,
    "zstd": lambda b: zstandard.ZstdCompressor().compress(b),
}


@pytest.mark.parametrize("coding", list(ENCODERS))
def test_content_encoding_round_trip(coding: str) -> None:
    codings = content_encoding.parse(coding)
    encoded = content_encoding.encode(PAYLOAD, codings)
    assert content_encoding.decode(encoded, codings, 1 << 20) == PAYLOAD
    assert content_encoding.decode(ENCODERS[coding](PAYLOAD), codings, 1 << 20) == PAYLOAD


@pytest.mark.parametrize("coding", list(ENCODERS))
def test_content_encoding_bomb_stopped_at_limit(coding: str) -> None:
    bomb = ENCODERS[coding](b"0" * (8 << 20))
    assert len(bomb) < 100_000
    with pytest.raises(BodyTooLarge):
        content_encoding.decode(bomb, [coding], 1 << 20)


@pytest.mark.parametrize("coding", list(ENCODERS))
def test_content_encoding_garbage_is_unreadable(coding: str) -> None:
    with pytest.raises(UnreadableBody):
        content_encoding.decode(b"this is not compressed at all", [coding], 1 << 20)


def test_unknown_content_encoding_is_unreadable() -> None:
    with pytest.raises(UnreadableBody):
        content_encoding.parse("compress")


def test_json_document_keeps_structure_and_types() -> None:
    value = {"a": [1, 2.5, True, None, {"姓名": "张伟"}], "mobile": 13800138000, "n": 7}
    doc = JsonDocument(value)
    paths = {f.path: f for f in doc.fields}
    assert set(paths) == {"$.a[4].姓名", "$.mobile"}
    assert paths["$.a[4].姓名"].context == ("姓名", "a")
    index = [f.path for f in doc.fields].index("$.a[4].姓名")
    out = json.loads(doc.render({index: "张*"}))
    assert out == {"a": [1, 2.5, True, None, {"姓名": "张*"}], "mobile": 13800138000, "n": 7}


def test_json_number_identifier_becomes_string_only_when_replaced() -> None:
    doc = JsonDocument({"mobile": 13800138000})
    assert json.loads(doc.render({0: "138****8000"})) == {"mobile": "138****8000"}


def test_form_document_round_trip_keeps_order_and_blanks() -> None:
    doc = FormDocument("a=1&phone=13800138000&empty=&name=%E5%BC%A0%E4%BC%9F")
    assert [f.path for f in doc.fields] == ["form.a", "form.phone", "form.name"]
    assert doc.render({}) == b"a=1&phone=13800138000&empty=&name=%E5%BC%A0%E4%BC%9F"
    assert (
        doc.render({1: "138****8000"})
        == b"a=1&phone=138%2A%2A%2A%2A8000&empty=&name=%E5%BC%A0%E4%BC%9F"
    )


def test_content_type_parsing() -> None:
    assert parse_content_type('Application/JSON; charset="UTF-8"') == ("application/json", "utf-8")
    assert parse_content_type(None) == ("", None)


def test_malformed_json_is_scanned_token_by_token() -> None:
    doc = open_document(b'{"msg": "\\u0031\\u0033800138000", 13800138001', "application/json", None)
    assert [(f.text, f.context) for f in doc.fields] == [
        ("13800138000", ("msg",)),
        (", 13800138001", ("msg",)),
    ]
    assert doc.render({0: "138****8000"}) == b'{"msg": "\\u0031\\u00338****8000", 13800138001'


def test_declared_charset_is_used() -> None:
    doc = open_document("电话13800138000".encode("gbk"), "text/plain", "gbk")
    assert doc.fields[0].text == "电话13800138000"
    assert doc.render({0: "电话138****8000"}) == "电话138****8000".encode("gbk")


@pytest.mark.parametrize(
    ("data", "charset"),
    [(b"\xff\xfe\x00garbage\x81", None), (b"abc", "no-such-charset")],
    ids=["not-utf8", "unknown-charset"],
)
def test_unreadable_text_is_refused(data: bytes, charset: str | None) -> None:
    with pytest.raises(UnreadableBody):
        open_document(data, "text/plain", charset)


def test_json_unicode_escapes_are_scanned_decoded() -> None:
    body = b'{"msg": "\\u5f20\\u4f1f \\u7535\\u8bdd 13800138000"}'
    doc = open_document(body, "application/json", None)
    assert doc.fields[0].text == "张伟 电话 13800138000"


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("[", "]"), ('{"a":', "}"), ("[" * 150 + '{"a":', "}" + "]" * 150)],
    ids=["array", "object", "mixed"],
)
def test_json_nested_ten_thousand_deep_read_token_by_token(opening: str, closing: str) -> None:
    body = (opening * 10_000 + '"电话13800138000"' + closing * 10_000).encode()
    doc = open_document(body, "application/json", None)
    assert isinstance(doc, JsonTokensDocument)
    [field] = doc.fields
    assert field.text == "电话13800138000"
    assert doc.render({0: "电话138****8000"}) == body.replace(b"13800138000", b"138****8000")


def test_json_just_past_the_tree_depth_is_read_token_by_token() -> None:
    deep = json.dumps({"a": 1})
    for _ in range(MAX_DEPTH):
        deep = f"[{deep}]"
    body = ("[" + deep + ',{"mobile": 13800138000}]').encode()
    doc = open_document(body, "application/json", None)
    assert isinstance(doc, JsonTokensDocument)
    assert [(f.text.strip(" :,}]"), f.context) for f in doc.fields][-1] == (
        "13800138000",
        ("mobile",),
    )

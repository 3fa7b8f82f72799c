"""text/html bodies: text nodes, attributes, comments and scripts scanned; markup kept."""

from __future__ import annotations

import pytest

from gateway.codecs.charsets import UTF8
from gateway.codecs.dispatch import open_document
from gateway.codecs.html_body import HtmlDocument
from gateway.pipeline import HttpMessage, Pipeline
from gateway.policy import Direction

PAGE = (
    "<!DOCTYPE html><html><head><title>张伟的病历</title>"
    "<style>.a{color:red}</style></head><body>"
    "<!-- 患者电话13800138000 -->"
    "<table><tr><td>手机</td><td>13800138000</td></tr></table>"
    '<input name="mobile" placeholder="手机号" value="13800138000">'
    "<img alt='身份证110101199003074258' data-phone=13800138000>"
    '<script>var d = {"phone": "13800138000"};</script>'
    "<p>a &lt; b &amp; c</p></body></html>"
)


def html_doc(page: str) -> HtmlDocument:
    return HtmlDocument(page, UTF8, page.encode())


def test_html_fields_are_text_attributes_comments_and_scripts() -> None:
    doc = html_doc(PAGE)
    assert [(f.path, f.text, f.context) for f in doc.fields] == [
        ("html.text", "张伟的病历", ()),
        ("html.style", ".a{color:red}", ("style",)),
        ("html.comment", " 患者电话13800138000 ", ("comment",)),
        ("html.text", "手机", ("张伟的病历",)),
        ("html.text", "13800138000", ("手机",)),
        ("html.input@name", "mobile", ("name", "手机号")),
        ("html.input@placeholder", "手机号", ("placeholder", "mobile")),
        ("html.input@value", "13800138000", ("value", "mobile", "手机号")),
        ("html.img@alt", "身份证110101199003074258", ("alt",)),
        ("html.img@data-phone", "13800138000", ("data-phone",)),
        ("html.script", 'var d = {"phone": "13800138000"};', ("script",)),
        ("html.text", "a < b & c", ()),
    ]


def test_html_render_changes_only_the_masked_spans() -> None:
    doc = html_doc(PAGE)
    replacements = {
        i: f.text.replace("13800138000", "138****8000")
        for i, f in enumerate(doc.fields)
        if "13800138000" in f.text
    }
    assert doc.render({}) == PAGE.encode()
    assert doc.render(replacements) == PAGE.replace("13800138000", "138****8000").encode()


def test_html_character_references_decoded_for_scanning_and_mapped_back() -> None:
    page = "<p>电话&#49;&#x33;8&#48;0138000&nbsp;谢谢</p>"
    doc = html_doc(page)
    assert doc.fields[0].text == "电话13800138000\xa0谢谢"
    out = doc.render({0: "电话138****8000\xa0谢谢"})
    assert out.decode() == "<p>电话&#49;&#x33;8****8000&nbsp;谢谢</p>"


def test_html_redaction_markers_are_escaped_not_tags() -> None:
    page = '<p>电话13800138000</p><a title="13800138000">x</a><b class=13800138000>y</b>'
    doc = html_doc(page)
    out = doc.render({0: "电话<PHONE_NUMBER>", 1: '<PHONE_NUMBER>"', 3: "<PHONE NUMBER>"})
    assert out.decode() == (
        "<p>电话&#60;PHONE_NUMBER&#62;</p>"
        '<a title="&#60;PHONE_NUMBER&#62;&#34;">x</a>'
        "<b class=&#60;PHONE&#32;NUMBER&#62;>y</b>"
    )


@pytest.mark.parametrize(
    "page",
    [
        "<p>ok</p><div title='13800138000",  # quote never closed
        "<p>ok</p><div 13800138000",  # tag never closed
        "<p>ok</p><!-- 13800138000",  # comment never closed
        "<p>ok</p><script>x='13800138000'",  # script never closed
        "<p>1 < 2, 电话13800138000</p>",  # a "<" that is text
    ],
    ids=["open-quote", "open-tag", "open-comment", "open-script", "bare-less-than"],
)
def test_html_markup_left_open_is_still_scanned(page: str) -> None:
    doc = html_doc(page)
    assert any("13800138000" in f.text for f in doc.fields)


def test_html_meta_charset_gbk_read_and_written_in_gbk() -> None:
    page = '<html><head><meta charset="gbk"></head><body>我叫张伟，电话13800138000</body></html>'
    data = page.encode("gbk")
    doc = open_document(data, "text/html", None)
    [body_text] = [f for f in doc.fields if "13800138000" in f.text]
    index = doc.fields.index(body_text)
    out = doc.render({index: "我叫张*，电话138****8000"})
    assert out == page.replace("张伟", "张*").replace("13800138000", "138****8000").encode("gbk")


def test_html_response_masked_through_the_pipeline(pipeline: Pipeline) -> None:
    msg = HttpMessage(
        Direction.RESPONSE,
        "GET",
        "/records",
        {"content-type": "text/html; charset=utf-8"},
        PAGE.encode(),
        to_client=True,
    )
    out = pipeline.process(msg).body
    assert out is not None
    text = out.decode()
    assert "13800138000" not in text
    assert "110101199003074258" not in text
    assert '<input name="mobile" placeholder="手机号" value="138****8000">' in text
    assert "<p>a &lt; b &amp; c</p>" in text  # untouched markup stays byte for byte

"""text/html bodies: text nodes, attribute values (`value="138…"`, `title`, `alt`,
`data-*`, every one), comments and the contents of <script> and <style> are fields; tags
and everything else pass byte for byte.

Character references are decoded for scanning (`&#49;&#51;&#56;…` is digits) and only
the references around a masked value are rewritten. An attribute's context is its name
and the element's `name`, `id`, `placeholder` or `aria-label`; a text node's is the short
text before it (`<td>手机</td><td>138…</td>`). Markup this reader cannot follow (a tag or
quote left open) is scanned from there to the end as text: nothing is skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from gateway.codecs.charsets import Charset
from gateway.codecs.escapes import Unescaped
from gateway.codecs.fields import Field
from gateway.codecs.splice import splice

_REFERENCE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_SEPARATORS = re.compile(r"[\s/]*")
_EQUALS = re.compile(r"\s*=")
_ATTR_NAME = re.compile(r"[^\s/>][^\s/>=]*")
_ATTR_VALUE = re.compile(r"""\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'][^\s>]*))""")
_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
_ESCAPABLE_RAW_TEXT = frozenset({"textarea", "title"})
_LABEL_ATTRS = ("name", "id", "placeholder", "aria-label")
_MAX_LABEL = 16


@dataclass
class _Span:
    start: int  # offset of the raw content in the document
    content: Unescaped
    kind: str  # "raw" (script, comment), "text", or the attribute's quote: '"', "'", ""


class HtmlDocument:
    def __init__(self, text: str, charset: Charset, data: bytes) -> None:
        self._text = text
        self._charset = charset
        self._data = data
        self._spans: list[_Span] = []
        self.fields: list[Field] = []
        self._label = ""
        self._read()

    def _read(self) -> None:
        text, n = self._text, len(self._text)
        pos = run = 0  # `run`: where the current text node began
        while True:
            lt = text.find("<", pos)
            if lt < 0:
                self._text_node(run, n)
                return
            after = self._markup(lt)
            if after is None:
                pos = lt + 1  # a "<" that opens nothing is text
                continue
            self._text_node(run, lt)
            if after < 0:  # markup left open: the rest is scanned as text
                self._text_node(lt, n)
                return
            pos = run = after

    def _markup(self, lt: int) -> int | None:
        """Read the markup at `lt`; where it ends, -1 if it is never closed, None if the
        "<" opens no markup."""
        text = self._text
        if text.startswith("<!--", lt):
            return self._until(lt + 4, "-->", "comment")
        if text.startswith(("<!", "<?"), lt):
            if text[lt + 2 : lt + 9].lower() == "doctype":
                end = text.find(">", lt)
                return -1 if end < 0 else end + 1
            return self._until(lt + 2, ">", "comment")  # a bogus comment still carries text
        if text.startswith("</", lt) and _TAG_NAME.match(text, lt + 2):
            end = text.find(">", lt)
            return -1 if end < 0 else end + 1
        name = _TAG_NAME.match(text, lt + 1)
        if name is None:
            return None
        return self._start_tag(name.group().lower(), name.end())

    def _until(self, start: int, closer: str, label: str) -> int:
        end = self._text.find(closer, start)
        stop = len(self._text) if end < 0 else end
        self._add(start, Unescaped(self._text[start:stop]), "raw", f"html.{label}", (label,))
        return len(self._text) if end < 0 else end + len(closer)

    def _start_tag(self, tag: str, pos: int) -> int:
        text = self._text
        attrs: list[tuple[str, int, str, str]] = []  # name, value offset, value, quote
        while True:
            pos = _SEPARATORS.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches
            if pos >= len(text):
                return -1
            if text[pos] == ">":
                pos += 1
                break
            name = _ATTR_NAME.match(text, pos)
            assert name is not None  # the separators stopped at something else
            pos = name.end()
            value = _ATTR_VALUE.match(text, pos)
            if value is None:
                if _EQUALS.match(text, pos):
                    return -1  # a value with an unclosed quote, or none at all
                continue
            group = next(g for g in (1, 2, 3) if value.group(g) is not None)
            quote = ('"', "'", "")[group - 1]
            attrs.append((name.group().lower(), value.start(group), value.group(group), quote))
            pos = value.end()
        self._attributes(tag, attrs)
        if tag in _RAW_TEXT or tag in _ESCAPABLE_RAW_TEXT:
            closer = re.compile(rf"</{tag}(?=[\s/>])", re.IGNORECASE).search(text, pos)
            end = closer.start() if closer else len(text)
            content = self._text[pos:end]
            if tag in _RAW_TEXT:
                self._add(pos, Unescaped(content), "raw", f"html.{tag}", (tag,))
            else:
                self._text_node(pos, end)
            return end
        return pos

    def _attributes(self, tag: str, attrs: list[tuple[str, int, str, str]]) -> None:
        values = {name: value for name, _, value, _ in attrs}
        for name, start, value, quote in attrs:
            labels = [values[a] for a in _LABEL_ATTRS if a != name and values.get(a)]
            context = [name, *(html.unescape(v)[:_MAX_LABEL] for v in labels[:2])]
            if self._label:
                context.append(self._label)  # <label>手机</label><input value=…>
            self._add(start, _decoded(value), quote, f"html.{tag}@{name}", tuple(context))

    def _text_node(self, start: int, end: int) -> None:
        content = _decoded(self._text[start:end])
        self._add(start, content, "text", "html.text", (self._label,) if self._label else ())
        stripped = content.text.strip().rstrip(":：")
        if stripped:  # a label is short and no value itself: 手机, 姓名
            label = len(stripped) <= _MAX_LABEL and not any(c.isdigit() for c in stripped)
            self._label = stripped if label else ""

    def _add(
        self, start: int, content: Unescaped, kind: str, path: str, context: tuple[str, ...]
    ) -> None:
        if content.text.strip():
            self._spans.append(_Span(start, content, kind))
            self.fields.append(Field(path, content.text, context))

    def render(self, replacements: dict[int, str]) -> bytes:
        edits = []
        for i in sorted(replacements):
            span = self._spans[i]
            escape = _ESCAPES[span.kind]
            raw_start, raw_end, new = span.content.rewrite(replacements[i], escape)
            edits.append((span.start + raw_start, span.start + raw_end, new))
        return splice(self._data, self._text, self._charset, edits)


def _decoded(raw: str) -> Unescaped:
    return Unescaped(raw, _REFERENCE, html.unescape)


class _Escape:
    """Escapes only what would change the markup: a redacted `<PHONE_NUMBER>` in a text
    node must not become a tag, nor a quote end an attribute."""

    def __init__(self, special: str) -> None:
        self._table = {ord(c): f"&#{ord(c)};" for c in special}

    def __call__(self, text: str) -> str:
        return text.translate(self._table)


_ESCAPES = {
    "raw": _Escape(""),
    "text": _Escape("&<>"),
    '"': _Escape('&<>"'),
    "'": _Escape("&<>'"),
    "": _Escape("&<>\"'`= \t\n\r\f"),
}

"""LOCATION: detailed Chinese addresses (road and number, estate, building, unit, room)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._base import ChineseLocalRecognizer, Example, result

_COMPONENTS = re.compile(
    r"(?P<road>(?:路|街|大街|大道|巷|弄|胡同)\d{1,5}(?:-\d{1,4})?号院?)"
    r"|(?P<estate>小区|花园|家园|公寓|新村|村|苑|大厦|庄园|嘉园|华庭|公馆|社区|里)"
    r"|(?P<unit>\d{1,4}\s*(?:号楼|栋|幢|座|号院|单元|室|户|号房|组)|(?:(?<=单元)|(?<=组))\d{1,5}号?)"
    # building-unit-room written with dashes: 23-2-1701
    r"|(?P<dashed>(?<![\d-])\d{1,3}-\d{1,2}-\d{2,4}(?![\d-]))"
)
# Between two parts of one address: a few characters of a name or a space, never a
# sentence break.
_GAP = re.compile(r"[^，。,；;！？!?、\n]{0,12}")
# What ends an address on its left: punctuation, pronouns, prepositions, conjunctions,
# and the words that lead into one. jieba often tags the parts of a place name as verbs or
# particles (解放 v, 上城区 → 上 f, 金地 → 地 uv), so those flags do not stop it.
_STOP_FLAGS = ("x", "r", "p", "c", "y", "e", "o")
_LEAD_INS = frozenset(
    "到 在 住 寄 送 发 是 于 离 从 的 了 着 过 我家 家 地址 住址 住在 家住 位于".split()
    + "收货 快递 寄到 送到 发到".split()
)
_MAX_LEFT = 30


@dataclass
class _Part:
    kind: str
    start: int
    end: int


class CnAddressRecognizer(ChineseLocalRecognizer):
    """Detailed addresses in mainland China, the way GB/T 23705 orders them: province,
    city, district or county, then road and house number (建国路88号), or a residential
    estate (阳光花园, 幸福小区) with building (5号楼, 3栋), unit (2单元) and room (1203室).

    An address is a chain of such parts with no sentence break between them; it must hold
    a road with a number or at least two parts, so "3楼312房" (a ward) or "5号楼" alone
    (a hospital building) is not one. The span reaches left over the place names before it
    (北京市朝阳区) by jieba's tokens, up to a lead-in word (住在, 寄到, 地址), a pronoun, a
    preposition or punctuation.
    """

    ENTITY = "LOCATION"
    CONTEXT = ["地址", "住址", "住在", "家住", "寄到", "收货", "送到", "门牌", "address"]
    ROAD_SCORE = 0.75
    UNITS_SCORE = 0.6

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseNlpArtifacts):
            return []
        results = []
        for chain in _chains(text):
            kinds = {p.kind for p in chain}
            if "road" not in kinds and len(chain) < 2 and "dashed" not in kinds:
                continue
            if kinds == {"dashed"}:
                continue  # 5-1-304 alone could be anything; after an estate it is an address
            start = _left_edge(chain[0].start, nlp_artifacts)
            score = self.ROAD_SCORE if kinds & {"road", "estate"} else self.UNITS_SCORE
            results.append(result(self, self.ENTITY, start, chain[-1].end, score, "address"))
        return results


def _chains(text: str) -> list[list[_Part]]:
    parts = [_Part(str(m.lastgroup), m.start(), m.end()) for m in _COMPONENTS.finditer(text)]
    chains: list[list[_Part]] = []
    for part in parts:
        if chains and _GAP.fullmatch(text[chains[-1][-1].end : part.start]):
            chains[-1].append(part)
        else:
            chains.append([part])
    return chains


def _left_edge(position: int, nlp: ChineseNlpArtifacts) -> int:
    """Move the start left over the tokens that name the place (北京市, 朝阳区, 建国)."""
    starts = nlp.tokens_indices
    i = bisect.bisect_left(starts, position) - 1  # the last token starting before it
    edge = position
    while i >= 0 and position - starts[i] <= _MAX_LEFT:
        word, flag = nlp.words[i], nlp.pos_flags[i]
        if word == " " and i > 0 and nlp.words[i - 1].strip():
            i -= 1  # "河南省 郑州市金水区 滨河路324号": one space between parts
            continue
        if flag.startswith(_STOP_FLAGS) or word in _LEAD_INS or not word.strip():
            break
        edge = starts[i]
        i -= 1
    return edge


EXAMPLES = [
    Example(
        "我住在北京市朝阳区建国路88号SOHO现代城5号楼1单元1203室",
        ("北京市朝阳区建国路88号SOHO现代城5号楼1单元1203室",),
        (0.75, 1.0),
    ),
    Example(
        "地址：广东省深圳市南山区科技园阳光花园3栋2单元501",
        ("广东省深圳市南山区科技园阳光花园3栋2单元501",),
        (0.75, 1.0),
    ),
    Example("寄到上海市浦东新区张江镇祖冲之路1000号", ("上海市浦东新区张江镇祖冲之路1000号",)),
    Example("家在幸福小区12号楼3单元402室，方便上门吗", ("幸福小区12号楼3单元402室",)),
    Example("5栋2单元301室", ("5栋2单元301室",), (0.6, 1.0), note="units only"),
    Example(
        "快递寄到广东省广州市越秀区解放大街141号世纪嘉园27幢3单元601室，曹梅收",
        ("广东省广州市越秀区解放大街141号世纪嘉园27幢3单元601室",),
        note="jieba tags 解放 as a verb",
    ),
    Example("请把发票寄到浙江省杭州市上城区文化大街858号", ("浙江省杭州市上城区文化大街858号",)),
    Example("我住在南京市秦淮区金地新村25栋3单元1403室", ("南京市秦淮区金地新村25栋3单元1403室",)),
    Example("我在上海市徐汇区紫荆公寓5-1-304，附近有分院吗", ("上海市徐汇区紫荆公寓5-1-304",)),
    Example(
        "我住在江西省赣州市于都县石桥镇高庙村4组37号，离你们医院比较远",
        ("江西省赣州市于都县石桥镇高庙村4组37号",),
        note="village, group and number",
    ),
    Example(
        "药寄到 河南省 郑州市金水区 滨河路324号 金色家园14号楼1单元1403，收件人",
        ("河南省 郑州市金水区 滨河路324号 金色家园14号楼1单元1403",),
        note="spaces between parts",
    ),
    Example("住院部3楼312房", (), note="a ward"),
    Example("复查时间是5-1-304诊室", (), note="dashed numbers alone"),
    Example("门诊5号楼3层抽血", (), note="one hospital building"),
    Example("我在建国路上班", (), note="a road without a number"),
]

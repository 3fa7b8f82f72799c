"""LOCATION: detailed Chinese addresses (road and number, estate, building, unit, room)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._base import ChineseLocalRecognizer, Example, result

# Traditional forms of the characters the parts below are made of (區 號 樓 層 廣場 …),
# one for one so that offsets stay put: patients from Hong Kong, Macau and Guangdong
# write them.
_SIMPLIFIED = str.maketrans(
    "區號樓層廣場園單棟莊灣縣鎮鄉組廈寫際館華門衚衕裡",
    "区号楼层广场园单栋庄湾县镇乡组厦写际馆华门胡同里",
)
_HAN = r"[^\W\d_A-Za-z]"  # a Han character (a word character that is no digit or Latin letter)
# A character of a village or town name: not a function word, not a hospital's word.
_NAME = r"[^\W\d_A-Za-z的在里上了去到回和是跟医院卫诊]"
_VILLAGE = rf"{_NAME}{{1,6}}?村(?![里民医口子])"
_CN_DIGITS = "零〇一二三四五六七八九幺两"
# A building or unit number: digits, or a Chinese numeral (三栋, 二单元, 十二号楼).
_NUM = r"(?:(?<!\d)\d{1,4}|(?<![一二三四五六七八九十两])[一二三四五六七八九十两]{1,3})"
# Right after a building, a unit or a village group, a bare number is the room (8栋1801,
# B座2106, 3单元8-2, 二单元六零二, 4组37号).
_AFTER_BUILDING = "|".join(f"(?<={w})" for w in ("栋", "幢", "座", "号楼", "单元", "门", "组"))

# Words that name a place in a hospital: building numbers near one are a ward or a
# consulting room, not where a patient lives (but 医院家属院 is staff housing).
_HOSPITAL = re.compile(
    r"医院(?!宿舍|家属|小区)|住院|门诊|急诊|病房|病区|院区|诊室|科室|手术|检查|体检|化验|药房"
)
_HOSPITAL_REACH = 8

_COMPONENTS = re.compile(
    r"(?P<road>(?:路|街|大街|大道|巷|弄|胡同)\s?"
    rf"(?:\d{{1,5}}(?:-\d{{1,4}})?|[{_CN_DIGITS}十百]{{1,5}})\s?号院?)"
    # a county and a town in it, and a village in that town (沂南县依汶镇后石沟村)
    rf"|(?P<rural>(?<={_HAN})(?:县{_NAME}{{2,4}}?[镇乡](?![村长政上里下])(?:{_VILLAGE})?"
    rf"|(?<![城乡村集小])[镇乡]{_VILLAGE}))"
    r"|(?P<estate>小区|花园|家园|公寓|新村|村|苑|大厦|庄园|嘉园|华庭|公馆|社区|里|小镇|雅居"
    r"|山庄|新城"
    # a name ending in 城 园 府 湾 … is an estate when building numbers follow at once
    rf"|(?<={_HAN})[城园府湾庭郡](?=(?:{_NUM}期)?\s*(?:\d|[A-Za-z]\d?[座栋幢区]|{_NUM}[栋幢])))"
    # office towers and blocks: the middle of an address that something else makes one
    r"|(?P<tower>广场|中心|写字楼|大楼|商厦|[东南西北]塔|(?<![A-Za-z])[A-Za-z]区)"
    rf"|(?P<building>{_NUM}\s*(?:号楼|栋|幢)|(?<!\d)\d{{1,4}}\s*(?:座|号院)"
    r"|(?<![A-Za-z])[A-Za-z]\d?\s*(?:座|栋|幢|号楼)(?![A-Za-z]))"
    rf"|(?P<unit>{_NUM}\s*单元|(?<!\d)\d{{1,2}}门(?![诊课户口]))"
    r"|(?P<room>(?<!\d)\d{1,5}\s*(?:室|户|号房)|(?<![A-Za-z])[A-Za-z]室"
    rf"|(?:{_AFTER_BUILDING})\s?(?:\d{{1,5}}(?:-\d{{1,4}})?|[{_CN_DIGITS}]{{3,4}})(?![\d.楼层Ff床次天岁个点周年月日元块])[号室]?)"
    r"|(?P<group>(?<!\d)\d{1,3}\s*组)"
    # building-unit-room written with dashes: 23-2-1701
    r"|(?P<dashed>(?<![\d-])\d{1,3}-\d{1,2}-\d{2,4}(?![\d-]))"
    # a floor (17楼, 18F, 十二层) ends an address, but a floor alone is a hospital's
    rf"|(?P<floor>{_NUM}\s*(?:楼|层)(?![房道梯下上])|(?<![\dA-Za-z])\d{{1,3}}[Ff](?![A-Za-z]))"
)
# Parts that say where in an estate: two of them (5栋2单元), or one after an estate name
# (阳光花园3栋), make an address.
_COUNTING = frozenset({"building", "unit", "room", "group", "dashed"})
# Parts that end or fill an address but make none: 17楼 and A区 alone are a hospital's.
_TAIL = frozenset({"floor", "tower"})
# Between two parts of one address: a few characters of a name or a space, never a
# sentence break.
_GAP = re.compile(r"[^，。,；;！？!?、\n]{0,12}")
# A floor joins the part before it only closely (大厦18F, 2栋17楼).
_FLOOR_GAP = re.compile(r"[^，。,；;！？!?、\n]{0,2}")
# The words that lead into an address. After one, an estate name with building numbers
# is an address even with no road or city before it (住万科城二期8栋1801).
_CUE = re.compile(
    r"(?:收货地址|家庭住址|住址|地址|住在|家住|家在|寄到|送到|发到|寄往|住(?![院宿]))"
    r"[写填是为]?[\s:：]*"
)
# What ends an address on its left: punctuation, pronouns, prepositions, conjunctions,
# and the words that lead into one. jieba often tags the parts of a place name as verbs or
# particles (解放 v, 上城区 → 上 f, 金地 → 地 uv), so those flags do not stop it.
_STOP_FLAGS = ("x", "r", "p", "c", "y", "e", "o")
_LEAD_INS = frozenset(
    "到 在 住 寄 送 发 是 于 离 从 的 了 着 过 我家 家 地址 住址 住在 家住 位于".split()
    + "收货 快递 寄到 送到 发到".split()
)
# A space is crossed leftwards only after a region's name (河南省 郑州市金水区 滨河路…,
# 京溪街道 云景花园).
_REGION_END = tuple("省市区县旗州盟镇乡道")
_MAX_LEFT = 30


@dataclass
class _Part:
    kind: str
    start: int
    end: int


class CnAddressRecognizer(ChineseLocalRecognizer):
    """Detailed addresses in mainland China, the way GB/T 23705 orders them: province,
    city, district or county, then road and house number (建国路88号) and the building on
    it (环球广场, 国际中心A座1508, 大厦18F); or a residential estate (阳光花园, 幸福小区)
    with building (5号楼, 3栋, B座), unit (2单元), room (1203室, 8栋1801, 3单元8-2) and
    floor (17楼), numbers also in Chinese numerals (三栋二单元六零二) or dashes (12-3-502);
    or a county, town and village (沂南县依汶镇后石沟村, 高庙村4组37号). Traditional
    characters (區 號 樓 廣場) count as their simplified forms.

    An address is a chain of such parts with no sentence break between them. It must hold
    a road with a number, a town with its village, an estate with a building number, or
    two building numbers (5栋2单元); after a lead-in word (住, 地址, 家在, 寄到) one
    building number after a name is enough. So "3楼312房" (a ward), "5号楼" alone or
    numbers near 门诊 or 住院部 (a hospital building) are not addresses. The span reaches
    left over the place names before it (北京市朝阳区) by jieba's tokens, up to a lead-in
    word, a pronoun, a preposition or punctuation.
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
        simplified = text.translate(_SIMPLIFIED)
        results = []
        for chain in _chains(simplified):
            start = _left_edge(chain[0].start, nlp_artifacts)
            cue = _cue_end(simplified, start, chain[0].start)
            start = max(start, cue)
            named = _named(chain, start)
            if not named and not _numbers_suffice(simplified, chain, start, cue > 0):
                continue
            score = self.ROAD_SCORE if named or cue > 0 else self.UNITS_SCORE
            results.append(result(self, self.ENTITY, start, chain[-1].end, score, "address"))
        return results


def _named(chain: list[_Part], start: int) -> bool:
    """A road with its number, a town with its village, or an estate with a name before
    it (阳光小区, not 我们小区) and a building number after it."""
    kinds = {p.kind for p in chain}
    if kinds & {"road", "rural"}:
        return True
    estate = any(p.kind == "estate" and p.start > start for p in chain)
    return estate and bool(kinds & _COUNTING)


def _numbers_suffice(text: str, chain: list[_Part], start: int, after_cue: bool) -> bool:
    """Building numbers with no road or estate name: two different ones (5栋2单元301室),
    or one building after a lead-in word (住万科城8栋1801); never next to a hospital's
    words (门诊5号楼301室, 住3号楼哪个病房), and never twice the same kind (早上8单元
    晚上6单元 is insulin)."""
    kinds = {p.kind for p in chain} & _COUNTING
    if not (len(kinds) >= 2 or (after_cue and kinds - {"room"})):
        return False
    near = text[max(0, start - _HOSPITAL_REACH) : chain[-1].end + _HOSPITAL_REACH]
    return _HOSPITAL.search(near) is None


def _chains(text: str) -> list[list[_Part]]:
    parts = [_Part(str(m.lastgroup), m.start(), m.end()) for m in _COMPONENTS.finditer(text)]
    chains: list[list[_Part]] = []
    for part in parts:
        gap = _FLOOR_GAP if part.kind == "floor" else _GAP
        if chains and gap.fullmatch(text[chains[-1][-1].end : part.start]):
            chains[-1].append(part)
        else:
            chains.append([part])
    # A chain that begins with a floor or a tower begins at its first real part (the left
    # edge reaches back over a tower's name); one of nothing else is no address.
    return [chain for chain in (_without_leading_tail(c) for c in chains) if chain]


def _without_leading_tail(chain: list[_Part]) -> list[_Part]:
    while chain and chain[0].kind in _TAIL:
        chain = chain[1:]
    return chain


def _cue_end(text: str, edge: int, first: int) -> int:
    """Where a lead-in word right before the address ends (住, 地址, or the 地址 of
    公司地址 that the left edge took for a place name); 0 if there is none."""
    end = 0
    for m in _CUE.finditer(text, max(0, edge - 6), first):
        if edge <= m.end() <= first:
            end = m.end()
    return end


def _left_edge(position: int, nlp: ChineseNlpArtifacts) -> int:
    """Move the start left over the tokens that name the place (北京市, 朝阳区, 建国)."""
    starts = nlp.tokens_indices
    i = bisect.bisect_left(starts, position) - 1  # the last token starting before it
    edge = position
    while i >= 0 and position - starts[i] <= _MAX_LEFT:
        word, flag = nlp.words[i], nlp.pos_flags[i]
        if word == " " and i > 0 and nlp.words[i - 1].endswith(_REGION_END):
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
    Example(
        "住 杭州市拱墅区湖墅南路101号远洋国际中心C座2203 晚上方便",
        ("杭州市拱墅区湖墅南路101号远洋国际中心C座2203",),
        note="an office tower, its block and room after the house number",
    ),
    Example("地址：成都市锦江区春熙路18号时代广场，工作日收", ("成都市锦江区春熙路18号时代广场",)),
    Example(
        "收件地址 南昌市青山湖区北京东路3号國貿大廈16樓 谢谢",
        ("南昌市青山湖区北京东路3号國貿大廈16樓",),
        note="traditional characters, a floor",
    ),
    Example(
        "住深圳市福田區福華路88號中心商務大廈20樓 想約時間",
        ("深圳市福田區福華路88號中心商務大廈20樓",),
    ),
    Example("住港湾花園第3座15樓B室 想問", ("港湾花園第3座15樓B室",), note="traditional, no city"),
    Example(
        "寄到河北省保定市涞水县三坡镇南峪村 李红梅收",
        ("河北省保定市涞水县三坡镇南峪村",),
        note="county, town, village",
    ),
    Example("家住贵州省毕节市威宁县草海镇 老人走不了", ("贵州省毕节市威宁县草海镇",)),
    Example("住桃源镇李家村 坐车要两小时", ("桃源镇李家村",), note="town and village alone"),
    Example("住绿地新都会7-2-1103 能送药吗", ("绿地新都会7-2-1103",), note="estate after 住"),
    Example(
        "我家在碧桂园凤凰城五期12栋2单元1302 孩子咳嗽",
        ("碧桂园凤凰城五期12栋2单元1302",),
        note="a name ending in 城, a phase",
    ),
    Example("寄到 碧水湾二期B栋1802 电话联系", ("碧水湾二期B栋1802",), note="lettered building"),
    Example(
        "住翠苑四区十二幢三单元五零一 老人腿脚不便",
        ("翠苑四区十二幢三单元五零一",),
        note="Chinese numerals",
    ),
    Example("地址 龙湖春江郦城3栋1单元2-5 放门口", ("龙湖春江郦城3栋1单元2-5",), note="floor-room"),
    Example("我在东城区和平里七区5号楼1门402 上班", ("东城区和平里七区5号楼1门402",)),
    Example("住 幸福花园 5 栋 2 单元 301 行动不便", ("幸福花园 5 栋 2 单元 301",)),
    Example(
        "住在广西南宁市兴宁区朝阳路 52 号 方便吗",
        ("广西南宁市兴宁区朝阳路 52 号",),
        note="spaces around the house number",
    ),
    Example(
        "宝宝 2019年5月3日 出生 南宁市青秀区金湖路61号 能约吗",
        ("南宁市青秀区金湖路61号",),
        note="the span does not reach back over spaced words",
    ),
    Example(
        "住在医院家属院5号楼2单元301 离得近",
        ("医院家属院5号楼2单元301",),
        (0.6, 1.0),
        note="staff housing",
    ),
    Example("住院部3楼312房", (), note="a ward"),
    Example("请到门诊楼2楼208诊室候诊，带上医保卡", (), note="a consulting room"),
    Example("我爸住3号楼哪个病房 几床", (), note="a hospital word right after"),
    Example("挂号在2号楼1楼大厅 还是3号楼", (), note="two buildings, no room"),
    Example("胰岛素早上8单元 晚上6单元 血糖还是高", (), note="insulin units"),
    Example("我们小区3栋的邻居也得了", (), note="an estate with no name"),
    Example("月子中心12楼的房间多少钱", (), note="a tower and a floor"),
    Example("家住5楼 没电梯 腿疼", (), note="a floor after 住"),
    Example("在乡镇卫生院看过 村医说没事", (), note="town and village as words"),
    Example("二期梅毒 要打几针 三期会怎样", (), note="a phase of a disease"),
    Example("复查时间是5-1-304诊室", (), note="dashed numbers alone"),
    Example("门诊5号楼3层抽血", (), note="one hospital building"),
    Example("我在建国路上班", (), note="a road without a number"),
]

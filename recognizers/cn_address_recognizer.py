"""LOCATION: detailed Chinese addresses (road and number, estate, building, unit, room)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._base import ChineseLocalRecognizer, Example, result
from recognizers._hospital_own import hospital_owned
from recognizers._needs import NarrowedAlternation

# Traditional forms of the characters the parts below are made of (區 號 樓 層 廣場 …),
# one for one so that offsets stay put: patients from Hong Kong, Macau and Guangdong
# write them.
_SIMPLIFIED = str.maketrans(
    "區號樓層廣場園單棟莊灣縣鎮鄉組廈寫際館華門衚衕裡東",
    "区号楼层广场园单栋庄湾县镇乡组厦写际馆华门胡同里东",
)
_HAN = r"[^\W\d_A-Za-z]"  # a Han character (a word character that is no digit or Latin letter)
# A character of a village or town name: not a function word, not a hospital's word.
_NAME = r"[^\W\d_A-Za-z的在里上了去到回和是跟医院卫诊]"
_VILLAGE = rf"{_NAME}{{1,6}}?村(?![里民医口子])"
# A group's name (上坪组, 下屋组) starts with 上 or 下 as often as not.
_GROUP_NAME = r"[^\W\d_A-Za-z的在里了去到回和是跟医院卫诊]"
_CN_DIGITS = "零〇一二三四五六七八九幺两"
# A building or unit number: digits, or a Chinese numeral (三栋, 二单元, 十二号楼).
_NUM = r"(?:(?<!\d)\d{1,4}|(?<![一二三四五六七八九十两])[一二三四五六七八九十两]{1,3})"
# Right after a building, a unit, a floor, a house number or a village group, a bare
# number is the room (8栋1801, B座2106, 3单元8-2, 二单元六零二, 9层904, 7号302, 6舍317,
# 大厦15C, 4组37号).
_ROOM_AFTER = ("栋", "幢", "座", "楼", "层", "单元", "门", "组", r"\d号", "舍", "斋")
_ROOM_AFTER_TOWER = ("大厦", "公寓", "中心", "广场", "商厦", "塔")
_AFTER_BUILDING = "|".join(f"(?<={w})" for w in _ROOM_AFTER + _ROOM_AFTER_TOWER)
# A house number follows a village, a hamlet or an estate's name directly.
_HOUSE_AFTER = "|".join(
    [r"(?<=[村庄屯寨])", rf"(?<=(?![家这那哪心夜手嘴头城村店院屋]){_HAN}里)"]
    + [f"(?<={w})" for w in ("社区", "小区", "新村", "花园", "家园", "大院")]
)
# A road's name ends in one of these (宽巷子 in Chengdu); 路三段, 大道中, 大街北 name a
# section of it.
_ROAD = (
    rf"(?:路|街|大街|大道|巷|(?<={_HAN})(?<![个条的小这那老])巷子|弄|胡同)"
    r"(?:[东西南北中]段?|[一二三四五六七八九十\d]段)?"
)
# The house number, with a sub-number after it: 24号之3 (Guangdong), 12号附3号 (Chongqing).
_HOUSE = (
    rf"(?:\d{{1,5}}(?:-\d{{1,4}})?|[{_CN_DIGITS}十百]{{1,5}})\s?号院?"
    r"(?:[之附]\s?(?:\d{1,3}|[一二三四五六七八九十]{1,2})号?)?"
)

# Words that name a place in a hospital: building numbers near one are a ward or a
# consulting room, not where a patient lives (but 医院家属院 is staff housing).
_HOSPITAL = re.compile(
    r"医院(?!宿舍|家属|小区)|住院|门诊|急诊|病房|病区|院区|诊室|科室|手术|检查|体检|化验|药房"
)
_HOSPITAL_REACH = 8

_COMPONENTS = re.compile(
    rf"(?P<road>{_ROAD}\s?{_HOUSE})"
    # Tianjin and Hong Kong roads end in 道 (黑牛城道21号), but so do 知道 and 阴道: a 道
    # counts only after a city or district name, or a lead-in word (see _named).
    rf"|(?P<dao>(?<={_HAN})(?<![阴尿食肠胆气产鼻耳泪知味通渠频轨管隧街])道\s?{_HOUSE})"
    # a county and a town in it, and a village in that town (沂南县依汶镇后石沟村)
    rf"|(?P<rural>(?<={_HAN})(?:县{_NAME}{{2,4}}?[镇乡](?![村长政上里下])(?:{_VILLAGE})?"
    rf"|(?<![城乡村集小])[镇乡]{_VILLAGE}))"
    r"|(?P<estate>小区|花园|家园|公寓|新村|村|苑|大厦|庄园|嘉园|华庭|公馆|社区|里|小镇|雅居"
    r"|山庄|新城|宿舍|家属院"
    # a hamlet (张家庄, 李家屯) when its house number follows
    rf"|(?<={_HAN})[庄屯寨](?=\d{{1,4}}号)"
    # a name ending in 城 园 府 湾 … is an estate when building numbers follow at once
    rf"|(?<={_HAN})[城园府湾庭郡](?=(?:{_NUM}期)?\s*(?:\d|[A-Za-z]\d?[座栋幢区]|{_NUM}[栋幢])))"
    # office towers and blocks: the middle of an address that something else makes one
    r"|(?P<tower>广场|中心|写字楼|大楼|商厦|[东南西北]塔|(?<![A-Za-z])[A-Za-z]区)"
    # a house number after where in a village it stands (村东口平房9号, 村西头12号):
    # it ends an address that the village makes, and alone makes none
    r"|(?P<house>(?<=[房屋头口边侧尾])\s?\d{1,4}(?:-\d{1,3})?\s?号(?![楼床线码天日晚早上下中午院]))"
    rf"|(?P<building>{_NUM}\s*(?:号楼|栋|幢)|(?<!\d)\d{{1,4}}\s*(?:座|号院)"
    r"|(?<![A-Za-z])[A-Za-z]\d?\s*(?:座|栋|幢|号楼)(?![A-Za-z])"
    # a dormitory building: 6舍, 12斋, 3号舍
    r"|(?<!\d)\d{1,3}\s*号?[舍斋](?![友])"
    r")"
    rf"|(?P<unit>{_NUM}\s*单元|(?<!\d)\d{{1,2}}门(?![诊课户口])|[东西中]单元)"
    r"|(?P<room>(?<!\d)\d{1,5}\s*(?:室|户|号房)|(?<![A-Za-z])[A-Za-z]室"
    # Guangdong writes a flat as 1706房 (not 3房2厅, a flat's size)
    r"|(?<!\d)\d{3,5}房(?![间子费源])"
    # a room with a letter (15C, 1502B), not a floor (18F)
    rf"|(?:{_AFTER_BUILDING})\s?(?:\d{{1,5}}(?:-\d{{1,4}})?(?:[A-EG-Za-eg-z])?|[{_CN_DIGITS}]{{3,4}})"
    r"(?![-\dA-Za-z.楼层床次天岁个点周年月日元块单栋幢座])[号室]?"
    # a lettered flat after a floor: 17楼C, 8层B室 (not 3楼B超, 5楼A区)
    rf"|(?:(?<=\d[楼层])|(?<=[{_CN_DIGITS}十][楼层]))\s?[A-Za-z](?![A-Za-z\d区座栋幢楼超])[室户号]?"
    # the flat on a floor by its side: 5层东户, 6楼西边户, 2单元西
    r"|(?:(?<=[层楼门])|(?<=单元))\s?[东西南北中](?:[边侧]?户|(?![^\W\d_A-Za-z]))"
    # a house in a village, a hamlet or an estate: 林浦村62号, 张家庄8号, 幸福社区12号,
    # 和平里5号 (not 家里3号)
    rf"|(?:{_HOUSE_AFTER})\s?\d{{1,4}}(?:-\d{{1,3}})?\s?号(?![楼床线码天日晚早上下中午])"
    r")"
    r"|(?P<group>(?<!\d)\d{1,3}\s*组"
    # a village's group, 社 or 队 in any numerals (大庄村三组, 石桥村第十二社, 王庄村二队);
    # only right after 村 or its committee (周城村委会四组), since 三组 alone is a set of
    # exercises
    rf"|(?:(?<=村)|(?<=村委会))\s?第?(?:\d{{1,3}}|[一二三四五六七八九十]{{1,3}})\s?(?:组|社|队)(?![长员织合])"
    # a village's group by its name, as hamlets are called (竹林村下湾组, 石桥村李家组)
    rf"|(?<=村){_GROUP_NAME}{{1,3}}?组(?![长员织合])"
    r")"
    # building-unit-room written with dashes: 23-2-1701, 5-2-1
    r"|(?P<dashed>(?<![\d-])\d{1,3}-\d{1,2}-\d{1,4}(?![\d-]))"
    # a floor (17楼, 18F, 十二层) ends an address, but a floor alone is a hospital's
    # (7楼之2 is a flat on the floor, as Taiwan writes it); so is a room of a Shanghai
    # lane house right after its number (8号前楼, 12号亭子间)
    rf"|(?P<floor>{_NUM}\s*(?:楼|层)(?![房道梯下上])(?:之\s?\d{{1,2}}(?!\d))?"
    r"|(?<![\dA-Za-z])\d{1,3}[Ff](?![A-Za-z])"
    r"|(?<=\d号)(?:[前后中]楼|亭子间|[前后]?客堂间?|[前后东西]厢房|灶披间|阁楼|晒台))"
)
# The parts searched with only the kinds whose characters a text holds (worked out from
# the regex): most chat messages hold none, and then there is no search at all.
_PARTS = NarrowedAlternation(_COMPONENTS)
# Parts that say where in an estate: two of them (5栋2单元), or one after an estate name
# (阳光花园3栋), make an address.
_COUNTING = frozenset({"building", "unit", "room", "group", "dashed"})
# Parts that end or fill an address but make none: 17楼 and A区 alone are a hospital's.
_TAIL = frozenset({"floor", "tower", "house"})
# Between two parts of one address: a few characters of a name or a space, never a
# sentence break or a pronoun (…9座1802 你们月子中心 is the next sentence).
_GAP = re.compile(r"[^，。,；;！？!?、\n你您我他她咱]{0,12}")
# A floor joins the part before it only closely (大厦18F, 2栋17楼).
_FLOOR_GAP = re.compile(r"[^，。,；;！？!?、\n]{0,2}")
# The words that lead into an address. After one, an estate name with building numbers
# is an address even with no road or city before it (住万科城二期8栋1801).
_CUE = re.compile(
    # Cantonese says 住喺, 屋企喺 (home is at), 地址係
    r"(?:收货地址|家庭住址|住址|地址|住在|住喺|屋企喺|家住|家在|寄到|送到|发到|寄往|住(?![院宿])"
    r"|(?<![A-Za-z])(?i:address|addr)(?![A-Za-z]))"
    # a JSON key and its value's quotes: "住址": "…
    r"[\"'”」]?[写填是为係]?[\s:：]*[\"'“「]?"
)
_CUE_REACH = 12
_LETTER = re.compile(r"\s?[A-Za-z]")
# Words each followed by one space, none a pronoun: the names a voice input spaces out.
_SPACED_NAMES = re.compile(r"(?:[^\W_你您我他她咱]{1,10} )+")
# What ends an address on its left: punctuation, pronouns, prepositions, conjunctions,
# and the words that lead into one. jieba often tags the parts of a place name as verbs or
# particles (解放 v, 上城区 → 上 f, 金地 → 地 uv), so those flags do not stop it.
_STOP_FLAGS = ("x", "r", "p", "c", "y", "e", "o")
_LEAD_INS = frozenset(
    "到 在 喺 住 寄 送 发 是 係 于 离 从 的 了 着 过 我家 家 老家 地址 住址 住在 家住 位于".split()
    + "收货 快递 寄到 送到 发到 就 填 写 填写".split()
)
# A space is crossed leftwards only after a place's name: a region (河南省 郑州市金水区
# 滨河路…, 京溪街道 云景花园, 广州 天河区), a road without its number, an estate or a tower
# (voice input spaces every part: 中山西路 万达广场 五号楼 二单元 一零零二).
_REGION_END = tuple("省市区县旗州盟镇乡道路街巷弄")
_PLACE_END = (*_REGION_END, "小区", "花园", "家园", "公寓", "新村", "大厦", "广场", "中心")
# Latin letters glued to the next word are a block's name (新华联广场A区3号楼, SOHO现代城).
_BLOCK_LETTERS = 6
_MAX_LEFT = 30
# jieba tags a character its dictionary lacks as punctuation (x): a traditional 區 of
# 大安區 is part of the name, not a break.
_UNKNOWN_HAN = re.compile(rf"{_HAN}+")
# A region's name inside the span (天津市, 河西区, 尖山街道).
_REGION = re.compile(rf"(?<={_HAN})(?:[省市区县镇乡旗]|街道)")


@dataclass
class _Part:
    kind: str
    start: int
    end: int


class CnAddressRecognizer(ChineseLocalRecognizer):
    """Detailed addresses in mainland China, the way GB/T 23705 orders them: province,
    city, district or county, then road and house number (建国路88号, 人民南路三段17号,
    24号之3, 15号附2号, 88弄12号1402; 黑牛城道21号 after a city) and the building on it
    (环球广场, 国际中心A座1508, 大厦18F, 大厦15C); or a residential estate (阳光花园, 幸福小区)
    with building (5号楼, 3栋, B座, a dormitory's 6舍), unit (2单元, 东单元), room (1203室,
    8栋1801, 3单元8-2, 9层904, 5层东户) and floor (17楼, 17楼C), numbers also in Chinese
    numerals (三栋二单元六零二) or dashes (12-3-502, 5-2-1); or a county, town and village
    (沂南县依汶镇后石沟村, 高庙村4组37号, 大庄村三组, 林浦村62号). Traditional characters
    (區 號 樓 廣場) count as their simplified forms; a space may stand between any two parts
    (voice input: 中山西路 万达广场 五号楼 二单元).

    An address is a chain of such parts with no sentence break between them. It must hold
    a road with a number, a town with its village, an estate with a building number, or
    two building numbers (5栋2单元); after a lead-in word (住, 地址, 家在, 寄到, also as
    a JSON key: "住址": "…) one building number after a name is enough. So "3楼312房" (a
    ward), "5号楼" alone or numbers near 门诊 or 住院部 (a hospital building) are not
    addresses. The span reaches
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
            start = cue or start
            if hospital_owned(self.ENTITY, simplified, start):
                continue  # 我院地址：…, 你们医院在…: the hospital's, not the patient's
            named = _named(simplified, chain, start, cue > 0)
            if not named and not _numbers_suffice(simplified, chain, start, cue > 0):
                continue
            score = self.ROAD_SCORE if named or cue > 0 else self.UNITS_SCORE
            results.append(result(self, self.ENTITY, start, chain[-1].end, score, "address"))
        return results


def _named(text: str, chain: list[_Part], start: int, after_cue: bool) -> bool:
    """A road with its number, a town with its village, or an estate with a name before
    it (阳光小区, not 我们小区) and a building number after it. A road in 道 needs a lead-in
    word or a region's name before it (天津市河西区黑牛城道21号, not 我知道21号)."""
    kinds = {p.kind for p in chain}
    if kinds & {"road", "rural"}:
        return True
    dao = next((p for p in chain if p.kind == "dao"), None)
    if dao is not None and (after_cue or _REGION.search(text, start, dao.start)):
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
    parts = [_Part(str(m.lastgroup), m.start(), m.end()) for m in _PARTS.finditer(text)]
    chains: list[list[_Part]] = []
    for i, part in enumerate(parts):
        gap = _FLOOR_GAP if part.kind == "floor" and not _room_follows(text, parts, i) else _GAP
        if chains and gap.fullmatch(text[chains[-1][-1].end : part.start]):
            chains[-1].append(part)
        else:
            chains.append([part])
    # A chain that begins with a floor or a tower begins at its first real part (the left
    # edge reaches back over a tower's name); one of nothing else is no address.
    return [chain for chain in (_without_leading_tail(c) for c in chains) if chain]


def _room_follows(text: str, parts: list[_Part], i: int) -> bool:
    """A room right after a floor (北京大学37楼215): the 楼 numbers a building that
    stands apart from the road, so it joins like one."""
    if i + 1 >= len(parts):
        return False
    room = parts[i + 1]
    # a letter after a floor (17楼C) is a flat on that floor, which joins no closer
    lettered = _LETTER.match(text, room.start) is not None
    return room.kind == "room" and room.start == parts[i].end and not lettered


def _without_leading_tail(chain: list[_Part]) -> list[_Part]:
    while chain and chain[0].kind in _TAIL:
        chain = chain[1:]
    return chain


def _cue_end(text: str, edge: int, first: int) -> int:
    """Where a lead-in word right before the address ends (住, 地址, or the 地址 of
    公司地址 that the left edge took for a place name); 0 if there is none. Spoken
    names between it and the edge belong to the address (住 翠湖天地 12栋: jieba's
    tokens do not say 天地 ends an estate's name)."""
    end = 0
    for m in _CUE.finditer(text, max(0, edge - _CUE_REACH), first):
        if edge <= m.end() <= first or _SPACED_NAMES.fullmatch(text, m.end(), edge):
            end = m.end()
    return end


def _place_name(word: str, flag: str) -> bool:
    return flag == "ns" or word.endswith(_PLACE_END)


def _inside_name(nlp: ChineseNlpArtifacts, i: int, edge: int) -> bool:
    """A one-character preposition or conjunction between a region and the road already
    in the span is the first character of the road's name (禅城区 同 华路, 岳麓区 与 桥路),
    and so are two of them (白云区 同 和 街): jieba splits the name there."""
    word = nlp.words[i]
    if len(word) != 1 or word in _LEAD_INS or i == 0 or i + 1 >= len(nlp.words):
        return False
    glued = nlp.tokens_indices[i + 1] == edge and nlp.tokens_indices[i] + 1 == edge
    before = nlp.words[i - 1]
    if len(before) == 1 and before not in _LEAD_INS and i >= 2:
        before = nlp.words[i - 2]  # the second of two such characters
    before = before.translate(_SIMPLIFIED)
    return glued and before.endswith(_REGION_END) and len(before) >= 2


def _left_edge(position: int, nlp: ChineseNlpArtifacts) -> int:
    """Move the start left over the tokens that name the place (北京市, 朝阳区, 建国)."""
    starts = nlp.tokens_indices
    i = bisect.bisect_left(starts, position) - 1  # the last token starting before it
    edge = position
    while i >= 0 and position - starts[i] <= _MAX_LEFT:
        word, flag = nlp.words[i], nlp.pos_flags[i]
        if word == " " and i > 0 and _place_name(nlp.words[i - 1], nlp.pos_flags[i - 1]):
            i -= 1  # "河南省 郑州市金水区 滨河路324号": one space between parts
            continue
        glued = flag == "eng" and len(word) <= _BLOCK_LETTERS and nlp.words[i + 1].strip()
        stops = flag.startswith(_STOP_FLAGS) and not (
            (flag == "x" and _UNKNOWN_HAN.fullmatch(word)) or _inside_name(nlp, i, edge)
        )
        if not glued and (stops or word in _LEAD_INS or not word.strip()):
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
    Example(
        "我住济南市历下区泉城路5号恒隆公寓3层西户 明天复诊",
        ("济南市历下区泉城路5号恒隆公寓3层西户",),
        note="the flat by its side after a floor",
    ),
    Example(
        "地址：合肥市蜀山区长江西路100号华地小区6号楼东单元402",
        ("合肥市蜀山区长江西路100号华地小区6号楼东单元402",),
        note="a unit by its side",
    ),
    Example(
        "家住太原市小店区平阳路8号金茂大厦２２Ｂ 能寄药吗",
        ("太原市小店区平阳路8号金茂大厦２２Ｂ",),
        note="a lettered room in full-width after a tower",
    ),
    Example(
        "我家在南京市鼓楼区中山北路18号南苑8幢7层702",
        ("南京市鼓楼区中山北路18号南苑8幢7层702",),
        note="a room after the floor",
    ),
    Example(
        '{"name":"x","addr":"天津市和平区南京道300号4-1-702"}',
        ("天津市和平区南京道300号4-1-702",),
        note="a road in 道 after a city, dashes after the house number",
    ),
    Example(
        "地址：大连市沙河口区西安路66号兴隆小区3-1-2",
        ("大连市沙河口区西安路66号兴隆小区3-1-2",),
        note="a one-digit room in dashes",
    ),
    Example("寄到广州市越秀区中山大道中213号之二 谢谢", ("广州市越秀区中山大道中213号之二",)),
    Example(
        "住在重庆市渝中区民权路15号附2号 孩子发烧",
        ("重庆市渝中区民权路15号附2号",),
        note="a sub-number after the house number",
    ),
    Example(
        "住成都市武侯区人民南路三段17号3栋2单元801",
        ("成都市武侯区人民南路三段17号3栋2单元801",),
        note="a section of a road",
    ),
    Example(
        "家住泉州市晋江市安海镇西垵村108号 老人不会用手机",
        ("泉州市晋江市安海镇西垵村108号",),
        note="a house number in a village",
    ),
    Example("我住王家庄12号 离镇上远", ("王家庄12号",), note="a hamlet and its house number"),
    Example(
        "家住武汉市江岸区后湖街道幸福社区12号 老人行动不便",
        ("武汉市江岸区后湖街道幸福社区12号",),
        note="a house number after an estate",
    ),
    Example("住天津市河北区和平里5号 想挂号", ("天津市河北区和平里5号",)),
    Example(
        "住高雄市苓雅區四維三路2號11樓之3 想約時間",
        ("高雄市苓雅區四維三路2號11樓之3",),
        note="Taiwan: a traditional 區 jieba does not know, a flat 之3 on the floor",
    ),
    Example(
        "家住玉溪市通海县河西镇大新村委会三组 想看中医",
        ("玉溪市通海县河西镇大新村委会三组",),
        note="a group after the village committee",
    ),
    Example(
        "寄到上海市静安区威海路590弄3号亭子间 谢谢",
        ("上海市静安区威海路590弄3号亭子间",),
        note="a room of a lane house",
    ),
    Example(
        "寄到厦门市思明区中山路3号后楼 谢谢",
        ("厦门市思明区中山路3号后楼",),
    ),
    Example(
        "我住成都市青羊区井巷子8号 孩子咳嗽", ("成都市青羊区井巷子8号",), note="a road in 巷子"
    ),
    Example(
        "寄到佛山市禅城区同华路9号 谢谢",
        ("佛山市禅城区同华路9号",),
        note="a road's name starting with a preposition",
    ),
    Example("住长沙市岳麓区与桥路18号 谢谢", ("长沙市岳麓区与桥路18号",)),
    Example(
        "家住佛山市南海区同和路22号之1 301房 老人腿不好",
        ("佛山市南海区同和路22号之1 301房",),
        note="a road's name split into a preposition and a conjunction",
    ),
    Example("白云区和同事一起去的 18号回来", (), note="a conjunction after a district, no road"),
    Example(
        "家属：我住无锡市梁溪区清扬路１８号８楼８０２室",
        ("无锡市梁溪区清扬路１８号８楼８０２室",),
        note="a district jieba tags as a name, near 家属; full-width floor and room",
    ),
    Example(
        "[患者] 王丽 现住无锡市梁溪区学前街１２号１５楼１５０３室",
        ("无锡市梁溪区学前街１２号１５楼１５０３室",),
    ),
    Example("我们村委会三组的人都打了疫苗", (), note="a group of an unnamed village's committee"),
    Example(
        "寄到湖北省恩施州利川市汪营镇白羊村上坪组 谢谢",
        ("湖北省恩施州利川市汪营镇白羊村上坪组",),
        note="a village's group by its name",
    ),
    Example(
        "家在江西省吉安市永丰县藤田镇老圩村陈家组，离县城远",
        ("江西省吉安市永丰县藤田镇老圩村陈家组",),
        note="a group named for a family",
    ),
    Example("我们村学习小组每周活动", (), note="a group of an unnamed village"),
    Example("村里组织体检 要带身份证吗", (), note="组织 after 村里"),
    Example("大家12号前楼下集合 去体检", (), note="a date before 前楼下"),
    Example("医院7楼之后是哪里", (), note="之后 after a floor"),
    Example("巷子21号那家店", (), note="巷子 with no name"),
    Example("海珠区和同事一起去的", (), note="a conjunction after a district, no road"),
    Example(
        "醫生 我屋企喺新界沙田大圍道8號5樓 唔該",
        ("新界沙田大圍道8號5樓",),
        note="Cantonese lead-in 屋企喺 before a road in 道",
    ),
    Example("我哋住喺荃灣青山公路388號 想約", ("荃灣青山公路388號",)),
    Example("地址係觀塘道388號 唔該", ("觀塘道388號",), note="地址係 before a road in 道"),
    Example("我喺度等你 3號到", (), note="喺 with no address"),
    Example("我家里3号有人来", (), note="家里 is no estate"),
    Example("我们小区5号停水了", (), note="an estate with no name and a date"),
    Example(
        "寄到上海市静安区延安中路88弄12号1402 快递放门卫",
        ("上海市静安区延安中路88弄12号1402",),
        note="lane, house and room",
    ),
    Example(
        "寄到杭州市西湖区余杭塘路866号浙江大学紫金港校区蓝田3舍205",
        ("杭州市西湖区余杭塘路866号浙江大学紫金港校区蓝田3舍205",),
        note="a dormitory",
    ),
    Example(
        "住北京市海淀区颐和园路5号北京大学37楼215 学生",
        ("北京市海淀区颐和园路5号北京大学37楼215",),
        note="a numbered building in 楼 with its room",
    ),
    Example(
        "地址填昆明市五华区青年路88号金鹰花园2栋1503 你们中心能送吗",
        ("昆明市五华区青年路88号金鹰花园2栋1503",),
        note="a pronoun ends the address",
    ),
    Example(
        "住 成都 武侯区 科华北路 锦绣花园 8栋 1单元 602 老人走不动",
        ("成都 武侯区 科华北路 锦绣花园 8栋 1单元 602",),
        note="voice input: a space between every part, a road without its number",
    ),
    Example(
        "住 南京 翠湖天地 12栋 3单元 能上门吗",
        ("南京 翠湖天地 12栋 3单元",),
        note="spoken names between a lead-in word and the building numbers",
    ),
    Example(
        "地址 杭州市西湖区文三路 华星广场 三号楼 四单元 一五零三 放门口",
        ("杭州市西湖区文三路 华星广场 三号楼 四单元 一五零三",),
        (0.75, 1.0),
        note="spaced parts after a tower, in Chinese numerals",
    ),
    Example(
        "地址：西安市雁塔区长安南路 12号院 3号楼 2单元 401",
        ("西安市雁塔区长安南路 12号院 3号楼 2单元 401",),
        (0.75, 1.0),
        note="a spaced unit after a building in 号楼",
    ),
    Example(
        "家住湖南省邵阳市隆回县桃洪镇石门村第五组 路远",
        ("湖南省邵阳市隆回县桃洪镇石门村第五组",),
        (0.75, 1.0),
        note="a village's group in Chinese numerals",
    ),
    Example(
        "寄到四川省南充市营山县城南镇金鸡村3社 收件人姓王",
        ("四川省南充市营山县城南镇金鸡村3社",),
        note="a village's 社",
    ),
    Example(
        "我住济南市历下区经十路9号银座大厦23层B室 下午在家",
        ("济南市历下区经十路9号银座大厦23层B室",),
        note="a lettered flat after a floor",
    ),
    Example(
        "寄昆明市盘龙区北京路55号金鼎大厦8楼D 周末有人",
        ("昆明市盘龙区北京路55号金鼎大厦8楼D",),
    ),
    Example(
        '{"address": "南宁市西乡塘区大学东路华润中心B区5栋2单元1101", "note": "x"}',
        ("南宁市西乡塘区大学东路华润中心B区5栋2单元1101",),
        (0.75, 1.0),
        note="a JSON value, a lettered block",
    ),
    Example(
        '{"家庭住址":"兰州市城关区东岗西路 滨河小区 12号楼 301"}',
        ("兰州市城关区东岗西路 滨河小区 12号楼 301",),
        (0.75, 1.0),
    ),
    Example('{"住址": "滨河小区12号楼301"}', ("滨河小区12号楼301",), (0.75, 1.0)),
    Example("康复训练每天做三组 每组十个 5楼B超室在哪", (), note="sets of exercise, B超"),
    Example("我们村三组的人都打了疫苗", (), note="a group of an unnamed village"),
    Example("住院部 8楼 B 晚上能陪护吗", (), note="a spaced letter after a ward's floor"),
    Example("复查 在门诊楼 3楼 C诊室", (), note="a lettered consulting room"),
    Example("去万达广场 5楼吃饭", (), note="a tower and a floor, spaced"),
    Example("我知道21号要复查", (), note="知道 is no road"),
    Example("阴道21号开始出血 要紧吗", (), note="a body part in 道 and a date"),
    Example("住院部5楼12床 家属陪护", (), note="a bed after a floor"),
    Example("我在5层东侧电梯口等你", (), note="a side of a floor alone"),
    Example("早上8点 6层504会议室开会", (), note="a room after a floor alone"),
    Example("到3楼312找王医生", (), note="floor and room with no address"),
    Example("复查定在12月5号 302诊室", (), note="a date and a consulting room"),
    Example("他们小区5-2-1那栋楼有人得了", (), note="dashed numbers without a name"),
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
    Example(
        "家庭住址深圳市福田区福华路88号国际北塔2305房",
        ("深圳市福田区福华路88号国际北塔2305房",),
        (0.75, 1.0),
        note="a flat written 房 after a tower",
    ),
    Example("想要3房2厅的", (), note="a flat's size"),
    Example(
        "住在河北省保定市清苑县东闾乡南王庄村西头平房15号",
        ("河北省保定市清苑县东闾乡南王庄村西头平房15号",),
        (0.75, 1.0),
        note="a house number after where in the village",
    ),
    Example("我在医院门口3号等你", (), note="a number after 口 alone"),
    Example(
        "请问贵院地址是不是滨江路36号 我开车过去", (), note="the hospital's address asked about"
    ),
    Example(
        "客服：本院位于长沙市芙蓉区五一大道368号，地铁1号线",
        (),
        note="the hospital's address given by a counsellor",
    ),
    Example(
        "离你们医院远吗 我住长沙市雨花区劳动东路139号5栋1202",
        ("长沙市雨花区劳动东路139号5栋1202",),
        note="a patient's address after a question about the hospital",
    ),
    Example(
        "客服：好的，地址是长沙市开福区湘江中路二段36号3栋801对吗",
        ("长沙市开福区湘江中路二段36号3栋801",),
        note="a counsellor repeating a patient's address",
    ),
]

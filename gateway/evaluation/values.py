"""Identifier values for the synthetic corpus, and the evasive ways patients write them.

Each generator returns one value as a patient would type it; `evade` rewrites a value in
one of the spellings seen in real chats (full-width digits, Chinese numerals, separators,
zero-width characters). Values are fake: Faker's zh_CN provider and the formats' rules.
"""

from __future__ import annotations

import datetime
import random
import string
from collections.abc import Callable

from faker import Faker

_NUMERALS = "零一二三四五六七八九"
_NUMERALS_YAO = "零幺二三四五六七八九"
_FINANCIAL = "零壹贰叁肆伍陆柒捌玖"
_COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "慕容", "司徒", "夏侯", "令狐"]
_PROVINCES = [
    ("北京市", "北京市", ["朝阳区", "海淀区", "东城区", "丰台区"]),
    ("上海市", "上海市", ["浦东新区", "徐汇区", "静安区", "闵行区"]),
    ("广东省", "深圳市", ["南山区", "福田区", "宝安区", "龙岗区"]),
    ("广东省", "广州市", ["天河区", "越秀区", "海珠区", "白云区"]),
    ("浙江省", "杭州市", ["西湖区", "上城区", "滨江区", "余杭区"]),
    ("江苏省", "南京市", ["鼓楼区", "玄武区", "江宁区", "秦淮区"]),
    ("四川省", "成都市", ["武侯区", "锦江区", "青羊区", "金牛区"]),
    ("湖北省", "武汉市", ["武昌区", "江汉区", "洪山区", "汉阳区"]),
    ("河南省", "郑州市", ["金水区", "二七区", "中原区", "郑东新区"]),
    ("山东省", "济南市", ["历下区", "市中区", "槐荫区", "天桥区"]),
]
_ROAD_WORDS = [
    "建国",
    "人民",
    "解放",
    "中山",
    "和平",
    "长江",
    "黄河",
    "新华",
    "文化",
    "光明",
    "幸福",
    "东风",
]
_ROADS = ["路", "大街", "大道", "街", "巷"]
_ESTATES = ["花园", "小区", "家园", "嘉园", "新村", "公寓", "苑"]
_ESTATE_WORDS = ["阳光", "碧桂", "万科", "翠湖", "金地", "绿城", "锦绣", "龙湖", "香榭", "世纪"]


class ValueFactory:
    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)

    def digits(self, n: int) -> str:
        return "".join(self.rng.choice(string.digits) for _ in range(n))

    def person(self) -> str:
        if self.rng.random() < 0.08:
            return self.rng.choice(_COMPOUND) + self.fake.first_name()
        return str(self.fake.name())

    def surname(self) -> str:
        """A surname given alone (我姓X, X女士): compound now and then, as in `person`."""
        if self.rng.random() < 0.08:
            return self.rng.choice(_COMPOUND)
        return str(self.fake.last_name())

    def mobile(self) -> str:
        return (
            self.rng.choice(["13", "15", "17", "18", "19"])
            + self.rng.choice("0123456789")
            + self.digits(8)
        )

    def phone(self) -> str:
        if self.rng.random() < 0.12:
            area = self.rng.choice(["010", "021", "020", "0755", "0571", "028"])
            return f"{area}-{self.rng.choice('2345678')}{self.digits(7)}"
        return self.mobile()

    def resident_id(self) -> str:
        return str(self.fake.ssn())

    def email(self) -> str:
        user = self.fake.user_name() + (self.digits(2) if self.rng.random() < 0.5 else "")
        return (
            f"{user}@{self.rng.choice(['163.com', 'qq.com', '126.com', 'sina.com', 'gmail.com'])}"
        )

    def bank_card(self) -> str:
        body = (
            "62"
            + self.rng.choice(["22", "17", "28", "14", "00"])
            + self.digits(self.rng.choice([11, 12, 14]))
        )
        return body + _luhn_digit(body)

    def passport(self) -> str:
        if self.rng.random() < 0.5:
            return "E" + self.digits(8)
        return "E" + self.rng.choice("ABCDEFGHJKLMN") + self.digits(7)

    def hk_macau_permit(self) -> str:
        kind = self.rng.random()
        if kind < 0.5:
            return "C" + self.digits(8)
        return self.rng.choice("HM") + self.digits(8) + (self.digits(2) if kind > 0.8 else "")

    def medical_record(self) -> str:
        return self.rng.choice(["ZY", "MZ", "", "", "BA"]) + self.digits(
            self.rng.choice([8, 10, 12])
        )

    def social_insurance(self) -> str:
        if self.rng.random() < 0.5:
            return self.rng.choice("ABCDEFGH") + self.digits(8)
        return self.digits(12)

    def wechat(self) -> str:
        first = self.rng.choice(string.ascii_lowercase)
        rest = "".join(
            self.rng.choice(string.ascii_lowercase + string.digits + "_")
            for _ in range(self.rng.randint(5, 14))
        )
        return first + rest

    def qq(self) -> str:
        return self.rng.choice("123456789") + self.digits(self.rng.randint(5, 9))

    def date_of_birth(self) -> str:
        born = datetime.date(1950, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 24000))
        style = self.rng.randint(0, 3)
        if style == 0:
            return born.isoformat()
        if style == 1:
            return f"{born.year}年{born.month}月{born.day}日"
        if style == 2:
            return f"{born.year}/{born.month}/{born.day}"
        return born.strftime("%Y%m%d")

    def address(self) -> str:
        province, city, districts = self.rng.choice(_PROVINCES)
        head = (province if province != city else "") + city + self.rng.choice(districts)
        if self.rng.random() < 0.3:
            head = head[
                len(province if province != city else "") :
            ]  # often written without the province
        road = (
            f"{self.rng.choice(_ROAD_WORDS)}{self.rng.choice(_ROADS)}{self.rng.randint(1, 999)}号"
        )
        estate = f"{self.rng.choice(_ESTATE_WORDS)}{self.rng.choice(_ESTATES)}"
        building = f"{self.rng.randint(1, 30)}{self.rng.choice(['栋', '号楼', '幢'])}"
        room = f"{self.rng.randint(1, 33)}{self.rng.randint(1, 4):02d}室"
        unit = f"{building}{self.rng.randint(1, 6)}单元{room}"
        shape = self.rng.randint(0, 2)
        if shape == 0:
            return head + road
        if shape == 1:
            return head + estate + unit
        return head + road + estate + unit


def _luhn_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def _full_width(value: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in value)


def _numerals(table: str) -> Callable[[str], str]:
    return lambda value: "".join(table[int(c)] if c.isdigit() else c for c in value)


def _grouped(sep: str) -> Callable[[str], str]:
    def group(value: str) -> str:
        if len(value) == 11 and value.isdigit():  # mobile: 3-4-4
            return f"{value[:3]}{sep}{value[3:7]}{sep}{value[7:]}"
        return sep.join(value[i : i + 4] for i in range(0, len(value), 4))

    return group


def _zero_width(value: str) -> str:
    return "\u200b".join(value[i : i + 3] for i in range(0, len(value), 3))


EVASIONS: dict[str, Callable[[str], str]] = {
    "full_width": _full_width,
    "numerals": _numerals(_NUMERALS),
    "numerals_yao": _numerals(_NUMERALS_YAO),
    "financial": _numerals(_FINANCIAL),
    "spaces": _grouped(" "),
    "dashes": _grouped("-"),
    "zero_width": _zero_width,
    "plus86": lambda value: "+86 " + value,
}
# Which evasions make sense for which entity (a name has no digits to spell out).
EVASIVE_FOR = {
    "PHONE_NUMBER": list(EVASIONS),
    "CN_RESIDENT_ID": ["full_width", "spaces", "zero_width", "numerals"],
    "CN_BANK_CARD": ["full_width", "spaces", "dashes", "numerals"],
    "QQ_NUMBER": ["full_width", "numerals", "numerals_yao"],
    "EMAIL_ADDRESS": ["full_width"],
    "WECHAT_ID": ["full_width"],
    "MEDICAL_RECORD_NUMBER": ["full_width"],
}

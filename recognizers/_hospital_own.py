"""The hospital's own contact details: an address, a phone number or a QQ number right
after words that make it the hospital's (我院地址, 你们医院在, 医院的电话是, 客服QQ).

A patient asks about them (你们医院在解放大道1277号吗) and a counsellor gives them (我院
地址：…, 加我们客服QQ：…); neither is a patient's data. The owner must stand right before the
value, glued to its label: "客服：电话 138…" is a counsellor's turn asking for or repeating
a patient's number, and "医院的电话打不通 我的是138…" names the patient's after all.
"""

from __future__ import annotations

import re

# Who owns the value: the hospital by any of its names, or its service desk.
_OWNERS = r"(?:医院|我院|本院|贵院|院区|分院|总院|诊所|门诊部|客服|官方)"
_REACH = 16

# A verb or a label after the owner, never the owner alone: the left edge of an address
# may stop inside 医院家属院 (staff housing, where patients live too).
_ADDRESS = re.compile(
    rf"{_OWNERS}的?(?:(?:新|具体)?(?:地址|位置|地点)(?:是|在|是在|为|位于)?|在|是在|位于)[\s:：]*$"
)
_PHONE = re.compile(
    rf"{_OWNERS}的?(?:咨询|预约|挂号|服务|客服)?(?:电话|热线|座机|号码|电话号码)"
    r"(?:是|为)?(?:多少)?[\s:：]*$"
)
_QQ = re.compile(rf"{_OWNERS}的?(?:qq|扣扣|企鹅)号?(?:码)?(?:是|为)?[\s:：]*$", re.IGNORECASE)

_BY_ENTITY = {"LOCATION": _ADDRESS, "PHONE_NUMBER": _PHONE, "QQ_NUMBER": _QQ}


def hospital_owned(entity: str, text: str, start: int) -> bool:
    """Whether the value of `entity` starting at `start` follows words that make it the
    hospital's own."""
    owner = _BY_ENTITY.get(entity)
    return owner is not None and owner.search(text, max(0, start - _REACH), start) is not None

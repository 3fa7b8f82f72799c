"""Words that introduce a Chinese name in chat text, as regular expressions.

Each cue is a word list turned into one alternation, longest word first: a regex takes the
first alternative that matches, so with 我妈 before 妈妈 "我妈妈骆淑珍" would be read as 我妈 +
"妈骆淑珍" and the name lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Between a cue and the name: 是, a colon, spaces, the quotes of a JSON or form field
# ("姓名":"戚晚晴"), or "write/fill in" (收件人写罗海涛, 姓名填李四).
_QUOTES = "\"'“”‘’「」"
CUE_GAP = rf"[是为為：:=\s{_QUOTES}]*(?:(?:写|寫|填)(?:的是|成)?[：:\s]*)?"


def _alternation(words: Iterable[str]) -> str:
    return "|".join(sorted(set(words), key=len, reverse=True))


# A cue that introduces a name: "我叫张伟", "姓名：张伟", "名字是欧阳娜娜", "全名禚文博". A
# nickname after 小名 or 乳名 (小名豆豆) is masked too: next to the full name, the age and
# the illness it tells who the child is.
_STRONG_WORDS = (
    "我叫 他叫 她叫 宝宝叫 寶寶叫 孩子叫 名字叫 本人叫 叫做 名叫 姓名 名字 名字是 我的名字 "
    "全名 大名 真名 本名 户名 戶名 开户名 開戶名 户主 戶主 小名 乳名 昵称 暱稱 "
    "全名叫 大名叫 真名叫 小名叫 乳名叫 昵称叫 "
    # a relative and 叫: the relative's name follows (我爸叫蒋…, 老婆叫何…)
    "我爸叫 我妈叫 我爸爸叫 我妈妈叫 爸爸叫 妈妈叫 父亲叫 母亲叫 老公叫 老婆叫 爱人叫 丈夫叫 "
    "妻子叫 儿子叫 女儿叫 哥哥叫 姐姐叫 弟弟叫 妹妹叫 我哥叫 我姐叫 我弟叫 我妹叫 爷爷叫 "
    "奶奶叫 外公叫 外婆叫 老人叫 朋友叫 闺蜜叫 同事叫 媳妇叫 对象叫 男朋友叫 女朋友叫"
).split()
STRONG_CUE = re.compile(rf"(?:{_alternation(_STRONG_WORDS)}){CUE_GAP}")
# A nickname may be any word (果果, 糖豆, 饭团): after these cues, and after 叫 said of a
# child (孩子叫饭团), its shape alone is checked.
NICKNAME_CUE = re.compile(
    r"(?:小名|乳名|昵称|暱稱|(?:宝宝|寶寶|孩子|小孩|女儿|儿子|女兒|兒子|闺女)叫)[叫是为：:\s]*"
)

# A JSON key or form field that holds a person's name (name, child_name, patientName); not
# username, nickname, filename or drug_name.
_NAME_KEY_OWNERS = (
    "child patient full real guardian contact parent mother father spouse baby kid member "
    "customer applicant insured emergency_contact"
).split()
# Hospital systems name fields in pinyin initials: xm (姓名), hzxm (患者姓名), brxm (病人
# 姓名), jzrxm (就诊人姓名), jhrxm (监护人姓名), lxrxm (联系人姓名).
_PINYIN_NAME_KEYS = "hz br jzr jhr lxr sjr fq mq".split()
KEY_CUE = re.compile(
    rf"(?<![A-Za-z_\-])(?:(?:(?:{_alternation(_NAME_KEY_OWNERS)})[_\-]?)?name"
    rf"|(?:(?:{_alternation(_PINYIN_NAME_KEYS)})_?)?xm)"
    rf"[{_QUOTES}]?\s*[:：=]\s*[{_QUOTES}]?",
    re.IGNORECASE,
)

# A cue often followed by a name, and as often by something else ("我是高血压患者"): the word
# after it must not be a common one. Relatives, roles on a form (学生, 转账人, 监护人,
# 预约人) and staff titles before a name (主任李建华).
_MEDIUM_WORDS = (
    "我是 患者 病人 家属 家长 收件人 收货人 联系人 持卡人 宝宝 孩子 我爸 我妈 爸爸 妈妈 "
    "我爸爸 我妈妈 父亲 母亲 老公 老婆 丈夫 妻子 爱人 媳妇 配偶 儿子 女儿 本人 男朋友 女朋友 "
    "朋友 闺蜜 同事 同学 哥哥 姐姐 弟弟 妹妹 爷爷 奶奶 外公 外婆 姥姥 姥爷 他爸 她爸 他妈 她妈 "
    "我哥 我姐 我弟 我妹 老伴 老伴儿 老大 老二 老三 老四 老幺 "
    "舅舅 舅妈 姑姑 姑父 阿姨 小姨 叔叔 婶婶 伯伯 伯母 公公 婆婆 岳父 岳母 嫂子 姐夫 "
    "表哥 表姐 表弟 表妹 堂哥 堂姐 堂弟 堂妹 孙子 孙女 外孙女 外孙 侄子 侄女 外甥女 外甥 学生 "
    "转账人 汇款人 付款人 收款人 开户人 监护人 委托人 申请人 就诊人 取件人 签收人 "
    "预约人 挂号人 登记人 体检人 受检人 参检人 陪诊人 陪同人 报名人 参保人 投保人 被保险人 被保人 "
    "主任 医生 医师 大夫 护士 老师 教授 院长 咨询师 联系 男方 女方 "
    # the same cues in traditional characters, where they differ
    "家屬 家長 收貨人 聯繫人 聯絡人 聯繫 聯絡 寶寶 我媽 媽媽 我媽媽 父親 母親 愛人 兒子 女兒 "
    "閨蜜 爺爺 我係 "
    "他媽 她媽 嬸嬸 孫子 孫女 外孫女 外孫 姪子 姪女 學生 轉賬人 匯款人 監護人 預約人 掛號人 "
    "醫生 醫師 護士 老師 院長"
).split()
# 姨妈 is a relative, 大姨妈 a period.
MEDIUM_CUE = re.compile(rf"(?:{_alternation(_MEDIUM_WORDS)}|(?<!大)姨妈){CUE_GAP}")

"""PERSON: Chinese personal names."""

from __future__ import annotations

from collections.abc import Iterable

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from gateway.nlp_engine import ChineseNlpArtifacts
from recognizers._base import ChineseLocalRecognizer, Example, result
from recognizers._name_after_cue import (
    described_speakers,
    doubled_nicknames,
    leading_names,
    medium_cue_name,
    stated_surnames,
    strong_cue_name,
)
from recognizers._name_answers import answered_names
from recognizers._name_cues import KEY_CUE, MEDIUM_CUE, NICKNAME_CUE, STRONG_CUE
from recognizers._name_fields import field_names
from recognizers._name_free import dotted_names, free_signatures, nickname_at, parent_nicknames
from recognizers._name_latin import aliases, english_names, pinyin_names
from recognizers._name_lists import listed_names
from recognizers._name_nicknames import nicknames
from recognizers._name_repeats import repeats
from recognizers._name_surname_alone import lone_surnames
from recognizers._name_tagged import tagged_names
from recognizers._name_titles import before_address, before_titles
from recognizers._name_words import PUBLIC_FIGURES, looks_like_name

# Clinic departments that jieba reads as names (康复科: nr): kept whole as terms.
JIEBA_WORDS = tuple(
    "康复科 康复医学科 康复中心 皮肤科 妇产科 儿科 骨科 眼科 口腔科 中医科 针灸科 推拿科 "
    "疼痛科 麻醉科 营养科 心理科 男科 肛肠科 急诊科 内分泌科 消化科 呼吸科 神经内科 "
    "神经外科 泌尿外科 乳腺外科 耳鼻喉科 生殖科 产科 妇科 康复部 住院部 门诊部".split()
)


class CnPersonRecognizer(ChineseLocalRecognizer):
    """Chinese personal names: a surname (single or compound) and one or two given characters.

    Sources of evidence, over jieba's segmentation:
    - a name right after a cue that introduces one (我叫, 姓名, 名字是, 户名): strong;
    - a name right after a word often followed by one (我是, 患者, 家属, 收件人, 转账人, a
      relative such as 老公 or 舅舅, a title such as 主任), unless it is a common word:
      medium (recognizers/_name_after_cue.py);
    - a name before 收 / 先生 / 女士 or a title (李建华主任): medium
      (recognizers/_name_titles.py);
    - a name standing alone as a field of a form-like message, next to an identifier or its
      label, or as a signature at the end (recognizers/_name_fields.py): medium;
    - a compound surname and a given name (宇文辉): medium;
    - a token jieba tags as a person name (nr) that starts with a known surname: masked when
      jieba's dictionary does not know it, otherwise weak on its own and lifted by a context
      word nearby (患者, 老公, 联系人) or a field named 姓名/name
      (recognizers/_name_tagged.py);
    - names with no surname and nicknames (recognizers/_name_free.py), pinyin and English
      names (recognizers/_name_latin.py), and names in a list (recognizers/_name_lists.py).
    A whole field of two to four Han characters starting with a surname is a weak candidate
    too, so that `{"姓名": "张伟"}` is found through its key. A "surname" right after a count
    is a unit (孕28周加3天), and a "name" right before a short number a measurement (宫高28).
    """

    ENTITY = "PERSON"
    CONTEXT = [
        "姓名",
        "名字",
        "患者",
        "病人",
        "联系人",
        "家属",
        "称呼",
        "老公",
        "老婆",
        "丈夫",
        "妻子",
        "爱人",
        "儿子",
        "女儿",
        # roles on a form, as JSON keys ({"监护人": "冉建华"}) or words nearby
        "监护人",
        "预约人",
        "就诊人",
        "收件人",
        "name",
    ]
    STRONG_SCORE = 0.85
    MEDIUM_SCORE = 0.7
    WEAK_SCORE = 0.35
    # A name-tagged token jieba's dictionary does not know (its HMM found it): masked even
    # without a cue. Dictionary words it tags as names (康复, 艾灸) stay weak.
    BARE_SCORE = 0.5

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not isinstance(nlp_artifacts, ChineseNlpArtifacts):
            return []  # needs jieba's part-of-speech tags
        nlp, engine = nlp_artifacts, nlp_artifacts.nlp_engine
        # An earlier source wins where two find the same span (setdefault), except a strong
        # or nickname cue and a list announced as one, which overrule.
        found: dict[tuple[int, int], float] = {}
        medium = self.MEDIUM_SCORE

        for cues in (STRONG_CUE, KEY_CUE):
            for cue in cues.finditer(text):
                span = strong_cue_name(text, cue.end(), nlp)
                if span is None and cues is KEY_CUE:
                    span = nickname_at(text, cue.end(), nlp)  # {"babyName": "小米粒"}
                if span:
                    found[span] = self.STRONG_SCORE
        for cue in NICKNAME_CUE.finditer(text):
            span = nickname_at(text, cue.end(), nlp)
            if span:
                found[span] = self.STRONG_SCORE
        for cue in MEDIUM_CUE.finditer(text):
            span = medium_cue_name(text, cue, nlp)
            if span:
                found.setdefault(span, medium)
        sources: list[tuple[Iterable[tuple[int, int]], float]] = [
            (stated_surnames(text), medium),  # 他姓邵，邵一鸣
            (doubled_nicknames(text, engine), self.STRONG_SCORE),  # 孩子叫朵朵
            (leading_names(text, nlp), medium),  # 余杰 3717…
            (described_speakers(text, nlp), medium),  # 我是上周约过的韩雨凡，
            (before_address(text, engine), medium),  # 曹梅收, 南宫晓峰 先生
            (before_titles(text, nlp), medium),  # 李建华主任
            (field_names(text, nlp), medium),  # 拆线 贾宏伟 135…
            (free_signatures(text, nlp), medium),  # …玉林路8号 古丽娜尔
            (parent_nicknames(text, nlp), medium),  # 糖糖妈妈
            (nicknames(text, nlp), medium),  # 孩子琳琳, 我叫小鱼, 团团 18个月
            (answered_names(text, nlp), medium),  # 客服：贵姓？ 访客：王
            (lone_surnames(text, nlp), medium),  # 我姓祝, 曹女士, 汪 131…
        ]
        for spans, score in sources:
            for span in spans:
                found.setdefault(span, score)
        scores = {"bare": self.BARE_SCORE, "weak": self.WEAK_SCORE, "medium": medium}
        for span, strength in tagged_names(text, nlp):
            found.setdefault(span, scores[strength])
        named = [span for span, score in found.items() if score >= self.BARE_SCORE]
        for span in listed_names(text, nlp, named):
            found[span] = max(found.get(span, 0.0), medium)
        named = [span for span, score in found.items() if score >= self.BARE_SCORE]
        for spans in (pinyin_names(text, named), dotted_names(text), english_names(text)):
            for span in spans:
                found.setdefault(span, medium)
        named = [span for span, score in found.items() if score >= self.BARE_SCORE]
        for span in aliases(text, named):
            found.setdefault(span, medium)

        for span, score in list(repeats(text, found, medium)):
            found.setdefault(span, score)  # 宝宝叫安安 … 好的安安妈妈

        stripped = text.strip()
        if looks_like_name(stripped):
            begin = text.index(stripped)
            found.setdefault((begin, begin + len(stripped)), self.WEAK_SCORE)

        return [
            result(self, self.ENTITY, start, end, score, "Chinese name")
            for (start, end), score in found.items()
            if text[start:end] not in PUBLIC_FIGURES
        ]


EXAMPLES = [
    Example("我叫张伟，电话13800138000", ("张伟",), (0.85, 1.0)),
    Example("我叫張偉，電話13800138000", ("張偉",), (0.85, 1.0), note="traditional (Big5 pages)"),
    Example("快递收件人写罗海涛就行", ("罗海涛",), (0.6, 1.0), note="cue, then 写"),
    Example("产后复查 令狐娟 下周二", ("令狐娟",), (0.6, 1.0), note="compound surname, no cue"),
    Example("我在东方医院做的检查", (), note="东方 is also a word"),
    Example("聯繫人：陳大文", ("陳大文",), (0.6, 1.0), note="traditional cue"),
    Example("患者歐陽娜娜，女，32歲", ("歐陽娜娜",), (0.6, 1.0), note="traditional compound"),
    Example("姓名：欧阳娜娜", ("欧阳娜娜",), (0.85, 1.0)),
    Example("麻烦留一下姓名及联系电话，方便回访", (), note="a form's next field after 及"),
    Example("请把就诊人姓名和手机号发我", (), note="和 joins two fields"),
    Example("姓名和静 电话13912345678", ("和静",), (0.85, 1.0), note="和 as a surname"),
    Example("医生您好，我老公李建国最近早泄怎么办", ("李建国",), (0.6, 1.0)),
    Example("张伟", ("张伟",), (0.6, 1.0), context=("姓名",)),
    Example("张伟", ("张伟",), (0.5, 0.5), note="bare name jieba does not know"),
    Example("王平", weak=("王平",), note="bare name jieba's dictionary knows: weak"),
    Example("我是高血压患者，每天吃药", ()),
    Example("我是许淑兰，之前做过检查", ("许淑兰",), (0.7, 1.0)),
    Example("宝宝曹勇黄疸值15", ("曹勇",), (0.7, 1.0)),
    Example("寄到幸福小区3栋，曹梅收，电话", ("曹梅",), (0.7, 1.0)),
    Example("联系人：王小明", ("王小明",), (0.7, 1.0)),
    Example("我是王医生的病人", (), note="医生 is no given name"),
    Example("今天和韦元强一起来复查", ("韦元强",), (0.5, 1.0), note="no cue, unknown to jieba"),
    Example("小儿氨酚黄那敏颗粒能吃吗", (), note="a drug name"),
    Example("退款打到这张卡", (), note="张 as a measure word"),
    Example("朋友介绍来的，他叫上官德华，说你们这看得好", ("上官德华",), (0.85, 1.0)),
    Example("余杰 37172119850927783X 预约精液分析", ("余杰",), (0.7, 1.0), note="leading"),
    Example("司徒晓燕，女，28岁，焦虑症", ("司徒晓燕",), (0.7, 1.0), note="leading"),
    Example("尉迟子轩的医保卡号903105351669", ("尉迟子轩",), (0.7, 1.0), note="leading"),
    Example("退款打到这张卡 户名吴明", ("吴明",), (0.85, 1.0)),
    Example("我男朋友郭鑫陪我来", ("郭鑫",), (0.7, 1.0)),
    Example("我是毛子豪，想问下报告", ("毛子豪",), (0.7, 1.0), note="jieba reads 毛子 + 豪"),
    Example("孩子何佑安，2岁", ("何佑安",), (0.7, 1.0), note="jieba reads 何佑 + 安"),
    Example("高血压，150/95，吃什么药", (), note="leading word, no name"),
    Example("请留下姓名和电话，医生会联系您", (), note="cue followed by a common word"),
    Example("医生说我老公没什么问题", ()),
    Example("患者这段时间一直失眠", (), note="jieba tags 段时间 nr"),
    Example("患者麻醉后恢复得怎样", (), note="jieba tags 麻醉 nr"),
    Example("体检报告 林峰 身份证号 110101199003074258", ("林峰",), (0.7, 1.0), note="field"),
    Example(
        "体检预约 任佳佳 单位地址在高新区",
        ("任佳佳",),
        (0.7, 1.0),
        note="field, then an address label",
    ),
    Example("拆线 贾宏伟 135 7788 9900", ("贾宏伟",), (0.7, 1.0), note="field before a phone"),
    Example("二胎 建档 13-2-801 白雪 139 2345 6789", ("白雪",), (0.7, 1.0), note="also a word"),
    Example("下周能约上吗 邹海波", ("邹海波",), (0.7, 1.0), note="signature"),
    Example("能帮忙加个号吗？邵思远", ("邵思远",), (0.7, 1.0), note="signature after a question"),
    Example("我姑姑冯秀云 乳腺癌 术后复查", ("冯秀云",), (0.7, 1.0), note="relative"),
    Example("汇款人罗静 金额5000", ("罗静",), (0.7, 1.0), note="role on a form"),
    Example("我想挂张明远主任的号", ("张明远",), (0.7, 1.0), note="before a title, split"),
    Example("找一下刘德明教授", ("刘德明",), (0.7, 1.0), note="before a title"),
    Example("我百里冰 想问下疤痕修复", ("百里冰",), (0.7, 1.0), note="我 + compound surname"),
    Example("我女儿许诗琪 10岁 近视", ("许诗琪",), (0.7, 1.0), note="three characters, a field"),
    Example("孕三十周加两天 胎动正常吗", (), note="周 after a numeral is a week"),
    Example("孕32周加4天 宫高30 腹围95", (), note="a week, a measurement"),
    Example("胎心140 宫高29cm 正常吗", (), note="a measurement before its number"),
    Example("我儿子初二 成绩下降 厌学", (), note="a school grade"),
    Example("门诊号 2023001234 复查时间", (), note="a label before its number"),
    Example("方便 电话 13800138000", (), note="an everyday word before a label"),
    Example("退款 6222021234567890123 农行", (), note="a field after a number"),
    Example("孕妇 能吃 党参", (), note="a herb ending the message"),
    Example("非常感谢医生的建议 谢谢您！", (), note="thanks ending the message"),
    Example("种植牙 8000 管多久", (), note="a question ending the message"),
    Example("我老公来看病 要挂号吗", (), note="来 + 看病 after a cue"),
    Example("所以来问问医生 这个药能停吗", (), note="来 + 问问 before a title"),
    Example("找一下康复医生", (), note="康复 before a title"),
    Example("他一见我就阿姨阿姨的叫", (), note="a cue after a cue"),
    Example(
        "今天来的是庹雨萱", ("庹雨萱",), (0.5, 1.0), note="jieba: 庹 (a measure word) + 雨 + 萱"
    ),
    Example("王子说要复查", (), note="王子 is a word"),
    Example("参检人员：蔡文、冯春生、万里", ("蔡文", "冯春生", "万里"), (0.7, 1.0), note="a list"),
    Example(
        "报名名单：王平、李俊、宁静、訾晓明 周六上午",
        ("王平", "李俊", "宁静", "訾晓明"),
        (0.7, 1.0),
        note="a list announced: everyday words among names are names",
    ),
    Example("头痛、发热、乏力三天了", (), note="a list of symptoms"),
    Example("名单：张医生、李护士", (), note="a list of staff titles"),
    Example("王平、李俊 都是我同事", (), note="a list of words jieba knows, no cue"),
    Example("冉建华", ("冉建华",), (0.7, 1.0), context=("监护人",), note="JSON key 监护人"),
    Example("莫米松一天用几次", (), note="a generic drug's ending (米松)"),
    Example("湿疹 莫米松 能用多久", (), note="a drug, standing alone"),
    Example("孩子鼻炎 喷丙酸氟替卡松 半年了", (), note="a salt before a drug"),
    Example("阴超提示内膜厚", (), note="an exam (the health lexicon)"),
    Example("医保 门特 怎么申请", (), note="an insurance scheme"),
    Example("帮廖婷婷预约了 明天来", ("廖婷婷",), (0.5, 1.0), note="jieba: 廖 + 婷婷, no cue"),
    Example("还有冉晓萱 也要一起体检", ("冉晓萱",), (0.5, 1.0), note="jieba: 冉晓 + 萱"),
    Example("我是尚荣华的女儿 想问报告", ("尚荣华",), (0.7, 1.0), note="尚 read as an adverb"),
    Example("我是尚未生育的女性", (), note="尚未 is a word"),
    Example("患者都挺好的", (), note="都 + 挺好"),
    Example("想约上官燕医生的号", ("上官燕",), (0.7, 1.0), note="compound + one, before a title"),
    Example("下午挂皇甫乐医生", ("皇甫乐",), (0.7, 1.0), note="split before a title"),
    Example("复诊找梁丘远教授", ("梁丘远",), (0.7, 1.0), note="split before a title"),
    Example("问了下东方医生", (), note="东方 and no given name"),
    Example("找管床医生问问", (), note="床 is no given character"),
    Example("挂宁波医生的号", (), note="a place jieba knows"),
    Example("我叫蒯思远，想约周三上午", ("蒯思远",), (0.85, 1.0), note="rare surname"),
    Example("我叫淳于雅琴 下午能到", ("淳于雅琴",), (0.85, 1.0), note="rare compound surname"),
    Example("钮扣电池误吞怎么办", (), note="a rare surname that is a word's first character"),
    Example(
        '{"监护人":"庹建国","电话":"13912345678"}',
        ("庹建国",),
        (0.7, 1.0),
        note="JSON typed into a chat: the key's quotes between cue and name",
    ),
    Example('{"patient_name": "濮阳子安", "age": 6}', ("濮阳子安",), (0.85, 1.0), note="name key"),
    Example('{"nickname":"方糖","drug_name":"莫沙必利"}', (), note="keys that hold no name"),
    Example("宝宝小名叫果果 今年三岁", ("果果",), (0.85, 1.0), note="a nickname after 小名"),
    Example("宝宝小名还没想好", (), note="小名 and no nickname"),
    Example("糖糖妈妈 想问下湿疹怎么护理", ("糖糖",), (0.7, 1.0), note="a parent signs"),
    Example("孩子天天妈妈长妈妈短的", (), note="天天 is a word"),
    Example("退费请打到户名贲立群的卡", ("贲立群",), (0.85, 1.0), note="百家姓 surname"),
    Example("开户名 毋海燕 工行", ("毋海燕",), (0.85, 1.0), note="百家姓 surname"),
    Example("复诊登记 男方禚鹏 女方陈洁", ("禚鹏", "陈洁"), (0.7, 1.0), note="rare, 男方"),
    Example("有事联系鲜于凯 下午都在", ("鲜于凯",), (0.7, 1.0), note="联系 + compound"),
    Example("联系我们前台就行", (), note="联系 + a pronoun"),
    Example("我叫阿依努尔 想约胃镜", ("阿依努尔",), (0.85, 1.0), note="no surname, strong cue"),
    Example("全名其木格，女，41岁", ("其木格",), (0.85, 1.0), note="a Mongolian name"),
    Example("我叫不出来这个药的名字", (), note="我叫 and no name"),
    Example("名字写错了 能改吗", (), note="名字 and no name"),
    Example("药寄到玉林路8号 古丽娜尔", ("古丽娜尔",), (0.7, 1.0), note="a signature"),
    Example("全名乔文博 电话见上", ("乔文博",), (0.85, 1.0), note="jieba: 乔 + 文 + 博"),
    Example("快递到幸福路12号 于清和", ("于清和",), (0.7, 1.0), note="和 ends the message"),
    Example("护照拼音 TANG Jiayi 要一致", ("TANG Jiayi",), (0.7, 1.0), note="pinyin"),
    Example("我叫戚若楠 Qi Ruonan", ("戚若楠", "Qi Ruonan"), (0.7, 1.0), note="pinyin after"),
    Example("报告上要写拼音 HPV DNA 是英文", (), note="abbreviations, no pinyin"),
    Example("宝宝大便颜色黄稀 正常吗", (), note="an adjective glued to a noun"),
    Example("转到康复科 住几天", (), note="a department"),
    Example("我妈妈钮桂兰 高血压十年", ("钮桂兰",), (0.7, 1.0), note="我妈妈, not 我妈 + 妈…"),
    Example("陪诊人 隗佳琪 下午两点到", ("隗佳琪",), (0.7, 1.0), note="role on a form"),
    Example("我是Kevin Zhao 想约周末", ("Kevin Zhao",), (0.7, 1.0), note="English name, cue"),
    Example("我是Apple Watch的用户 心率不准", (), note="capitalised words, no pinyin surname"),
    Example("我是Tom 想问", (), note="one English word"),
    Example("Sarah Miller 英国护照 要体检", ("Sarah Miller",), (0.7, 1.0), note="passport"),
    Example(
        "Grace Zhou 中文名周雅琴 想约复查",
        ("Grace Zhou", "周雅琴"),
        (0.5, 1.0),
        note="an English name before its Chinese form",
    ),
    Example(
        "收件人：Tony Ma（马俊峰） 下午到",
        ("Tony Ma", "马俊峰"),
        (0.7, 1.0),
        note="a Chinese name in brackets after a name",
    ),
    Example("帕尔哈提·依明 想约胃镜", ("帕尔哈提·依明",), (0.7, 1.0), note="dotted, no cue"),
    Example("中国·上海 国际医学论坛", (), note="a dot between places"),
    Example(
        "复查登记\n1 邝志明 男 35岁\n2 贝思雨 女 29岁",
        ("邝志明", "贝思雨"),
        (0.7, 1.0),
        note="numbered lines",
    ),
    Example("南宫晓峰 先生 您的报告已出", ("南宫晓峰",), (0.7, 1.0), note="space before 先生"),
    Example("區志強 電話 9123 4567", ("區志強",), (0.7, 1.0), note="traditional surname 區"),
    Example("严子墨 住高新区锦城大道88号", ("严子墨",), (0.7, 1.0), note="field before 住"),
    Example("复查 住院三天了", (), note="住院 after a field"),
    Example("郁嫣然 身份证号见附件", ("郁嫣然",), (0.7, 1.0), note="jieba: 郁 + 嫣然"),
    Example("我是江山的爸爸 想问下", ("江山",), (0.7, 1.0), note="a word, then 的 + kin"),
    Example("我是古丽米拉的姐姐", ("古丽米拉",), (0.7, 1.0), note="no surname, 的 + kin"),
    Example("我是宝宝的妈妈", (), note="宝宝 is no name"),
    Example("我是病人的家属 想问", (), note="病人 is no name"),
    Example("他姓邵，邵一鸣，下周来", ("邵", "邵一鸣"), (0.7, 1.0), note="surname stated first"),
    Example("姓名的姓 写错了", (), note="姓 and no name"),
    # a surname given alone (recognizers/_name_surname_alone.py)
    Example("免贵姓诸葛，想约下周的胃镜", ("诸葛",), (0.7, 1.0), note="姓 as a verb, compound"),
    Example("我妈姓骆 电话明天发你", ("骆",), (0.7, 1.0), note="姓 as a verb, a relative"),
    Example("我姓陶叫陶立强", ("陶", "陶立强"), (0.5, 1.0), note="the surname, then the name"),
    Example("请问您贵姓？", (), note="贵姓 asks for one"),
    Example("百家姓里有这个姓吗", (), note="姓 in a word"),
    Example("那个姓卢的医生今天在吗", (), note="a staff member's surname"),
    Example("好的，蔡女士，报告已经出来了", ("蔡",), (0.7, 1.0), note="before 女士"),
    Example("我是邬奶奶的孙女 想问下结果", ("邬",), (0.7, 1.0), note="before 奶奶"),
    Example("欧阳女士 您的药已寄出", ("欧阳",), (0.7, 1.0), note="compound before 女士"),
    Example("好的于阿姨 周三见", ("于",), (0.7, 1.0), note="于 (a preposition) after 好的"),
    Example("尤阿姨下周复查 能约上午吗", ("尤",), (0.7, 1.0), note="尤 (an adverb) opens"),
    Example("那宝宝晚上能洗澡吗", (), note="那 (a pronoun) opens"),
    Example("王建国先生 报告出来了", ("王建国",), (0.7, 1.0), note="a full name stays whole"),
    Example("客户经理说可以分期", (), note="户 ends a word"),
    Example("这位女士请到三楼缴费", (), note="位 ends a word"),
    Example("我和同学一起来做体检", (), note="和 as a conjunction"),
    Example("祝宝宝早日康复", (), note="祝 as a verb"),
    Example("年轻时总觉得没事", (), note="总 as an adverb"),
    Example("刘教授 周二上午坐诊", (), note="a staff title"),
    Example("俞 一五九零零一一二二三三", ("俞",), (0.7, 1.0), note="alone before a phone"),
    Example("寄件人 老孙 139 0011 2233", ("孙",), (0.7, 1.0), note="老 + surname before a phone"),
    Example("老公 13912345678 打这个", (), note="老公 is a word"),
    Example("孩子叫朵朵 三岁", ("朵朵",), (0.85, 1.0), note="a doubled nickname after 叫"),
    Example("宝宝叫了一晚上", (), note="叫 as a verb"),
    Example("通知：彭梓涵小朋友明天体检", ("彭梓涵",), (0.7, 1.0), note="before 小朋友"),
    Example("我係黎慧儀 想約週六", ("黎慧儀",), (0.7, 1.0), note="Cantonese 我係"),
    Example("幾點都得 —— 診所前台 方晚秋", ("方晚秋",), (0.7, 1.0), note="signature, 晚"),
    Example("我外甥金子轩要体检", ("金子轩",), (0.7, 1.0), note="jieba: 金子 (a word) + 轩 (nr)"),
    Example("卞海涛 沈阳的 下周到", ("卞海涛",), (0.7, 1.0), note="卞 + 海涛 (nr), a field"),
    Example("孙子 6岁 发烧", (), note="an age after a kin word"),
    Example("复查 男 女 都要查吗", (), note="男 女 after a word"),
    Example("带状疱疹 伐昔洛韦 0.3g 吃几天", (), note="an antiviral (-洛韦)"),
    Example("邮箱 ming.li 艾特 qq 点 com", (), note="艾特 spells @"),
    Example("宫腔镜 术后 出血正常吗", (), note="a scope jieba tags as a name"),
    Example("李时珍的本草纲目里说艾叶能止血吗", (), note="a public figure"),
    Example("华佗 五禽戏 对颈椎有用吗", (), note="a public figure as a field"),
    Example("预约成功\n患者：江南\n时间：周五", ("江南",), (0.7, 1.0), note="a form line"),
    Example("预约成功\n患者：高血压\n时间：周五", (), note="a form line, no name"),
    Example(
        "我是小杰爸爸 孩子发烧两天了", ("小杰",), (0.7, 1.0), note="a parent signs by 小 + name"
    ),
    Example("阿俊妈妈想问下疫苗的事", ("阿俊",), (0.7, 1.0), note="阿 + name before 妈妈"),
    Example("我是小孩妈妈 孩子咳嗽", (), note="小孩 is a word, no nickname"),
    Example("我家老三苗雨泽发烧了", ("苗雨泽",), (0.7, 1.0), note="birth order as a cue"),
    Example("我老伴严凤英血压高", ("严凤英",), (0.7, 1.0), note="老伴 as a cue"),
    Example("我姐戴春梅怀孕了", ("戴春梅",), (0.7, 1.0), note="我姐 as a cue"),
    Example("我老伴最近睡不好", (), note="老伴 with no name after it"),
    Example('{"hzxm":"卓思远","xb":"男"}', ("卓思远",), (0.85, 1.0), note="a pinyin-initials key"),
    Example('{"xmbh":"A12","xl":"3"}', (), note="keys that only start like xm"),
    Example("打的是瑞蓝还是国产的 多少钱", (), note="a brand after 打的是"),
    # Clinical words, kin terms and forms of address that jieba tags as names: near a
    # context word such as 患者 they were masked.
    Example("患者要不要用阿奇霉素", (), note="a drug: 阿 + 奇 runs on into 霉素"),
    Example("患者孟鲁司特吃了一个月 还咳", (), note="a drug's name runs on past the token"),
    Example("医生 射频刀贵不贵", (), note="a device: 刀 ends no given name"),
    Example("孩子近视 患者平时戴镜吗", (), note="镜 ends no given name"),
    Example("患者冷敷以后肿消了", (), note="a treatment jieba's dictionary tags as a name"),
    Example("患者想吃牛肉干 可以吗", (), note="an everyday word and a suffix (牛肉 + 干)"),
    Example("患者麻木感还在", (), note="麻木 + 感"),
    Example("患者阿婆在病房陪护", (), note="阿 + a form of address"),
    Example("患者孙子今年上初中了", (), note="a kin term jieba tags as a name"),
    Example("患者的师傅陪着来的", (), note="a form of address"),
    Example("患者张利 明天复查", ("张利",), (0.7, 1.0), note="利 is a given name's character"),
    Example("我舅妈钟秋花 血糖高", ("钟秋花",), (0.7, 1.0), note="花 is a given name's character"),
    Example("患者金银花泡水喝可以吗", (), note="a dictionary word: an everyday word and 花"),
    Example("请问，罗一诺宝宝体检报告出来了吗", ("罗一诺",), (0.7, 1.0), note="before 宝宝"),
    Example("高危宝宝 要复查吗", (), note="a kind of baby before 宝宝"),
    Example("母乳宝宝多久喂一次", (), note="a kind of baby before 宝宝"),
    Example("那如果宝宝一直咳嗽呢", (), note="a pronoun and a conjunction before 宝宝"),
    Example("我是上周约过的韩雨凡，想改时间", ("韩雨凡",), (0.7, 1.0), note="我是, a clause, 的"),
    Example("我是你们医院的老病人", (), note="我是, a clause, 的 and no name"),
    Example("家属：吐尔逊 明天到", ("吐尔逊",), (0.7, 1.0), note="a form's value, no surname"),
    Example(
        "患者：买买提江 电话：13912345678",
        ("买买提江",),
        (0.7, 1.0),
        note="a form's value that jieba cuts",
    ),
    Example("患者：多发性 肌瘤", (), note="a form's value that is no name"),
    Example("江山 139-1234-5678", ("江山",), (0.7, 1.0), note="a word as a name before a phone"),
    Example("明天 13800138000 打给我", (), note="a day before a phone"),
    Example("门诊 13812345678", (), note="a hospital's word before a phone"),
    # nicknames used as the name (recognizers/_name_nicknames.py, _name_answers.py)
    Example("女儿萱萱昨晚吐了两次", ("萱萱",), (0.7, 1.0), note="a doubled nickname, no 叫"),
    Example("我们家豆豆 3岁半 老是揉眼睛", ("豆豆",), (0.7, 1.0), note="我们家 + doubled"),
    Example("过敏了 乐乐 20个月 脸上起疹子", ("乐乐",), (0.7, 1.0), note="a field before an age"),
    Example("孩子天天咳嗽 要紧吗", (), note="天天 is a time word"),
    Example("我家娃娃便便发绿", (), note="娃娃 is a word for a child, 便便 a body's"),
    Example("宝宝动动就醒", (), note="a little action doubled"),
    Example("儿子小豆子手上起了水泡", ("小豆子",), (0.7, 1.0), note="小 + two after a cue"),
    Example("我叫小葵，之前在你们这拔过牙", ("小葵",), (0.7, 1.0), note="我叫 + 小X"),
    Example("孩子小时候吃过这个药", (), note="小时候 is a word"),
    Example("宝宝小腿上有块红斑", (), note="小腿 is a body part"),
    Example("我家小孩发烧了", (), note="小孩 is a word"),
    Example("儿子叫汤圆 刚满周岁", ("汤圆",), (0.85, 1.0), note="a food as a child's name"),
    Example("孩子叫不醒 怎么办", (), note="叫 as a verb"),
    Example('{"kidName":"小橙子","age":4}', ("小橙子",), (0.85, 1.0), note="a child's name key"),
    Example(
        "客服：请问您贵姓？\n访客：黎\n客服：黎女士好", ("黎",), (0.7, 1.0), note="the answer turn"
    ),
    Example(
        "[护士] 宝宝叫什么名字\n[家长] 妞妞\n[护士] 好的", ("妞妞",), (0.7, 1.0), note="answer"
    ),
    Example("客服：怎么称呼您？\n访客：随便", (), note="an answer that is no name"),
    Example("我老公叫詹志远 今天陪我来", ("詹志远",), (0.85, 1.0), note="a relative + 叫"),
    Example("妈妈叫我去拿药", (), note="a relative + 叫 + a pronoun"),
]

"""Chinese surnames, used to recognise names and to keep the surname when masking one.

The single-character list holds every surname of the 百家姓 and the rarer surnames in
current use (禚, 覃, 禤), simplified and traditional; the compound list every compound
surname of the 百家姓 and those still in use. Surnames that are far more common as
everyday words (水, 能, 东, 后, 有) are kept apart in WORD_SURNAMES: they start a name only
after a cue as strong as 我叫 or 姓名 (我叫能文 / 能不能).
"""

from __future__ import annotations

SINGLE = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞"
    "左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕"
    "屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧"
    "闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥"
    "南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支"
    "卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印"
    "逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "傅洪萧赖阎"
    # the rest of the 百家姓, and rare surnames in current use
    "昌凤贝贲滑荀羿汲糜蓟鄂莘堵宰濮宦庾暨殳沃蔚夔厍毋巢竺缑谯韶弘禄贡牧弓蓬仰琴钦汝苍"
    "禚寸啜苻矫锁揣旷粘蹇郤郄雒仵"
    # Rare surnames jieba knows only as surnames (its dictionary tags them nr): 钭永健, 郦晓彤.
    "钭郦訾仉逄笪蒯隗郗佴眭璩郇庹禤邴綦宓钮酆郏麴桓"
    # Traditional forms (Hong Kong, Macau and Taiwan patients; Big5 pages) of the common
    # surnames whose characters differ. 於 and 萬 are left out: as words (於是, 萬一)
    # they are far more common than as surnames.
    "張劉陳楊黃趙吳孫馬羅鄭謝許韓馮鄧蕭葉蘇呂盧蔣賈鍾譚陸韋鄒閆龍賀顧龔錢嚴湯溫齊喬龐顏莊聶"
    "魯歐關蘭寧紀畢駱藍鮑華饒陽車項連麥婁竇費衛應閔鄔邊師榮叢鞏遲鄺談荊儲勞藺樓閻賴"
    "貝賁鳳薊闕聞喬蔣鄂濮龐鍾傅洪蕭禚區"
)

# Surnames of the 百家姓 that are far more often everyday words or parts of them (能不能,
# 后来, 有没有, 东西): a name only right after a strong cue.
WORD_SURNAMES = frozenset(
    "水家从能双通别充习终步广东空后红益有年爱言福法归微生经怀却须养暴松山秋咸乜寿越融慎鱼伯赏墨督萬"
)

COMPOUND = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 令狐 澹台 西门 南宫 端木 "
    "独孤 呼延 轩辕 钟离 闾丘 太史 申屠 百里 东郭 赫连 万俟 拓跋 第五 "
    "闻人 巫马 公羊 左丘 乐正 谷梁 公冶 濮阳 淳于 仲孙 叔孙 宗政 亓官 司寇 颛孙 壤驷 公良 "
    "漆雕 梁丘 公西 羊舌 单于 太叔 鲜于 司空 子车 夹谷 宰父 段干 南门 东门 归海 微生 "
    # traditional forms
    "歐陽 司馬 諸葛 東方 尉遲 公孫 長孫 澹臺 西門 南宮 獨孤 軒轅 鍾離 閭丘 東郭 赫連 萬俟 "
    "單于 鮮于 顓孫 壤駟 樑丘 東門 南門 歸海".split()
)


def surname_length(name: str, words_too: bool = False) -> int:
    """Length of the surname that `name` starts with: 2, 1, or 0 when it starts with none.
    `words_too`: also a surname that is mostly an everyday word (after a strong cue)."""
    if name[:2] in COMPOUND:
        return 2
    if name[:1] in SINGLE or (words_too and name[:1] in WORD_SURNAMES):
        return 1
    return 0

"""Counselling-chat message templates, written for this project after the shape of real
patient messages: a complaint, a question, and identifiers given the way patients give
them. `{ENTITY}` marks a slot; the corpus fills it and records its span.
"""

from __future__ import annotations

TEMPLATES: dict[str, list[str]] = {
    "男科": [
        "医生你好，我叫{PERSON}，今年32岁，最近勃起不太硬，想预约一下，电话{PHONE_NUMBER}",
        "我老公{PERSON}早泄好几年了，能治吗？加我微信{WECHAT_ID}详细说",
        "包皮过长手术多少钱？我的手机是{PHONE_NUMBER}，下午联系我",
        "前列腺炎尿频尿急，吃了两周药没好转。扣扣{QQ_NUMBER}，方便的话发我检查单",
        "阳痿的事不想让家里人知道，别打电话，vx：{WECHAT_ID}",
        "上次在你们这看的精索静脉曲张，门诊号{MEDICAL_RECORD_NUMBER}，想复查",
        "姓名：{PERSON}，身份证号：{CN_RESIDENT_ID}，预约周六上午",
        "能邮寄药吗？地址{LOCATION}，收件人{PERSON}，电话{PHONE_NUMBER}",
        "手机号 {PHONE_NUMBER} 微信同号，医生加一下我",
        "我是{PERSON}，之前做过精液检查，结果发我邮箱{EMAIL_ADDRESS}",
        "我姓{SURNAME}，全名就不说了，电话{PHONE_NUMBER}，别说是医院打的",
    ],
    "妇产科": [
        "孕12周+3天，NT正常吗？我是{PERSON}，身份证{CN_RESIDENT_ID}，帮我建档",
        "白带发黄有异味，想约明天的号，联系人{PERSON}，电话{PHONE_NUMBER}",
        "无痛人流要住院吗？住院号{MEDICAL_RECORD_NUMBER}，上次在你们这做的",
        "HCG 15678，孕酮25.3，这个正常吗？我的QQ是{QQ_NUMBER}",
        "宫颈糜烂三度，医保卡号{CN_SOCIAL_INSURANCE}能报销吗",
        "月经推迟十天了，验孕棒两条杠，患者{PERSON}，出生日期{DATE_OF_BIRTH}",
        "我住在{LOCATION}，离你们医院远吗？手机{PHONE_NUMBER}",
        "产检报告能发邮箱吗？{EMAIL_ADDRESS}，谢谢医生",
        "试管婴儿费用大概多少？加个威信吧 {WECHAT_ID}",
        "宝宝{PERSON}黄疸值15，需要住院吗？家长电话{PHONE_NUMBER}",
        "好的{SURNAME}女士，已为您预约周三上午的B超，请空腹，有变动打您{PHONE_NUMBER}",
    ],
    "整形美容": [
        "割双眼皮大概多少钱？扣扣{QQ_NUMBER}，发我报价",
        "玻尿酸隆鼻想分期付款，银行卡号{CN_BANK_CARD}，可以吗",
        "我在香港，回乡证{CN_HK_MACAU_PERMIT}，过去做手术需要什么",
        "吸脂术后肿了两周，V信{WECHAT_ID}，发照片给你看",
        "下个月出国，护照号{CN_PASSPORT}，能开英文的病历吗",
        "隆胸手术12800元能刷卡吗？卡号{CN_BANK_CARD}",
        "港澳通行证{CN_HK_MACAU_PERMIT}过期了，还能预约面诊吗",
        "我叫{PERSON}，想做瘦脸针，手机{PHONE_NUMBER}，周末有空",
        "术后修复想找原来的医生，病历号{MEDICAL_RECORD_NUMBER}",
        "快递寄到{LOCATION}，{PERSON}收，电话{PHONE_NUMBER}",
    ],
    "内科": [
        "血压150/95，心率88，头晕，我是{PERSON}，社保卡号{CN_SOCIAL_INSURANCE}",
        "每天两次每次500mg，吃了三天还是发烧，电话{PHONE_NUMBER}",
        "我爸{PERSON}糖尿病十年了，空腹血糖9.8，住院号{MEDICAL_RECORD_NUMBER}",
        "胃镜预约在11月25日，身份证号码{CN_RESIDENT_ID}，需要空腹吗",
        "咳嗽两周了，生日{DATE_OF_BIRTH}，之前没有过敏史",
        "我的邮箱是{EMAIL_ADDRESS}，检查报告出来发给我",
        "家属{PERSON}，联系方式{PHONE_NUMBER}，病人在302床",
        "甲状腺结节4a类，要手术吗？qq号码{QQ_NUMBER}",
        "请把发票寄到{LOCATION}",
        "药寄到{LOCATION} 收件人 {SURNAME}先生 电话{PHONE_NUMBER}",
        "{SURNAME}大爷下个月出国探亲，护照号{CN_PASSPORT}，降压药能多开两个月吗？",
        "转账到哪个账户？我的储蓄卡{CN_BANK_CARD}",
    ],
    "心理科": [
        "最近失眠焦虑，想找医生聊聊，别告诉家里，微信号{WECHAT_ID}",
        "抑郁症复诊，我叫{PERSON}，就诊卡号{MEDICAL_RECORD_NUMBER}",
        "吃舍曲林两个月了，能减药吗？电话{PHONE_NUMBER}",
        "出生年月日{DATE_OF_BIRTH}，需要填心理测评表吗",
        "{SURNAME} 手机{PHONE_NUMBER} 晚上八点以后方便",
    ],
    "传染科": [
        "HPV阳性16型，怎么办？患者{PERSON}，身份证{CN_RESIDENT_ID}",
        "梅毒检查结果想保密，发到我邮箱{EMAIL_ADDRESS}",
        "乙肝两对半报告，门诊号{MEDICAL_RECORD_NUMBER}，帮我看看",
        "HIV阻断药哪里能拿？很急，手机{PHONE_NUMBER}",
    ],
}

# Messages that carry only clinical numbers: the gateway must not change them at all.
CLINICAL_ONLY = [
    "血压150/95，心率88次/分，需要换药吗",
    "每天两次每次500mg，饭后服用可以吗",
    "HCG 15678，孕酮25.3，正常吗",
    "孕12周+3天，做了NT，结果1.8mm",
    "手术费用12800元，医保能报多少",
    "预约11月25日上午10点复诊",
    "住在住院部3楼312房，几点查房",
    "空腹血糖7.8mmol/L，糖化血红蛋白6.9%",
    "体重65kg，身高172cm，BMI多少算正常",
    "白细胞12.5×10^9/L，中性粒细胞80%",
    "2023年3月做的手术，现在恢复得怎么样",
    "门诊5号楼3层抽血，早上8点开始",
    "精子活力a级15%，b级20%，能自然怀孕吗",
    "体温38.5度，吃了布洛芬0.3g",
    "宫颈TCT结果ASC-US，HPV 52阳性",
    "双眼皮手术后第7天拆线，肿了3mm",
    "玻尿酸1ml大概5800元吗",
    "月经周期28天，经期5天，量少",
    "挂了专家号，排在第36号",
    "医保报销了80%，自费2000元",
]

"""Characters common in Chinese given names.

Used where jieba's segmentation hides a name: it glues the surname to the first given
character as a rarer word (毛子 + 豪, 毛梓 + 萱) or splits off the last one as a verb
(何佑 + 安). Both characters of the given name must be in this set before such a split is
read as a name. The set is the everyday stock of given-name characters (virtues, nature,
jewels, flowers, the generation names of the last decades), simplified and traditional.
"""

from __future__ import annotations

GIVEN_CHARS = frozenset(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华秀兰玉梅红萍玲燕辉鹏飞斌宇浩凯健俊帆"
    "帅旭宁龙林欣怡佳嘉琪瑶婷雪颖慧晨雨萱涵轩梓子豪博文睿哲瑞泽宏志建国家庆晓晶亮"
    "波鑫淼森磊海江河山峰岩石松柏竹兰菊荷莲芸芬芝莉薇蕾蓉倩倪琳琴瑛璐瑾瑜璇珊珍"
    "珠宝金银锦绣彩凤鸿鹤雁莺燕鹰亚宜安康欢悦怡忠义仁礼智信诚勤俭良贤德"
    "华彬彦卓越超群伦杰豪毅刚坚锋锐威武雄壮猛勇强胜荣耀辉煌炜烨焱炎煜昊"
    "晗晟昱晖昕曦晴阳旭星辰云霄宇宙航清源润泽洁淑贞娴雅静"
    "婉婧媛妍姗娇婕妮娅姝嫣娉婵韵诗书琴画墨翰林森楠桐梧樱桃杏梨棠蕊芷若兮依伊怡"
    "馨香蓝青翠碧紫丹彤朱赤素晓恒"
    "艺芸萌茜荟莹滢潇湘沁沐浩淳涵澄澜瀚溪渝沛汐泓漫蓓蓝岚崇巍峻"
    "嵘彪虎豹麟凯旋铭钧锋钰镇铮鑫鼎轩辕昭烁熙煦燊奕弈羿翔翊翼羽翎耀腾骏骁驰"
    "欣琦琨瑗璋瑄珂珏玥玫瑰晶莎菲霏霖露霜雯霓韬韦伦仪佩倩俐伶佑佐卉卿"
    "迪航宸逸辰锐浚彧懿煊皓晔铄宁静桦苇蔚蔓萧潆汀涟漪澈清岳峥崧嵩岱"
    "偉芳娜靜麗強軍潔豔傑娟濤華蘭紅萍玲燕輝鵬飛斌帥龍琪瑤婷穎慧曉晶亮鑫峰岩鬆"
    "蓮鳳鴻鶴雁鶯鷹亞樂歡悅誠勤儉賢德彥卓越群倫豪毅剛堅鋒銳威雄壯勝榮耀煌煒燁"
    "陽雲長恆興達順貴夢愛藝瑩瀅瀟淵潤澤賢淑貞嫻雅婉媛嬌妮詩書畫翰樺葦"
    "小兵远川思遠和冰然咏詠仪儀晚凡坤利畅暢天花"
    # the generation names of the parents' and grandparents' generations (国栋, 德福, 春生)
    "栋乐梁民春生东升根福贵秋冬兴旺成功立新振达发永保树顺全棟樂東興達發順"
)

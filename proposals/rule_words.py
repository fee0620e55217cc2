"""The vocabulary of the shipped rules: topics, word lists and patterns that
`rule_defaults.DEFAULT_RULES` hands to the detectors as words and settings. Editors see them in
each rule's words and settings; a change here reaches existing databases through a migration
that seeds the rules again (as `0004_rules_for_real_texts` does).
"""


def word_list(*lines: str) -> list[str]:
    """A word list written as lines of words separated by spaces, to keep it short to read."""
    return " ".join(lines).split()


# One matter a line: "name：words". A draft mixes matters when its title joins two of these, or
# its measures keep coming back to three of them. Words are kept specific: 自来水, not 水;
# 外出务工, not 务工, which hides inside 义务工.
TOPICS = [
    "交通：道路 公路 村道 路面 桥梁 路灯 客运 公交 班车 停车 红绿灯 减速带 斑马线 交通",
    "饮水：饮水 自来水 供水 水质 水管 管网 水厂 水源 水压",
    "水利：灌溉 水渠 沟渠 泵站 山塘 水库 堤坝 排涝 抗旱",
    "教育：学校 小学 中学 幼儿园 学生 教师 校车 上学 放学",
    "医疗：卫生院 卫生室 村医 医生 看病 就医 药品 医保 体检",
    "养老：养老 老人 老年 敬老院 照料中心 助餐 独居",
    "环境：垃圾 污水 厕所 保洁 清运 焚烧 异味 臭味 环境卫生",
    "集市：集市 摊位 摊贩 农贸市场 菜市场 赶集 摆摊 商户",
    "治安：治安 监控 盗窃 巡逻 派出所 诈骗",
    "文体：文化礼堂 文化站 健身 图书室 体育 球场 广场舞 文艺",
    "住房：危房 住房 宅基地 房屋 搬迁",
    "农业：种植 养殖 农产品 化肥 农机 耕地 粮食 茶叶 果园",
    "电力通信：电网 停电 电压 变压器 信号 宽带 基站",
    "就业：就业 外出务工 务工人员 招工 创业 技能培训",
]

# A number with a unit, or a Chinese numeral with a unit; Chinese numerals leave out 万 and
# units like 户 and 条, so 千家万户 and 一条龙 do not pass for quantities. A number is matched
# only from its first digit, without backtracking: a long run of digits stays linear.
QUANTITY = (
    r"(?<![0-9０-９.．])[0-9０-９]++(?:[.．][0-9０-９]++)?+\s*+"
    r"(?:个|座|条|处|所|名|位|人|台|辆|盏|块|口|间|张|套|趟|班|户|亩|吨|米|公里|千米|"
    r"平方米|立方米|元|万元|亿元|小时|分钟|天|日|周|月|年|%|％|倍|次)"
    r"|(?<![一二两三四五六七八九十百千])[一二两三四五六七八九十百千]++"
    r"(?:座|处|所|名|位|台|辆|盏|间|套|亩|吨|米|公里|元|万元|小时|天|周|个月|年|次)"
)
TIME_LIMIT = (
    r"年底|年内|年末|月底|月内|季度|以内|之内|前完成|内完成|底前|汛期前|开学前|春节前|"
    r"雨季前|入冬前|秋收前|每年|每月|每周|每天|每日"
)
ACTIONS = word_list(
    "修建 新建 改建 扩建 硬化 拓宽 铺设 安装 增设 加装 设置 配备 配置 更换",
    "维修 修缮 疏通 清淤 清运 开通 延伸 增开 设立 成立 组建 制定 出台 划拨",
    "补助 补贴 招聘 聘请 购置 采购 开设 开办 公布 公示 检测 接入 迁移 拆除",
    "新增 纳入",
)
CASE_NUMBER = (
    r"[（(]\s*[12][0-9]{3}\s*[）)]\s*[\u4e00-\u9fff]{1,4}[0-9]{0,6}"
    r"\s*[\u4e00-\u9fff]{1,4}\s*[0-9]+\s*号"
)
VAGUE_UNITS = ["有关部门", "相关部门", "有关单位", "相关单位", "有关方面"]
# The commonest surnames: 张某, 李某某 stand for a particular person.
SURNAME = (
    "[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤]"
)
# One particular case: 张三诉李四……一案, 王某与某公司纠纷一案, 李某的案子.
CASE_PARTIES = (
    r"[\u4e00-\u9fff]{1,12}(?:诉|与)[\u4e00-\u9fff]{1,12}(?:纠纷)?一案"
    rf"|{SURNAME}某某?(?:诉|与[^。；]{{0,12}}纠纷|的案子|一案)"
)
# The deputy's own family: 我侄子, 我的外甥, 我家老二.
PERSONAL_KIN = (
    r"我(?:的|们家的?|家的?)?(?:父亲|母亲|爸爸?|妈妈?|爷爷|奶奶|外公|外婆|儿子|女儿|丈夫|妻子|爱人"
    r"|老公|老婆|哥哥?|弟弟?|姐姐?|妹妹?|亲戚|侄子|侄女|外甥女?|女婿|儿媳|孙子|孙女|外孙女?|表[哥弟姐妹]"
    r"|堂[哥弟姐妹]|舅舅|姑姑|叔叔|伯伯|小舅子|连襟|亲家|孩子|小孩|老大|老二|老三)"
)
# A named private person and what is owed to them: 村民张某某的补偿款, 李某家的低保.
NAMED_PERSON = (
    rf"{SURNAME}某某?(?:家|的|一家)?[^。；]{{0,10}}?"
    r"(?:补偿|低保|工资|欠款|宅基地|承包地|房屋|待遇|救助|安置|纠纷|赔偿)"
)
# A quarrel between neighbours: 刘某与邻居……宅基地纠纷.
NEIGHBOURS = r"(?:与|和|跟)邻居[^。；]{0,15}?(?:纠纷|争执|矛盾|打架|动手|吵架)"
# One firm and its money: 某某公司的贷款, 我们合作社的用地审批.
ONE_FIRM = (
    r"[\u4e00-\u9fff]{2,12}(?:公司|厂|合作社|超市|酒店|饭店|门市|店)(?:的)?[^。；，]{0,8}?"
    r"(?:贷款|借款|用地审批|补贴资金|扶持资金|减免税|税费减免|欠款|拖欠的?货款)"
)
# Asking an office to set its own fines or points: 扣2分加200元, 罚款500元.
SET_PENALTY = (
    r"扣\s*[0-9一二三四五六七八九十]+\s*分|罚(?:款)?\s*[0-9一二三四五六七八九十百千]+\s*元"
    r"|加\s*[0-9]+\s*元(?:钱)?"
)
# What a township congress cannot decide, and what a county congress cannot: the state's
# matters, and (for a township) the county's and above.
BEYOND_COUNTY = word_list(
    "国防 外交 货币 汇率 利率 关税 海关 出入境 修改法律 修改宪法 制定法律 修订法律",
    "全国统一 全国范围 全国性 国务院 户籍制度 延迟退休 退休年龄 兵役 个人所得税 税率",
    "高考 高铁 铁路 民航 最低工资",
)
BEYOND_TOWNSHIP = [*BEYOND_COUNTY, *word_list("中考 高速公路 国道 机场 县城规划 县级预算")]

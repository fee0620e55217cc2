"""The vocabulary of the shipped rules: topics, word lists and patterns that
`rule_defaults.DEFAULT_RULES` hands to the detectors as words and settings. Editors see them in
each rule's words and settings; a change here reaches existing databases through a migration
that seeds the rules again (as `0004_rules_for_real_texts` does).
"""

# How the rules cite the deputies' law: the text as amended on 2025-03-11.
DAIBIAOFA = "《代表法》（2025年修正）"


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

# Words that ask for effort instead of naming an act (加强, 重视): the measures of a proposal
# and the suggestions of a deliberation speech are marked with them when they are vague.
EXHORTING_WORDS = word_list(
    "高度重视 引起重视 重视 加强 关注 关心 进一步 加大力度 加大投入 加大",
    "提高 提升 改善 完善 推进 推动 落实 支持 积极 努力 做好 抓好 优化 健全",
    "统筹 协调 解决 予以考虑",
)

# Deliberating a report (审议). The set phrases of a remark that says nothing: agreement,
# praise of the report as a text, and the speech's opening and closing courtesies. A sentence
# made only of these (and of the filler in FORMULA_FILLER) says nothing of the report.
FORMULA_PRAISE = word_list(
    "完全同意 完全赞同 完全赞成 表示同意 表示赞同 一致同意 同意 赞同 赞成 拥护 支持",
    "没有意见 没有什么意见 无意见 没意见 没有异议 无异议 没有补充 无补充",
    "实事求是 重点突出 措施有力 措施得力 客观全面 全面客观 求真务实 主题鲜明 思路清晰",
    "目标明确 目标清晰 振奋人心 鼓舞人心 催人奋进 令人鼓舞 成绩显著 成效显著 成绩突出",
    "亮点纷呈 通俗易懂 简洁明了 内容详实 内容翔实 数据翔实 站位高远 站位高 可行 务实",
    "符合实际 切合实际 很受鼓舞 深受鼓舞 倍受鼓舞 一份好报告 好报告 很好的报告 非常好",
    "很好 满意 充分肯定 高度评价 认可",
)
FORMULA_WORDS = [
    *FORMULA_PRAISE,
    *word_list(
        "总结成绩 总结工作 部署任务 安排部署 好 政府工作报告 工作报告 这个报告 这份报告",
        "报告 政府 过去一年 一年来 今年的工作 我的发言完了 我就说这些 我就讲这些 发言完毕",
        "谢谢大家 谢谢 各位代表 大家好 主持人 我代表 我们组 本组 个人认为 我认为 我觉得",
        "分析问题 客观准确 准确 客观 深刻 透彻 全面 部署工作 通篇 贯穿 以人民为中心",
        "发展思想 听了 鼓舞 表示 内容丰富 丰富 高质量 质量高 措施务实 是一个 继续努力",
        "再接再厉 更上一层楼 各项工作 做得更好 更好",
    ),
]
FORMULA_FILLER = "的了是很都也和及与并而且对在把这个份一些我们你他各位非常十分完全总体总的来说看"
# What a sentence of praise sounds like (a speech that is mostly praise): the formula and
# these words of achievement.
PRAISE_WORDS = [
    *FORMULA_PRAISE,
    *word_list("成绩 成效 成果 显著 明显 突出 可喜 喜人 巨大 稳步 扎实 有力 长足 辉煌"),
]
# A body a question or a suggestion is put to: an office of the township or county, or a
# village's own committee (县交通运输局, 镇财政所, 镇人民政府, 村委会, 县供电公司). Bare 政府
# counts: in a township's deliberation it can only mean its own government. Not 有关部门.
BODY = (
    r"(?:[镇乡县区市村]|街道)[\u4e00-\u9fff]{0,10}?(?:人民政府|政府|管委会|办事处|委员会|村委会"
    r"|居委会|村委|办公室|服务中心|中心|公司|局|委|办|院|所|站|队|馆)(?![以有谓需属得])"
    r"|派出所|卫生院|财政所|司法所|供电所|自然资源所|国土所|交警中队|执法中队|村委会|居委会"
    r"|(?<![有相各])政府"
    r"|(?:交通运输|财政|教育|民政|人社|人力资源和社会保障|自然资源|住建|住房和城乡建设|农业农村"
    r"|水利|生态环境|市场监管|公安|应急管理|文旅|文化和旅游|城管|医保|林业|卫健|卫生健康|审计"
    r"|统计|发改|发展和改革)(?:局|委|所)"
    r"|(?:党政|综治|农业农村|社会事务|经济发展|规划建设|财政|城建|安监|环保)办(?:公室)?"
    r"|(?:农技|农机|文化|水利|林业|畜牧兽医|劳动保障|便民服务|综合文化)(?:站|中心)"
    r"|供电公司|自来水公司|水务公司"
)
# Words too general to tie a remark to a report: every report and every remark has them.
GENERAL_WORDS = word_list(
    "问题 工作 群众 报告 政府 情况 方面 部分 方面 建议 意见 我们 大家 村民 老百姓 代表 同志",
    "全镇 本镇 今年 去年 明年 一年 以来 目前 现在 时候 地方 事情 东西 领导 部门 单位 项目",
    "发展 建设 管理 服务 提高 加强 推进 落实 进一步 重点 成绩 成效 困难 不足 差距 存在",
)
# Attacks on a person, not on the work: insults and slurs, and verdicts on someone's character.
INSULTS = word_list(
    "混蛋 王八蛋 废物 饭桶 草包 窝囊废 人渣 败类 狗官 昏官 贪官 庸官 蠢货 蠢猪 白痴 弱智 脑残 傻子",
    "傻瓜 骗子 流氓 无赖 不要脸 吃干饭的 尸位素餐 脑子进水 脑子有病 滚蛋 滚下台 去死",
    "不得好死 狼心狗肺 不是东西 良心被狗吃了",
)
# Harmless phrases an insult hides in: the waste a report counts, the swindles it warns of.
INSULTS_HARMLESS = word_list(
    "固体废物 医疗废物 危险废物 建筑废物 废物利用 废物处理 废物回收 防范骗子 提防骗子 谨防骗子"
)
# Someone spoken of: an office-holder, a pronoun, 王某 or 张某某.
PERSON = rf"(?:镇长|乡长|县长|局长|所长|主任|站长|书记|村长|队长|他|她|这个人|此人|{SURNAME}某+)"
# 王镇长人品有问题, 这个局长根本不配当局长, 他就是个贪官.
CHARACTER_ATTACK = (
    rf"{PERSON}[^。！？，,]{{0,6}}(?:人品|品质|品行|素质|德行|良心)(?:太|很|极)?"
    r"(?:差|低|坏|败坏|有问题)"
    rf"|{PERSON}[^。！？，,]{{0,6}}(?:不配当|根本不配|不配做)"
    rf"|{PERSON}[^。！？，,]{{0,6}}(?:就是个|就是一个|简直是|是个)(?:贪官|庸官|混子|骗子|小人|无赖)"
    rf"|{PERSON}[^。！？，,]{{0,4}}(?:贪官|庸官|混子)"
)

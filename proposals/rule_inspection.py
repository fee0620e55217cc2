"""The checker's rules for an inspection's or survey's plan (视察/调研方案, genre "visit_plan")
and its report (视察报告/调研报告, genre "visit_report"), seeded after the other genres' rules
(`rule_defaults`), in the same shape.

The plan's rules read its list of questions line by line (detector "lines"): a question worth
taking on site names the place or thing to look at and something that can be counted, seen or
checked there, and is not answered by a yes or a no. The report's rules reuse the kinds that
check a suggestion (evidence for each problem; a suggestion that says what to do, how much, by
when, and who does it). One rule of both genres keeps the deputy to their role: they raise
suggestions, criticisms and opinions during an inspection but do not handle problems directly.

Article numbers cite the 代表法 as amended on 2025-03-11 (checked against the official text by
tests/proposals/test_rule_inspection.py). What makes a question answerable on site is practice,
cited without an article number.
"""

from .rule_words import (
    ACTIONS,
    BODY,
    DAIBIAOFA,
    EXHORTING_WORDS,
    QUANTITY,
    TIME_LIMIT,
    VAGUE_UNITS,
    word_list,
)

PLAN = "visit_plan"
REPORT = "visit_report"

# A place or a thing to go and look at: a village, a road, a school, a clinic, a works.
PLACE = (
    r"[村镇乡组社区街]|路|桥|站|所|院|校|园|室|馆|场|厂|店|点|渠|塘|河|库|井|田|地|棚|厕|房"
    r"|线|段|工程|项目|设施|设备|车|档案|台账|账"
)
# Something to count, see or check there.
MEASURE = (
    rf"多少|几|哪|比例|数量|金额|人数|户数|次数|时间|何时|什么时候|多久|多长|多宽|多深|多远"
    rf"|记录|台账|账目|票据|合同|名单|公示|照片|数一数|量一量|看一看|查一查|{QUANTITY}"
)
# A question answered by a yes or a no, and the words that make it ask for more.
CLOSED = r"是否|有没有|有无|能否|是不是|可不可以|会不会|吗"
OPEN = r"多少|几|哪|什么|何时|谁|怎样|怎么|如何|为什么|多久|多长|原因"

AS_ARRANGED = (
    f"{DAIBIAOFA}第二十九条：乡镇人大代表根据主席团的安排，对本级人民政府和有关单位的工作进行"
    "视察；第三十条：代表根据安排开展专题调研"
)
NOT_HANDLE = (
    f"{DAIBIAOFA}第三十一条第二款：代表参加视察、专题调研时，可以向有关机关、组织提出建议、"
    "批评和意见，但不直接处理问题"
)
FORWARDED = (
    f"{DAIBIAOFA}第三十一条第一款：视察、调研形成的报告由常委会办事机构、工作机构或者乡镇人大"
    "主席团转交有关机关、组织，它们应当及时向代表反馈研究处理情况"
)
PRACTICE = "问题要带到现场去问、去看，这是各地改进代表视察的通行要求"

INSPECTION_RULES: list[dict] = [
    {
        "code": "plan-missing-part",
        "kind": "missing",
        "criterion": "complete",
        "name": "方案要素齐全",
        "message": "「{part}」还没有写，或者写得太少。",
        "fix": (
            "方案写清四件事：为什么去（目的）；去哪几处、按什么顺序、哪天几点（对象、路线和"
            "时间）；到了现场要问清、看清哪些事（问题清单，一行一个）；谁参加、各自负责什么。"
        ),
        "basis": f"{AS_ARRANGED}。事先定好时间、地点、路线和重点，是组织视察的通行做法。",
        "words": [],
        "parts": [],
        "genres": [PLAN],
        "levels": [],
        "severity": "error",
        "weight": 25,
        "params": {
            "min_length": {"purpose": 10, "route": 8, "focus_questions": 10, "participants": 2}
        },
    },
    {
        "code": "question-vague",
        "kind": "words",
        "criterion": "concrete",
        "name": "问题不要笼统",
        "message": "「{part}」里这个问题问得太笼统，到了现场只能得到一句“情况很好”。",
        "fix": (
            "把“情况如何”换成一件能看、能数、能查的事：例如“村卫生室每周开门几天？"
            "去年配了几种常用药？看一看药品登记本”。"
        ),
        "basis": (
            f"{PRACTICE}；只听汇报、只问笼统的情况，视察容易走过场。"
            f"{DAIBIAOFA}第二十四条也要求代表的建议、批评和意见明确具体。"
        ),
        "words": word_list("情况如何 怎么样 好不好 行不行 效果如何 进展如何 落实情况 开展情况"),
        "parts": ["focus_questions"],
        "genres": [PLAN],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"patterns": [r"(?:情况|效果|进展|成效|工作)(?:怎样|怎么样|如何)"]},
    },
    {
        "code": "question-no-place",
        "kind": "lines",
        "criterion": "concrete",
        "name": "问题落到一处地方或一样东西",
        "message": "「{part}」里这个问题没有说在哪里看、看什么东西，到了现场没法对着问。",
        "fix": (
            "写明地点或对象：哪个村、哪条路、哪所学校、哪台设备、哪本台账，"
            "例如“河东村的饮水工程：蓄水池多久清洗一次？”"
        ),
        "basis": f"{AS_ARRANGED}。{PRACTICE}：视察的是具体单位和具体工作。",
        "words": [],
        "parts": ["focus_questions"],
        "genres": [PLAN],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"need": [PLACE]},
    },
    {
        "code": "question-nothing-to-measure",
        "kind": "lines",
        "criterion": "concrete",
        "name": "问题有能数、能查的东西",
        "message": (
            "「{part}」里这个问题没有问到能数、能看、能查的东西（多少、几次、什么时候、哪本记录）。"
        ),
        "fix": (
            "问一个能在现场核实的事实：多少户、几台、多久一次、什么时候完工，"
            "或者要看哪份记录、合同、公示。"
        ),
        "basis": f"{PRACTICE}；视察报告要用事实和数字说话，问题清单先把要核实的事实列出来。",
        "words": [],
        "parts": ["focus_questions"],
        "genres": [PLAN],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {"need": [MEASURE]},
    },
    {
        "code": "question-yes-no",
        "kind": "lines",
        "criterion": "concrete",
        "name": "不只问“是不是”",
        "message": "「{part}」里这个问题只能答“是”或“不是”，问不出实情。",
        "fix": (
            "把“是否按时发放”改成“上一次是哪天发的？发给了几户？”，让对方讲出事实，再去看记录核对。"
        ),
        "basis": f"{PRACTICE}；被视察单位应当如实介绍情况，问得具体，才答得具体。",
        "words": [],
        "parts": ["focus_questions"],
        "genres": [PLAN],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {"flag": CLOSED, "unless": OPEN},
    },
    {
        "code": "report-missing-part",
        "kind": "missing",
        "criterion": "complete",
        "name": "报告三部分齐全",
        "message": "「{part}」还没有写，或者写得太少。",
        "fix": (
            "视察报告写三部分：基本情况（什么时候、谁、去了哪几处、用了什么办法）；"
            "发现的问题（每个问题带上看到的事实）；意见建议（每个问题配一条能办的建议）。"
        ),
        "basis": f"{FORWARDED}；报告要让接收的机关看得懂、办得了。",
        "words": [],
        "parts": [],
        "genres": [REPORT],
        "levels": [],
        "severity": "error",
        "weight": 25,
        "params": {"min_length": {"overview": 20, "issues": 15, "recommendations": 15}},
    },
    {
        "code": "report-no-evidence",
        "kind": "evidence",
        "criterion": "complete",
        "name": "问题有现场的事实",
        "message": "「{part}」只说了有问题，没有写现场看到的事实：没有数字、时间、地点或事例。",
        "fix": (
            "每个问题后面写上现场记下的事实：在哪里、看到了什么、有多少、从什么时候起，"
            "群众怎么说的（例如“东风路段有4盏路灯不亮，村民说已经坏了两个月”）。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条要求建议、批评和意见明确具体，注重反映实际情况和问题。"
            "调研报告多写问题、用事实说话，是人大调研的通行要求。"
        ),
        "words": word_list("不足 不够 不到位 不完善 不健全 有待 滞后 薄弱 较差 严重"),
        "parts": ["issues"],
        "genres": [REPORT],
        "levels": [],
        "severity": "error",
        "weight": 30,
        "params": {},
    },
    {
        "code": "report-vague-suggestion",
        "kind": "concrete",
        "criterion": "concrete",
        "name": "建议能办",
        "message": "「{part}」只有“加强”“重视”一类的号召，没有说清做什么、做多少、什么时候做完。",
        "fix": (
            "一个问题配一条建议：具体做哪件事（维修、安装、补助），做多少（几盏、多少万元），"
            "什么时候完成（如汛期前）。"
        ),
        "basis": f"{DAIBIAOFA}第二十四条：建议、批评和意见应当明确具体。{FORWARDED}。",
        "words": EXHORTING_WORDS,
        "parts": ["recommendations"],
        "genres": [REPORT],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"actions": ACTIONS, "quantity": QUANTITY, "time": TIME_LIMIT},
    },
    {
        "code": "report-no-addressee",
        "kind": "addressee",
        "criterion": "concrete",
        "name": "建议写明由谁办",
        "message": "「{part}」没有说由哪个单位来办，或者只说了“有关部门”。",
        "fix": "写出要办的单位，如“镇人民政府”“镇农业农村办”“县水利局”。",
        "basis": f"{FORWARDED}：写明由谁办，报告转交后才能落到具体单位。",
        "words": [*VAGUE_UNITS, *word_list("上级 上级部门 职能部门 各部门")],
        "parts": ["recommendations"],
        "genres": [REPORT],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"patterns": [BODY]},
    },
    {
        "code": "handled-on-site",
        "kind": "words",
        "criterion": "scope",
        "name": "提出意见，不直接处理",
        "message": "「{part}」写的是代表在现场拍板、下令或处理问题，这不是代表视察时能做的事。",
        "fix": (
            "写成向有关机关提出的意见：例如把“代表当场责令施工方返工”改成“建议镇规划建设办"
            "督促施工方在6月底前返工，并把结果答复代表”。"
        ),
        "basis": f"{NOT_HANDLE}。{FORWARDED}。",
        "words": word_list(
            "当场解决 当即解决 现场解决 当场处理 当即处理 当场拍板 现场拍板 当场答应 当场承诺",
            "责令 勒令 责成 下令",
        ),
        "parts": [],
        "genres": [PLAN, REPORT],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {},
    },
]

"""The checker's rules for remarks on a government report (审议意见) and deliberation speeches
(审议发言): genre "deliberation", seeded after the proposal rules (`rule_defaults`), in the same
shape. They read the four parts `checker.speech` sorts a text into (assessment, problems,
questions, suggestions); the rules on citing the report need its text (`check(report=...)`),
and the rule on a speech that is too short needs to be told that the text is a speech.

Article numbers cite the 代表法 as amended on 2025-03-11 (checked against the official text by
tests/proposals/test_checker.py), and 第二十三条 of the 地方组织法 (questions while a congress
deliberates), whose text is not among those files. What a reviewer of a speech looks for
(targeted, truthful, actionable; praise kept to a sentence; one problem, one suggestion) is
practice, cited without an article number.
"""

from .rule_words import (
    ACTIONS,
    BODY,
    CHARACTER_ATTACK,
    DAIBIAOFA,
    EXHORTING_WORDS,
    FORMULA_FILLER,
    FORMULA_WORDS,
    GENERAL_WORDS,
    INSULTS,
    INSULTS_HARMLESS,
    QUANTITY,
    TIME_LIMIT,
    VAGUE_UNITS,
    word_list,
)

DELIBERATE = (
    f"{DAIBIAOFA}第七条、第八条：出席会议、认真审议各项议案、报告，发表意见，是代表的权利，"
    "也是代表的义务"
)
PRACTICE = "审议发言要有针对性、真实、可操作，这是各地人大培训代表审议的通行要求"

DELIBERATION_RULES: list[dict] = [
    {
        "code": "formula-only",
        "kind": "formula",
        "criterion": "complete",
        "name": "不只说套话",
        "message": (
            "这段审议意见只有表态和套话（如“完全同意报告”“报告实事求是，没有意见”），"
            "没有说出对报告的具体看法。"
        ),
        "fix": (
            "至少讲一件具体的事：报告里哪项工作做得好、好在哪里；哪个数字或哪项工作还有问题，"
            "依据是什么；或者向哪个部门问清一件事，提一条能办的建议。"
        ),
        "basis": (
            f"{DELIBERATE}；第二十四条要求建议、批评和意见明确具体，注重反映实际情况和问题。"
            f"{PRACTICE}，表态性发言、人云亦云对审议报告没有帮助。"
        ),
        "words": FORMULA_WORDS,
        "parts": [],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "error",
        "weight": 60,
        "params": {"filler": FORMULA_FILLER, "max_rest": 2},
    },
    {
        "code": "praise-heavy",
        "kind": "share",
        "criterion": "focus",
        "name": "肯定一两句就够",
        "message": "「{part}」占了发言的一大半，留给问题和建议的话太少。",
        "fix": (
            "肯定成绩用一两句话，点出最实在的一项（如“报告说的村道硬化按期完成了”）；"
            "把时间留给报告里的问题、询问和建议。"
        ),
        "basis": (
            f"{PRACTICE}：好话说得多、不足谈得少，审议就流于形式。"
            f"{DAIBIAOFA}第二十四条：代表可以提出批评和意见，应当明确具体。"
        ),
        "words": [],
        "parts": ["assessment"],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"max_share": 50, "min_length": 200},
    },
    {
        "code": "problem-untied",
        "kind": "tied",
        "criterion": "focus",
        "name": "问题扣住报告",
        "message": (
            "「{part}」里的这句话和所审议的报告对不上：没有用到报告里的数字、项目、地名或说法。"
        ),
        "fix": (
            "说明这个问题和报告哪一部分有关：引用报告里的数字或原话（如“报告说全年硬化村道"
            "18公里”），再讲你看到或选民反映的情况。与报告无关的事，可以会后另提建议。"
        ),
        "basis": (
            f"{DELIBERATE}：审议的是这份报告。{PRACTICE}，发言要围绕所审议的报告，"
            "不讲与报告无关的本村、本单位的事。"
        ),
        "words": GENERAL_WORDS,
        "parts": ["problems"],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 20,
        "params": {},
    },
    {
        "code": "no-report-figure",
        "kind": "figures",
        "criterion": "complete",
        "name": "引用报告的数字",
        "message": "报告里有数字和事实，这段审议意见一个也没有引用。",
        "fix": (
            "先从报告里找两三个与你要说的事有关的数字（完成了多少、花了多少钱、比去年多了"
            "还是少了），发言时点出来，再说你的看法。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条要求建议、批评和意见明确具体，注重反映实际情况和问题。"
            f"{PRACTICE}：会前读报告，标出要引用的数字。"
        ),
        "words": [],
        "parts": [],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {},
    },
    {
        "code": "vague-suggestion",
        "kind": "concrete",
        "criterion": "concrete",
        "name": "建议能办",
        "message": ("「{part}」只有“加强”“重视”一类的号召，没有说清做什么、做多少、什么时候做完。"),
        "fix": (
            "一个问题配一条能办的建议：具体做哪件事（如硬化、安装、补助），做多少"
            "（几公里、多少万元），什么时候完成（如今年9月底前），由哪个单位负责。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条：建议、批评和意见应当明确具体。审议意见会转交政府研究"
            f"处理，{PRACTICE}，建议要让承办单位能办、能答复。"
        ),
        "words": EXHORTING_WORDS,
        "parts": ["suggestions"],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"actions": ACTIONS, "quantity": QUANTITY, "time": TIME_LIMIT},
    },
    {
        "code": "suggestion-no-addressee",
        "kind": "addressee",
        "criterion": "concrete",
        "name": "建议写明由谁办",
        "message": "「{part}」没有说由哪个单位来办，或者只说了“有关部门”。",
        "fix": (
            "写出要办这件事的单位，如“镇人民政府”“镇财政所”“县交通运输局”；"
            "拿不准时，问问代表联络站的工作人员。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条：建议、批评和意见应当明确具体。写明由谁办，"
            "审议意见转交后才能落到具体单位，这是通行的要求。"
        ),
        "words": [*VAGUE_UNITS, *word_list("有关方面 上级 上级部门 职能部门 各部门 政府部门")],
        "parts": ["suggestions"],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"patterns": [BODY]},
    },
    {
        "code": "question-no-addressee",
        "kind": "addressee",
        "criterion": "concrete",
        "name": "询问要有对象",
        "message": "「{part}」没有说问的是哪个部门，会上没有人知道该由谁来回答。",
        "fix": (
            "点明问谁，如“请问镇财政所：……”“想问县交通运输局：……”，"
            "问题问得具体（哪笔钱、哪项工程、什么时候）。"
        ),
        "basis": (
            f"{DAIBIAOFA}第十九条：代表在审议议案和报告时，可以向本级有关国家机关提出询问，"
            "有关国家机关应当派负责人或者负责人员回答询问。"
            "《地方各级人民代表大会和地方各级人民政府组织法》第二十三条也规定，"
            "审议议案时代表可以向有关地方国家机关提出询问，由有关机关派人说明。"
        ),
        "words": [*VAGUE_UNITS, *word_list("有关方面 上级 上级部门 职能部门 各部门 政府部门")],
        "parts": ["questions"],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 20,
        "params": {"patterns": [BODY]},
    },
    {
        "code": "personal-attack",
        "kind": "words",
        "criterion": "scope",
        "name": "对事不对人",
        "message": "「{part}」有辱骂或针对个人的攻击，而不是对工作的批评。",
        "fix": (
            "批评工作，不评人品：说清哪项工作没做好、有什么事实（如“财政所的补助拖了"
            "三个月才发”），提出怎么改。删去骂人的话和对个人品行的断语。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条：代表有权提出批评和意见，应当明确具体；"
            "第八条要求代表自觉遵守社会公德、公道正派。审议是对工作的监督，对事不对人。"
        ),
        "words": INSULTS,
        "parts": [],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"patterns": [CHARACTER_ATTACK], "except": INSULTS_HARMLESS},
    },
    {
        "code": "speech-too-long",
        "kind": "length",
        "criterion": "form",
        "name": "发言不要太长",
        "message": (
            "按每分钟念250字左右算，这篇要念{minutes}分钟，远远超过分组审议发言通常的3到5分钟。"
        ),
        "fix": (
            "只讲最要紧的两三个问题，每个问题配一条建议；背景和成绩压缩成一两句，"
            "别的内容可以会后书面提交。"
        ),
        "basis": ("分组审议时发言的人多、时间有限，一次发言一般在3到5分钟，这是各地的通行做法。"),
        "words": [],
        "parts": [],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {"chars_per_minute": 250, "max_minutes": 8},
    },
    {
        "code": "speech-too-short",
        "kind": "length",
        "criterion": "form",
        "name": "发言不要太短",
        "message": (
            "按每分钟念250字左右算，这篇发言只要念{minutes}分钟，讲不清一个问题和一条建议。"
        ),
        "fix": (
            "一篇审议发言通常讲3到5分钟：一两句总体评价，再讲一两个问题（引用报告的数字，"
            "说说看到的情况），每个问题配一条建议。"
        ),
        "basis": (
            f"{DAIBIAOFA}第八条：认真审议各项议案、报告，发表意见。"
            "分组审议发言一般在3到5分钟，这是各地的通行做法。"
        ),
        "words": [],
        "parts": [],
        "genres": ["deliberation"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {"chars_per_minute": 250, "min_minutes": 1},
    },
]

"""The checker's rules as shipped: the seed of the CheckRule table, and what the checker uses
when no rule has been saved yet. Each entry has exactly the fields of `checker.Rule` (lists where
the rule has tuples); `Rule.from_dict` reads it.

The text is content in Chinese, like a lesson, not a translatable interface string. Article
numbers cite the 代表法 as amended on 2025-03-11, and tests/proposals/test_checker.py checks each
against the official text in ../shared/laws. One other article is cited: 第二十二条 of the
地方组织法 as amended in 2022 (co-signers needed for a motion), whose text is not among those
files. Documents whose text is not at hand at all (处理办法, local practice) are cited without
an article number.

The proposal rules stay one list in one file: its order is the order the rules are seeded,
checked and shown in, and an editor reads it as the admin shows it, rule after rule. Every one
names its genres (建议 and 议案): a rule with none applies to every genre, remarks on a report
included. The rules of the other genres follow them, each genre's in its own module: remarks
and speeches on a report (genre "deliberation") from `rule_deliberation.py`, an inspection's
plan and report from `rule_inspection.py`. So the file is long (over 450 lines) by design: it
holds the proposal rules only, and splitting that one ordered list would scatter what an editor
reads in one place. The vocabulary (word lists and patterns) is in `rule_words.py`.
"""

from .rule_deliberation import DELIBERATION_RULES
from .rule_inspection import INSPECTION_RULES
from .rule_words import (
    ACTIONS,
    BEYOND_COUNTY,
    BEYOND_TOWNSHIP,
    CASE_NUMBER,
    CASE_PARTIES,
    DAIBIAOFA,
    EXHORTING_WORDS,
    NAMED_PERSON,
    NEIGHBOURS,
    ONE_FIRM,
    PERSONAL_KIN,
    QUANTITY,
    SET_PENALTY,
    TIME_LIMIT,
    TOPICS,
    VAGUE_UNITS,
    word_list,
)

PROPOSAL_RULES: list[dict] = [
    {
        "code": "missing-part",
        "kind": "missing",
        "criterion": "complete",
        "name": "要素齐全",
        "message": "「{part}」一栏还空着，或者只写了几个字，看不出要讲什么。",
        "fix": (
            "把这一栏写完整。建议一般写清四件事：存在什么问题，问题的原因和依据，具体怎么办，"
            "请哪个单位办。议案写清案由（为什么提）、案据（事实和法律、政策依据）、"
            "方案（具体怎么办），并列出联名的代表。"
        ),
        "basis": (
            f"{DAIBIAOFA}第十五条要求议案具备案由、案据和方案；第二十四条、第三十六条要求"
            "建议、批评和意见明确具体，注重反映实际情况和问题。建议按问题、原因、办法、"
            "承办单位分段来写，是各地通行的写法。"
        ),
        "words": [],
        # Not the causes (the evidence rule reads them with the problem) nor the handler (an
        # empty box is advice: the vague-handler rule).
        "parts": ["title", "problem", "measures", "reason", "basis", "plan", "cosigners"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 25,
        "params": {
            "min_length": {
                "title": 6,
                "problem": 15,
                "measures": 10,
                "reason": 10,
                "basis": 15,
                "plan": 10,
                "cosigners": 2,
            }
        },
    },
    {
        "code": "one-matter",
        "kind": "topics",
        "criterion": "focus",
        "name": "一事一议",
        "message": "「{part}」里同时讲了几件不相干的事。",
        "fix": (
            "一件建议或议案只讲一件事。把不同的事分开，各写一件，每件有自己的问题、理由和"
            "办法；标题也只写这一件事。"
        ),
        "basis": (
            "一事一议（议案叫一事一案）是各级人大办理代表议案、建议的通行要求：一件只讲一件事，"
            f"才能交给一个主办单位研究办理、按时答复。{DAIBIAOFA}第五十一条规定代表建议"
            "交有关机关、组织研究办理。"
        ),
        "words": TOPICS,
        "parts": ["title", "measures", "plan"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"body_min_hits": 2, "body_min_topics": 3},
    },
    {
        "code": "no-concrete-measure",
        "kind": "concrete",
        "criterion": "concrete",
        "name": "具体可行",
        "message": (
            "「{part}」只有“加强”“重视”一类的号召，没有说清由谁做、做什么、做多少、什么时候做完。"
        ),
        "fix": (
            "把办法写实：具体做哪件事（如硬化、安装、增设、补助），做多少（几公里、几盏、"
            "多少万元），什么时候完成（如某年某月底前），由哪个单位负责。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条要求建议、批评和意见明确具体；承办单位看到"
            "具体办法，才能研究能不能办、怎么办。"
        ),
        "words": EXHORTING_WORDS,
        "parts": ["measures", "plan"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"actions": ACTIONS, "quantity": QUANTITY, "time": TIME_LIMIT},
    },
    {
        "code": "vague-handler",
        "kind": "handler",
        "criterion": "concrete",
        "name": "写明承办单位",
        "message": (
            "「{part}」没有写出具体单位：空着，或者只写了“有关部门”这类泛称，"
            "看不出该由哪个单位来办。"
        ),
        "fix": (
            "写出单位的全称，如“镇人民政府农业农村办公室”“县交通运输局”。拿不准时，"
            "先问问乡镇人大主席团或代表联络站的工作人员。"
        ),
        "basis": (
            f"{DAIBIAOFA}第五十一条规定代表建议由县级人大常委会的办事机构、工作机构"
            "或乡镇人大主席团交有关机关、组织办理；写准承办单位，交办更快，答复也更对路，"
            "这是通行的要求。"
        ),
        "words": [
            *VAGUE_UNITS,
            *word_list("职能部门 各部门 各单位 上级部门 上级 有关领导 相关领导 领导 政府部门"),
        ],
        "parts": ["handler"],
        "genres": ["suggestion"],
        "levels": [],
        "severity": "warning",
        "weight": 20,
        "params": {},
    },
    {
        "code": "request-letter",
        "kind": "words",
        "criterion": "form",
        "name": "不写成书信",
        "message": "「{part}」写成了给领导的书信（如“尊敬的……领导”“恳请领导”“此致敬礼”）。",
        "fix": (
            "删去称呼、问候和客套话，直接写问题、原因和办法。建议和议案是代表依法向人大提出的，"
            "不是递给领导的信：写成信，就会被当作来信转办，而不是作为代表建议交办。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条：建议、批评和意见是代表向本级人大、"
            "人大常委会或乡镇人大主席团提出的，由它们交有关机关、组织办理（第五十一条）；"
            "书信、请示是另外的文种，按建议、议案的固定格式书写是通行做法。"
        ),
        "words": word_list(
            "此致 敬礼 请领导 望领导 恳请领导 恳求领导 各位领导 领导您好 领导好 万分感谢",
            "感激不尽 不胜感激 叩谢 跪求 求求",
        ),
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 30,
        # A salutation opening a line: 尊敬的县长： / 尊敬的各位领导，
        "params": {"patterns": [r"(?m)^\s*尊敬的[^，。,：:\n]{1,20}[：:，,]"]},
    },
    {
        "code": "request-wording",
        "kind": "words",
        "criterion": "form",
        "name": "不用请示的写法",
        "message": "「{part}」用了请示、报告的说法（如“恳请”“妥否”“盼复”）。",
        "fix": (
            "直接写问题、原因和办法，不用请示、报告的套话。建议和议案是代表依法提出的，"
            "不需要“恳请”“妥否，请批示”。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条：建议、批评和意见是代表向本级人大、"
            "人大常委会或乡镇人大主席团提出的；请示、报告是机关向上级行文的文种，两者不同。"
        ),
        "words": word_list(
            "您好 特此 恳请 恳求 请示 请批示 望批准 请予批准 请求批准 请求上级 妥否",
            "盼复 为盼 专此 报告如下",
        ),
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        # A one-line part named like a report or an application: 关于修路的报告.
        "params": {"patterns": [r"^.{2,60}的(?:报告|申请|请示|函)$"]},
    },
    {
        "code": "title-form",
        "kind": "pattern",
        "criterion": "form",
        "name": "标题格式",
        "message": "「{part}」不合常用格式：建议写成“关于……的建议”，议案写成“关于……的议案”。",
        "fix": (
            "把标题改成“关于＋要办的事＋的建议（议案）”，例如“关于在杨家村村口增设路灯的建议”。"
            "标题要让人一眼看出讲的是哪件事。"
        ),
        "basis": (
            "通行做法：代表建议、议案以“关于……的建议”“关于……的议案”为题，便于登记、分类和交办。"
        ),
        "words": [],
        "parts": ["title"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "warning",
        "weight": 15,
        "params": {"patterns": {"suggestion": r"^关于.+的建议$", "motion": r"^关于.+的议案$"}},
    },
    {
        "code": "too-few-cosigners",
        "kind": "cosigners",
        "criterion": "form",
        "name": "联名人数",
        "message": (
            "「{part}」里的代表人数不够：连同领衔代表在内，乡镇人大代表五人以上、"
            "县级人大代表十人以上联名，才能提出议案。"
        ),
        "fix": (
            "第一行写领衔代表，下面写联名的代表，一行写一人；领衔代表也算在人数里。"
            "人数不够时，请赞成这件议案的本级代表一起联名；"
            "或者改写成一件建议：建议由代表一人就能提出。"
        ),
        "basis": (
            "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》（2022年修正）"
            "第二十二条：县级以上地方各级人大代表十人以上联名、乡镇人大代表五人以上联名，"
            f"可以向本级人大提出议案；{DAIBIAOFA}第七条把依法联名提出议案列为代表的权利。"
        ),
        "words": [],
        "parts": ["cosigners"],
        "genres": ["motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"township": 5, "county": 10},
    },
    {
        "code": "duplicate-cosigners",
        "kind": "duplicates",
        "criterion": "form",
        "name": "联名不重复",
        "message": "「{part}」里同一位代表出现了不止一次。",
        "fix": (
            "每位代表只写一次：领衔代表写在第一行，联名代表里不要再写一遍。"
            "删去重复的名字，再数一数连同领衔代表在内的人数够不够。"
        ),
        "basis": "通行做法：联名提出议案，每位代表只签一次，重复的名字不算人数。",
        "words": [],
        "parts": ["cosigners"],
        "genres": ["motion"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {},
    },
    {
        "code": "cosigner-not-deputy",
        "kind": "roster",
        "criterion": "form",
        "name": "联名的是本级代表",
        "message": "「{part}」里的这个名字不在本级人民代表大会的代表名单上。",
        "fix": (
            "联名提出议案的，都要是这次议案提交的那一级人大的代表：向乡镇人代会提的，"
            "请本乡镇的人大代表联名；向县人代会提的，请县人大代表联名。名字按代表名单写全、写准；"
            "如果确是本级代表，只是写法不同（错字、简称），改成名单上的写法。"
        ),
        "basis": (
            "《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》（2022年修正）"
            "第二十二条：县级以上地方各级人大代表十人以上联名、乡镇人大代表五人以上联名，"
            "可以向本级人大提出议案，联名的是本级人民代表大会的代表；"
            f"{DAIBIAOFA}第十五条：代表有权依照法律规定的程序向本级人民代表大会提出议案。"
        ),
        "words": [],
        "parts": ["cosigners"],
        "genres": ["motion"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {},
    },
    {
        "code": "proposal-term",
        "kind": "words",
        "criterion": "wording",
        "name": "用语准确",
        "message": "「{part}」用了“提案”。人大代表提出的叫“议案”或“建议”，“提案”是政协委员的说法。",
        "fix": "按写的文种改成“议案”或“建议”。",
        "basis": (
            f"{DAIBIAOFA}第十五条讲代表提出议案，第二十四条讲代表提出建议、批评和意见；"
            "“提案”是人民政协的用语，两者不要混用。"
        ),
        "words": ["提案"],
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {"except": ["提案人"]},
    },
    {
        "code": "personal-matter",
        "kind": "words",
        "criterion": "scope",
        "name": "不为个人私事",
        "message": "「{part}」讲的像是个人、家庭或本单位自己的事。",
        "fix": (
            "代表建议反映的是一片群众共同遇到的问题。只涉及自家或本单位的事，请通过信访、"
            "调解、法律援助或向主管部门反映来解决；如果很多人都有同样的难处，就写大家的情况，"
            "不写自家的。"
        ),
        "basis": (
            f"{DAIBIAOFA}第五条要求代表忠实代表人民的利益和意志；第二十四条、第三十六条说的是"
            "对各方面工作的建议；第五十九条不许代表借履职谋取个人利益。"
        ),
        "words": word_list(
            "我家 我们家 本人的 本人家 我的亲属 我的工资 我的房子 我的宅基地 我的承包地",
            "我单位 本单位 我们单位 我公司 本公司 我厂 本厂",
        ),
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"patterns": [PERSONAL_KIN, NAMED_PERSON, NEIGHBOURS, ONE_FIRM]},
    },
    {
        "code": "court-case",
        "kind": "words",
        "criterion": "scope",
        "name": "不干预具体案件",
        "message": "「{part}」涉及一件具体的诉讼或执行案件。",
        "fix": (
            "具体案件由当事人依法上诉、申请再审或申请执行，可以找法律援助机构帮忙。代表可以就"
            "法院、检察院某方面的工作提建议（如执行难、诉讼服务不方便），但不能要求改变某个"
            "案件的结果。"
        ),
        "basis": f"{DAIBIAOFA}第五十九条：代表不得借执行代表职务干预具体的执法、司法案件。",
        # What makes it one particular case, not the courts' work in general: 申诉, 诉讼 and
        # 执行 alone are words of that work (执行难, 诉讼服务), and are not listed.
        "words": word_list(
            "本案 该案 此案 这起案件 这个案子 这件案子 我的案子 我家的案子 他的案子 案号",
            "原告 被告 被执行人 申请执行人 改判 撤销原判 发回重审 重新审理 重新判决",
            "纠正错案 翻案 撤销判决 撤销裁定 判决不公 判错了",
        ),
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"patterns": [CASE_NUMBER, CASE_PARTIES]},
    },
    {
        "code": "beyond-powers",
        "kind": "powers",
        "criterion": "scope",
        "name": "议案属于本级人大职权",
        "message": ("「{part}」要大会决定的事不归本级人民代表大会决定，不能作为本级人大的议案。"),
        "fix": (
            "议案只能提本级人大有权决定的事，乡镇人大如本乡镇的民生实事项目、建设计划、"
            "预算；归国家或上级管的事（如高速公路、铁路、中考政策、税收），可以写成建议，"
            "或者通过县级人大代表、代表联络站向上级人大反映。"
        ),
        "basis": (
            f"{DAIBIAOFA}第十五条：代表提出的议案要属于本级人民代表大会职权范围；"
            "第二十四条：代表可以提出对各方面工作的建议，所以这一条只管议案，不管建议。"
            "县级和乡镇人大的职权由《地方各级人民代表大会和地方各级人民政府组织法》规定。"
        ),
        "words": [],
        "parts": ["title", "plan"],
        "genres": ["motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"township": BEYOND_TOWNSHIP, "county": BEYOND_COUNTY},
    },
    {
        "code": "set-penalty",
        "kind": "words",
        "criterion": "scope",
        "name": "不另定罚款记分",
        "message": "「{part}」要求承办单位自定罚款或记分的数额。",
        "fix": (
            "罚款多少、记几分，由法律、法规和规章规定，承办单位只能依法执行，不能按建议另定。"
            "可以改成建议依法执法，如“在消防通道安装抓拍设备，对占道停车依法处罚”。"
        ),
        "basis": (
            "《中华人民共和国行政处罚法》：行政处罚由法律、法规、规章设定，其他文件不得设定；"
            "执法机关只能在设定的种类和幅度内处罚。"
        ),
        "words": [],
        "parts": ["measures", "plan"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"patterns": [SET_PENALTY]},
    },
    {
        "code": "generic-title",
        "kind": "words",
        "criterion": "focus",
        "name": "标题只写一件事",
        "message": "「{part}」说的是“几个问题”“几点建议”，一件建议或议案只能讲一件事。",
        "fix": (
            "挑出最要紧的一件事，标题写明这件事，如“关于修复杨家村渡口码头的建议”；"
            "其他的事各写一件。"
        ),
        "basis": (
            "一事一议（议案叫一事一案）是各级人大办理代表议案、建议的通行要求：一件只讲一件事，"
            f"才能交给一个主办单位研究办理、按时答复。{DAIBIAOFA}第五十一条规定代表建议"
            "交有关机关、组织研究办理。"
        ),
        "words": word_list(
            "几个问题 若干问题 几点建议 几点意见 多个问题 一些问题 诸多问题 系列问题"
        ),
        "parts": ["title"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"patterns": [r"等(?:几个|若干|多个|方面|相关)?问题的(?:建议|议案)"]},
    },
    {
        "code": "no-evidence",
        "kind": "evidence",
        "criterion": "complete",
        "name": "有事实依据",
        "message": (
            "「{part}」只说了问题，没有拿出事实：没有数字、时间、涉及多少人，也没有说看到了什么事。"
        ),
        "fix": (
            "补上让人信服的事实：涉及几个村、多少户、多少人；什么时候开始、发生过几次；"
            "你看到或群众反映的具体事例（哪天、在哪里、出了什么事）。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条要求建议、批评和意见明确具体，"
            "注重反映实际情况和问题；第十五条要求议案有案据。"
        ),
        # Words of bare assertion, marked in the quote.
        "words": word_list(
            "不足 不够 不完善 不健全 薄弱 严重 较大 较差 滞后 落后 困难 突出 迫切 迫在眉睫",
            "脏乱差 紧缺 短缺 缺乏 欠缺 不便 不全 亟待 亟需 差距",
        ),
        "parts": ["problem", "causes", "reason", "basis"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {},
    },
    {
        "code": "kind-mismatch",
        "kind": "kind",
        "criterion": "scope",
        "name": "议案要人大决定",
        "message": (
            "「{part}」是请政府或部门去办一件事，不是请人民代表大会决定一件事："
            "这样的内容应当写成建议。"
        ),
        "fix": (
            "想请政府、部门去办的事，改写成建议，一个代表就能提出。确实要大会决定的，"
            "方案里写明请大会审议决定什么，如“提请镇人民代表大会审议决定，把某某工程列入"
            "本年度民生实事项目”。"
        ),
        "basis": (
            f"{DAIBIAOFA}第十五条：议案是向本级人民代表大会提出、属于其职权范围内的事项；"
            "第二十四条：对各方面工作的建议、批评和意见，以建议提出。县级和乡镇人大的职权"
            "（审查批准预算和计划、决定重大事项等）由《地方各级人民代表大会和地方各级人民政府"
            "组织法》规定。"
        ),
        "words": [],
        "parts": ["title", "reason", "basis", "plan"],
        "genres": ["motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {},
    },
    {
        "code": "advertising",
        "kind": "advert",
        "criterion": "scope",
        "name": "不做广告",
        "message": "「{part}」像是在推销商品或服务（优惠、价格、联系电话等）。",
        "fix": (
            "删去商品、价格和联系方式。代表建议讲的是公共的事，不能为哪家企业、哪种商品做宣传。"
        ),
        "basis": f"{DAIBIAOFA}第五十九条：代表不得利用执行代表职务变相从事商业活动牟取个人利益。",
        "words": [],
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {},
    },
    {
        "code": "not-prose",
        "kind": "prose",
        "criterion": "wording",
        "name": "用中文写成文",
        "message": "「{part}」不像是写成的中文：里面有网页代码、程序或一串乱码。",
        "fix": (
            "从网页或别的软件复制时，只复制文字。删去尖括号里的代码、程序和乱码，用完整的句子写。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条要求建议、批评和意见明确具体；"
            "承办单位要能读懂，才能办理。"
        ),
        "words": [],
        "parts": [],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "error",
        "weight": 40,
        "params": {"min_share": 50, "markup_min": 2},
    },
    {
        "code": "vague-wording",
        "kind": "words",
        "criterion": "wording",
        "name": "表述清楚",
        "message": "「{part}」有笼统、空泛的说法，读的人抓不住实情。",
        "fix": (
            "用实在的话代替空话：不写“有关部门”，写单位名称；不写“尽快”“适当”，写期限和数量；"
            "不写“群众反映强烈”，写多少户、多少人、反映过几次。"
        ),
        "basis": (
            f"{DAIBIAOFA}第二十四条、第三十六条要求建议、批评和意见明确具体，"
            "注重反映实际情况和问题。"
        ),
        "words": [
            *VAGUE_UNITS,
            *word_list(
                "尽快 尽早 适当 一定程度 等等 大力 切实 广大群众 反映强烈 强烈要求",
                "迫在眉睫 刻不容缓 众所周知",
            ),
        ],
        "parts": ["title", "problem", "causes", "measures", "reason", "basis", "plan"],
        "genres": ["suggestion", "motion"],
        "levels": [],
        "severity": "warning",
        "weight": 10,
        "params": {},
    },
]

DEFAULT_RULES: list[dict] = [*PROPOSAL_RULES, *DELIBERATION_RULES, *INSPECTION_RULES]

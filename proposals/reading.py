"""Reading a proposal's Chinese word by word: what the checker needs beyond word lists.

jieba cuts the text into words and tags each with its part of speech (v verb, n noun, m
numeral, q measure word…). On top of that this module finds

- concrete actions: a verb that does something to a thing (安装隔离桩, 对桥梁进行加宽改造,
  把木船换成钢质渡船), as against exhortations (加强管理, 引起重视, 尽快解决);
- evidence: figures with units, dates and times, and words of things seen happening (经常,
  多次, 一到晚上), which show a problem rather than assert it.

Text in Traditional characters is read as Simplified (OpenCC, character for character, so
every position found is a position in the text as written). jieba's tagger and dictionary load
on first use (about a second, and some 110 MB of the process's memory), then a page of text takes
a few milliseconds. Nothing of jieba is imported before that: a server's worker that never checks
a text never carries it.
"""

import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")


def _set(words: str) -> frozenset[str]:
    """A word list written as lines of words separated by spaces, to keep it short to read."""
    return frozenset(words.split())


@cache
def _tokenizer():
    """jieba's part-of-speech tagger: the one `jieba.posseg` makes on import, with jieba's
    default dictionary (a second would load its 350,000 tags again, 40 MB more)."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg.dt


@lru_cache(maxsize=4096)
def _char_t2s(char: str) -> str:
    converted = _T2S.convert(char)
    return converted if len(converted) == 1 else char


@lru_cache(maxsize=64)
def simplified(text: str) -> str:
    """The text in Simplified characters, of the same length: a position in one is the same
    position in the other."""
    converted = _T2S.convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_char_t2s(char) for char in text)


@dataclass(frozen=True)
class Word:
    text: str
    tag: str  # jieba's part of speech
    start: int  # position in the text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@lru_cache(maxsize=64)
def words(text: str) -> tuple[Word, ...]:
    """The text cut into words with their parts of speech (read as Simplified)."""
    found, at = [], 0
    # HMM off: new words are guessed char by char, steady and three times faster; the
    # dictionary knows the words that matter here.
    for pair in _tokenizer().cut(simplified(text), HMM=False):
        found.append(Word(pair.word, pair.flag, at))
        at += len(pair.word)
    return tuple(found)


def clauses(text: str) -> list[list[Word]]:
    """The words of each clause: a clause ends at a comma, full stop, colon, semicolon, a
    list's 、 or a line break."""
    result, current = [], []
    for word in words(text):
        if word.tag == "x" and re.fullmatch(r"[，,。；;：:！？!?、\s]+", word.text):
            if current:
                result.append(current)
            current = []
        else:
            current.append(word)
    if current:
        result.append(current)
    return result


# Verbs that ask for effort rather than name an act: 加强管理, 引起重视, 协调解决.
EXHORTING = _set(
    """加强 强化 重视 引起 关注 关心 关爱 推进 推动 落实 支持 协调 沟通 解决 提高 提升 改善
    完善 加大 做好 抓好 优化 健全 统筹 考虑 确保 保障 促进 发挥 规范 加快 努力 争取 研究
    扶持 帮助 帮扶 监管 管理 探索 鼓励 引导 倡导 深化 注重 予以 给予 采取 出台措施
    整合 杜绝 防止 避免 维护 保护 满足 适应 服务 治理 整治 彻底 切实 着力 力争 尽力
    认真 积极 主动 及时 尽快 尽早 全力 大力 高度 进一步 持续 不断 加以 给以 给与
    改变 改进 扭转 转变 加快解决 重视起来 关注一下"""
)
# Verbs that carry a sentence rather than an act: 使, 能够, 成为, 进行 (the act follows it).
CARRYING = _set(
    """是 有 没有 为 成为 变得 使 让 令 能 能够 可 可以 会 要 需要 应 应当 应该 必须 希望 建议
    提议 请求 恳请 请 要求 提出 呼吁 进行 开展 实行 实现 得到 受到 带来 造成 导致 影响 发生
    出现 存在 属于 认为 觉得 看到 了解 知道 反映 表示 说 讲 称 通过 经过 根据 按照 依照 按
    来 去 到 做 搞 弄 给 把 将 对 以 用 由 在 向 从 等 等于 靠 创造 形成 达到 获得 取得 具有
    具备 涉及 包括 确定 决定 体现 发展 建设 实施 完成 开始 继续 结合 依托 利用 借助 趁着"""
)
# Nouns too general to be what an act is done to: 力度, 工作, 问题.
ABSTRACT = _set(
    """力度 工作 问题 管理 监管 意识 水平 机制 作用 建设 发展 环境 服务 安全 质量 条件 效果
    氛围 保障 支持 政策 措施 投入 重视 协调 沟通 步伐 进度 力量 能力 秩序 局面 需求 利益
    生活 方面 领域 情况 力气 精神 理念 观念 体系 制度 举措 办法 思路 重点 难点 短板 效率
    效益 成效 幅度 程度 规模 范围 责任 职责 宣传 教育 引导 倾斜 关注 关心 帮助 扶持"""
)
# Acts that name themselves even when the dictionary tags them oddly (拓宽 as a name, 新建 as a
# place): the work a township or county office can be asked to do.
ACTS = _set(
    """修建 新建 改建 扩建 重建 修缮 修复 整修 翻修 翻新 维修 修补 修理 硬化 拓宽 加宽 加高
    加固 铺设 铺装 浇筑 砌筑 安装 加装 增设 设置 配备 配置 更换 换成 疏通 清淤 清理 清运 清除
    开通 延伸 增开 加密 设立 成立 组建 制定 修订 出台 划拨 拨付 下达 补助 补贴 招聘 聘请
    购置 采购 开设 开办 公布 公示 检测 监测 抽检 接入 迁移 搬迁 拆除 新增 纳入 改造 绿化
    亮化 美化 规划 编制 测算 核查 排查 整改 巡查 巡逻 培训 举办 划定 标注 施划 张贴 种植
    补种 恢复 拉齐 外移 封堵 填埋 回填 建立 建成 设计 发放 减免 免除 退还 延长 调整 增派
    派驻 安排 开放 接通 联通 覆盖 修通 打通 通车 建造 配齐 补齐 增加 增建 筹建 启用 启动
    开工 竣工 验收 审批 办理 登记 核发 备案 撤除 移除 腾退 收回 挖掘 开挖 钻探 打井 架设
    改线 改道 安置 救治 接送 运送 运营 营运 值守 值班 轮岗 走访 回访 答复 公开"""
)
# A verb welded to what follows into a noun: 安置点, 改造过程, 建设项目.
_WELDED = re.compile(r"点|处|区|站|过程|期间|时|中|后|前|项目|工程")

# Evidence: a figure with a unit, a date or time, a count of people or households; and words
# of things seen happening.
_FIGURE = re.compile(
    r"(?<![0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?\s*(?:[%％‰]|[^\s0-9０-９.．，,。；;、]{1,2})"
    r"|[一二两三四五六七八九十百千万]+(?:个|名|位|人|户|家|所|座|条|处|间|辆|台|次|回|起|年|月|天"
    r"|周|小时|里|米|公里|亩|吨|元|万元|成|倍|层|栋|幢|盏|口|块|组)"
)
_WHEN = re.compile(
    r"[0-9０-９]{2,4}\s*年|[0-9０-９一二三四五六七八九十]{1,3}\s*月(?:[0-9０-９一二三四五六七八九十]{1,3}"
    r"\s*日)?|去年|今年|前年|上月|本月|上周|最近|近期|近年|汛期|雨季|冬季|夏季|春节|开学|晚上|夜间"
    r"|清晨|早上|傍晚|高峰|每逢|每到|一到|每当"
)
_SEEN = re.compile(
    r"经常|常常|时常|多次|屡次|反复|一再|频繁|时有|曾经|曾有|发生过|出现过|先后|已有|已经有|几乎"
    r"|每天|每年|每月|每周|长期|至今|一直|仍然|已经"
)


def evidence(text: str) -> list[tuple[int, int]]:
    """Where the text shows its problem: the spans of figures, dates and times, and words of
    things seen happening."""
    plain = simplified(text)
    spans = [m.span() for p in (_FIGURE, _WHEN, _SEEN) for m in p.finditer(plain) if m.group()]
    return sorted(spans)


def concrete_acts(text: str) -> list[tuple[int, int]]:
    """The spans of verbs that do something to a thing: 安装(隔离桩), 开通(校车),
    (对桥梁进行)加宽. A verb counts when it is one of ACTS, or when the dictionary calls it a
    verb, it is neither exhorting nor carrying, and a concrete noun follows it in its clause or
    stands before it after 对/把/将. Not when 加强/加大 comes just before it (加大巡查力度) or
    an abstract noun is what it is done to."""
    found = []
    for clause in clauses(text):
        fronted = False  # 对/把/将 + a noun seen: the thing comes before the verb
        for index, word in enumerate(clause):
            if word.text in {"对", "把", "将"} and any(
                w.tag.startswith("n") and w.text not in ABSTRACT for w in clause[index + 1 :]
            ):
                fronted = True
            if not _is_act(clause, index):
                continue
            after = clause[index + 1 :]
            if after and after[0].text in ABSTRACT:
                continue
            if after and len(after[0].text) == 1 and after[0].tag in {"m", "q"}:
                continue  # 安置点: a verb welded into a noun
            if after and _WELDED.fullmatch(after[0].text) and word.text not in ACTS:
                continue
            thing = any(w.tag[:1] in {"n", "s"} and w.text not in ABSTRACT for w in after)
            if word.text in ACTS or thing or fronted:
                found.append((word.start, word.end))
    return found


def _is_act(clause: list[Word], index: int) -> bool:
    word = clause[index]
    before = clause[index - 1].text if index else ""
    if before in EXHORTING and before not in {"及时", "尽快", "尽早"}:
        return False  # 加大巡查力度, 加强清理
    if word.text in ACTS:
        return True
    return (
        word.tag == "v"
        and len(word.text) >= 2
        and word.text not in EXHORTING
        and word.text not in CARRYING
    )


def exhortations(text: str) -> list[tuple[int, int]]:
    """The spans of exhorting words (加强, 重视, 尽快, 解决…)."""
    return [(w.start, w.end) for w in words(text) if w.text in EXHORTING]

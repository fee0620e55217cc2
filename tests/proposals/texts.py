"""Suggestions as deputies type them, for the tests of pasting and splitting."""

# Written for these tests: a suggestion as a deputy would type it in WeChat, no headings.
WHOLE = (
    "关于修复杨家村村道的建议\n"
    "杨家村村口到镇上的村道长约3公里，路面多处断裂下沉，雨天积水，上月有老人骑车摔伤。\n"
    "由于村北石料厂每天有20多辆满载货车经过，超出村道的设计荷载，厂方答应维修后一直未动工。\n"
    "因此建议由镇政府组织检测，今年11月底前完成破损路段修复，并在村口设置限重标志。\n"
    "承办单位：镇人民政府交通管理办公室"
)
# One the checker sends back: the measures only exhort, and no unit is named.
WHOLE_VAGUE = (
    "关于村道的建议\r\n"
    "杨家村的村道被大货车压坏了，坑坑洼洼，很多人有意见。\r\n"
    "因为货车太多太重。\r\n"
    "建议：希望有关部门高度重视，尽快解决。"
)

"""Numbers as Chinese writes them in laws and in the names of congresses' terms; no app."""

from django.utils.translation import get_language


def chinese_numeral(number: int) -> str:
    """12 → 十二, 105 → 一百零五, 1010 → 一千零一十: the inverse of chinese_number, as laws
    write numbers. Past 9999, which no law reaches, in digits."""
    names = "零一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 20:
        return "十" + (names[number % 10] if number % 10 else "")
    if number < 100:
        return names[number // 10] + "十" + (names[number % 10] if number % 10 else "")
    if number >= 10000:
        return str(number)
    unit, size = ("百", 100) if number < 1000 else ("千", 1000)
    lead, rest = divmod(number, size)
    if rest == 0:
        return names[lead] + unit
    tail = chinese_numeral(rest)
    if rest < 20 and rest >= 10:
        tail = "一" + tail  # 一百一十, not 一百十
    return names[lead] + unit + ("零" if rest < size // 10 else "") + tail


def law_number(number: int) -> str:
    """An article's or chapter's number as running text in the reader's language writes it:
    五十 in Chinese (第五十条, as the law itself does), 50 in English (article 50)."""
    if (get_language() or "").startswith("zh"):
        return chinese_numeral(int(number))
    return str(number)

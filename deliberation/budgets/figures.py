"""Figures as a budget table prints them, and the arithmetic of reading one: shares and changes
in percent rounded half up to one decimal, as reports print them. Decimal throughout."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
# What a table prints for zero or for nothing.
ZERO_MARKS = {"", "-", "—", "——", "－", "–", "/", "0", "0.00"}
MINUS = ("-", "－", "−", "–")


class NotAFigure(ValueError):
    """The cell holds text that is not a figure."""


def parse_figure(value) -> Decimal:
    """A cell as a figure: numbers as they are, text with thousands separators or a unit,
    a dash for zero. Raises NotAFigure."""
    if value is None:
        return Decimal(0)
    if isinstance(value, bool):
        raise NotAFigure(str(value))
    if isinstance(value, int | float | Decimal):
        try:
            number = Decimal(str(value))
        except InvalidOperation as exc:
            raise NotAFigure(str(value)) from exc
    else:
        text = str(value).strip().replace(",", "").replace("，", "").replace(" ", "")
        text = text.replace("\u3000", "").replace("万元", "").replace("元", "")
        if text in ZERO_MARKS:
            return Decimal(0)
        negative = text.startswith(MINUS)
        if negative:
            text = text[1:]
        if not re.fullmatch(r"\d+(\.\d+)?", text):
            raise NotAFigure(str(value))
        number = Decimal(text)
        if negative:
            number = -number
    if not number.is_finite() or abs(number) >= Decimal(10) ** 14:
        raise NotAFigure(str(value))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def figure(value: Decimal) -> str:
    """1234.5 → "1,234.5"; 1200 → "1,200": as a report prints it, no trailing zeros."""
    value = Decimal(value).quantize(CENT)
    text = f"{value:,.2f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole in percent, rounded half up to one decimal."""
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def growth(previous: Decimal, current: Decimal) -> Decimal:
    """The change against last year in percent, one decimal (previous must not be zero)."""
    return percent(Decimal(current) - Decimal(previous), previous)


def signed_percent(value: Decimal) -> str:
    return f"+{value}%" if value > 0 else f"{value}%"


@dataclass(frozen=True)
class Line:
    """One line of a table as the arithmetic sees it."""

    name: str
    side: str  # "income" or "spending"
    previous: Decimal
    current: Decimal
    livelihood: bool = False
    level: int = 1

    @property
    def change(self) -> Decimal:
        return self.current - self.previous
